"""Answers per region in the documents (issue 18): in a network's report, a region with an
answer of its own gets a line after the network's answer, in the rapport's answers in brief
and Bijlage 2 and in the vragenlijst, in the PDF's HTML and in the DOCX.

A network report and the demo's region report are built and rendered once per module (HTML
and DOCX, no PDF), inside a transaction that is rolled back.
"""

import re
from dataclasses import dataclass
from html import unescape
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from werkset.accounts.models import User
from werkset.catalogue.models import Indicator
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.demo.services import demo_reports_create, demo_users_create
from werkset.outputs.document import report_document
from werkset.outputs.story import report_html
from werkset.outputs.word import report_docx
from werkset.regions.models import RegionalNetwork
from werkset.regions.services import regions_load
from werkset.reports.models import Answer, Report
from werkset.reports.services import report_start
from werkset.rounds.testing import round_opened

CATALOGUE_2021 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml"
pytestmark = pytest.mark.django_db

GRONINGEN_LINE = (
    "Groningen: Deels, Kosten: € 1.250,00, Ureninzet: 12,5 uren (totaal), Alleen in de stad."
)
GRONINGEN = {
    "choice": "deels",
    "explanation": "Alleen in de stad.",
    "figures": {"kosten": "1250.00", "uren": "12.5"},
}


@dataclass
class Rendered:
    indicator_label: str
    network_rapport: str
    network_vragenlijst: str
    network_rapport_docx: str
    network_vragenlijst_docx: str
    region_rapport: str
    region_vragenlijst: str
    region_vragenlijst_docx: str
    queries_one_region: int
    queries_three_regions: int


def text_of(html: str) -> str:
    """The HTML's text as a reader sees it: tags dropped, entities read, spaces squashed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace(" :", ":")


def docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    lines += [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    return "\n".join(lines)


def _queries(report: Report) -> int:
    with CaptureQueriesContext(connection) as captured:
        report_document(report=report)
    return len(captured.captured_queries)


def _set(report: Report, indicator: Indicator, regional: dict) -> None:
    Answer.objects.filter(report=report, indicator=indicator).update(
        choice="ja", explanation="Het netwerk als geheel.", figures={}, regional=regional
    )


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker) -> Rendered:
    with django_db_blocker.unblock(), translation.override("nl"), transaction.atomic():
        regions_load(path=Path(settings.WERKSET_REGIONS_FILE))
        version = catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021)).version
        demo_users_create(password="demo-wachtwoord-voor-test")
        region_report, _concept = demo_reports_create()
        round_opened(period="2023", catalogue_version=version)
        network_report = report_start(
            network=RegionalNetwork.objects.get(code="noord-nederland"),
            period="2023",
            catalogue_version=version,
            user=User.objects.get(username="rapporteur-netwerk"),
        )
        indicators = list(
            Indicator.objects.filter(version=version, answer_type__key="oordeel_kosten_uren")
            .order_by("position")
            .select_related("answer_type")
        )
        indicator = indicators[0]
        _set(network_report, indicator, {"groningen": GRONINGEN})
        queries_one = _queries(network_report)
        for other in indicators[1:]:
            _set(network_report, other, {"friesland": GRONINGEN, "drenthe": GRONINGEN})
        queries_three = _queries(network_report)
        # Stale content in a region's report (the services refuse it) must not show.
        _set(region_report, indicator, {"groningen": GRONINGEN})
        result = Rendered(
            indicator_label=indicator.label,
            network_rapport=report_html(report=network_report),
            network_vragenlijst=report_html(report=network_report, variant="vragenlijst"),
            network_rapport_docx=docx_text(report_docx(report=network_report)),
            network_vragenlijst_docx=docx_text(
                report_docx(report=network_report, variant="vragenlijst")
            ),
            region_rapport=report_html(report=region_report),
            region_vragenlijst=report_html(report=region_report, variant="vragenlijst"),
            region_vragenlijst_docx=docx_text(
                report_docx(report=region_report, variant="vragenlijst")
            ),
            queries_one_region=queries_one,
            queries_three_regions=queries_three,
        )
        transaction.set_rollback(True)
    return result


def _chapters(html: str) -> str:
    return html[: html.index('id="bijlage-1"')]


def _appendix_2(html: str) -> str:
    return html[html.index('id="bijlage-2"') : html.index('id="bronnen"')]


def test_rapport_geeft_de_regio_in_het_kort_na_het_antwoord_van_het_netwerk(rendered):
    text = text_of(_chapters(rendered.network_rapport))
    network = text.index("Het netwerk als geheel.")
    assert text.index(GRONINGEN_LINE, network) > network


def test_rapport_bijlage_2_geeft_de_regio_bij_de_indicator(rendered):
    text = text_of(_appendix_2(rendered.network_rapport))
    label = text.index(rendered.indicator_label)
    assert text.index(GRONINGEN_LINE, label) > label


def test_vragenlijst_geeft_de_regio_na_het_antwoord_van_het_netwerk(rendered):
    text = text_of(rendered.network_vragenlijst)
    network = text.index("Het netwerk als geheel.")
    assert text.index(GRONINGEN_LINE, network) > network


def test_regios_in_de_volgorde_van_het_netwerk(rendered):
    text = text_of(rendered.network_vragenlijst)
    friesland = text.index("Friesland: Deels")
    assert text.index("Drenthe: Deels", friesland) > friesland


def test_rapport_docx_geeft_de_regio(rendered):
    assert rendered.network_rapport_docx.count(GRONINGEN_LINE) == 2  # in brief, Bijlage 2


def test_vragenlijst_docx_geeft_de_regio(rendered):
    assert GRONINGEN_LINE in rendered.network_vragenlijst_docx


def test_regiorapportage_heeft_geen_regioregels(rendered):
    for html in (rendered.region_rapport, rendered.region_vragenlijst):
        assert 'class="region-answer"' not in html
        assert "Groningen:" not in text_of(html)
    assert "Groningen:" not in rendered.region_vragenlijst_docx


def test_colofon_van_de_vragenlijst_noemt_het_regionale_netwerk(rendered):
    colophon = text_of(
        rendered.network_vragenlijst[rendered.network_vragenlijst.index('id="colofon"') :]
    )
    assert "Regionaal netwerk Noord-Nederland" in colophon
    assert "Regio " not in colophon
    assert "Regionaal netwerk: Noord-Nederland" in rendered.network_vragenlijst_docx


def test_colofon_van_een_regio_noemt_de_regio(rendered):
    colophon = text_of(
        rendered.region_vragenlijst[rendered.region_vragenlijst.index('id="colofon"') :]
    )
    assert "Regio Friesland (Noord-Nederland)" in colophon


def test_regels_per_regio_kosten_geen_extra_queries(rendered):
    assert rendered.queries_one_region == rendered.queries_three_regions


def test_titelpagina_van_het_rapport_noemt_het_regionale_netwerk_eenmaal(rendered):
    title_page = text_of(rendered.network_rapport[: rendered.network_rapport.index("<main>")])
    assert "Regionaal netwerk Noord-Nederland" in title_page
    assert title_page.count("Regionaal netwerk") == 1
    assert "Regio " not in title_page
