"""The national synthesis (issue 22 item 5) through HTTP: requested on the comparison page
by the national role, made by the worker (in-process here), downloaded as PDF and Word,
and its figures equal to what an independent count of the stored answers gives."""

import statistics
from collections import Counter
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from werkset.accounts.testing import force_login_verified
from werkset.catalogue.models import Indicator, Theme
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.comparison.vocabulary import CRITERIA
from werkset.documents.models import DocumentStatus, SynthesisDocument
from werkset.reports.models import Answer, ReportStatus

from .conftest import KOSTEN, TAFEL, kosten

pytestmark = pytest.mark.django_db

W1 = "vt-zsm.waarde.betere-afstemming-afweging-van-zorg-en-straf-in-afdoeningsbeslissing"
PERIOD = "2024"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def national(client, landelijk):
    force_login_verified(client, landelijk)
    return client


@pytest.fixture
def period_2024(make_report, catalogue_2021):
    """Four finalised regions and a concept, with assessments and a bottleneck code."""
    made = {
        "groningen": make_report(
            "groningen",
            answers={TAFEL: {"choice": "deelnemer"}, W1: {"choice": "ja"}, **kosten("1000")},
        ),
        "friesland": make_report(
            "friesland", answers={W1: {"choice": "deels"}, **kosten("48256,5".replace(",", "."))}
        ),
        "drenthe": make_report("drenthe", answers={W1: {"choice": "ja"}, **kosten("250")}),
        "utrecht": make_report("utrecht", answers={W1: {"choice": "nvt"}, **kosten("7000")}),
    }
    make_report(
        "twente", status=ReportStatus.CONCEPT, answers={W1: {"choice": "nee"}, **kosten("1")}
    )
    for criterion in CRITERIA:
        CriterionAnswer.objects.create(
            report=made["groningen"], criterion=criterion.key, verdict="ja"
        )
        CriterionAnswer.objects.create(
            report=made["drenthe"],
            criterion=criterion.key,
            verdict="nee" if criterion is CRITERIA[0] else "ja",
        )
    theme = Theme.objects.get(version=catalogue_2021, key="actieoverleg")
    ThemeMaturity.objects.create(report=made["groningen"], theme=theme, level=4, motivation="-")
    answer = Answer.objects.get(report=made["friesland"], indicator__key=W1)
    BottleneckCode.objects.create(answer=answer, code="mandaat")
    return made


def _request(client, capture, fmt: str, catalogue):
    with capture(execute=True):
        return client.post(
            reverse("comparison:synthesis_request"),
            {"periode": PERIOD, "versie": catalogue.slug, "formaat": fmt},
        )


def _download(client, capture, fmt, catalogue) -> bytes:
    response = _request(client, capture, fmt, catalogue)
    assert response.status_code == 302
    document = SynthesisDocument.objects.get(format=fmt)
    assert document.status == DocumentStatus.READY
    download = client.get(reverse("comparison:synthesis_download", args=[document.pk]))
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def _rows(content: bytes, first_header: str, wanted_header: str) -> list[list[str]]:
    """The rows of the Word tables whose header starts with `first_header` and names
    `wanted_header`, header first."""
    rows = []
    for table in docx.Document(BytesIO(content)).tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[0] == first_header and wanted_header in header:
            rows += [[cell.text for cell in row.cells] for row in table.rows]
    return rows


def _dutch(value: Decimal) -> str:
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",00")


def test_de_vergelijkingspagina_heeft_de_knop_voor_de_landelijke_rol(national, period_2024):
    html = national.get(reverse("comparison:index") + f"?periode={PERIOD}").content.decode()
    assert "Landelijke synthese" in html
    assert reverse("comparison:synthesis_request") in html


def test_een_regio_kan_de_synthese_niet_aanvragen(
    client, rapporteur_friesland, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    force_login_verified(client, rapporteur_friesland)
    page = client.get(reverse("comparison:index") + f"?periode={PERIOD}").content.decode()
    assert reverse("comparison:synthesis_request") not in page
    response = _request(client, django_capture_on_commit_callbacks, "pdf", catalogue_2021)
    assert response.status_code == 403
    assert not SynthesisDocument.objects.exists()


def test_een_onbekend_formaat_geeft_een_nederlandse_fout(
    national, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    response = _request(national, django_capture_on_commit_callbacks, "exe", catalogue_2021)
    assert response.status_code == 400
    assert "Kies PDF of Word." in response.content.decode()
    assert not SynthesisDocument.objects.exists()


def test_het_pdf_wordt_gemaakt_en_heeft_inhoud_en_een_pagina_per_regio(
    national, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    content = _download(national, django_capture_on_commit_callbacks, "pdf", catalogue_2021)
    reader = PdfReader(BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Landelijke synthese" in text
    assert "Inhoud" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    # The regions' pages: 25 regions, each at least one page after the national chapters.
    assert len(reader.pages) > 25
    assert "Niet beschikbaar" in text  # no inventory records support needs yet


def test_de_status_staat_op_de_vergelijkingspagina_na_de_aanvraag(
    national, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    _request(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    html = national.get(reverse("comparison:index") + f"?periode={PERIOD}").content.decode()
    document = SynthesisDocument.objects.get()
    assert reverse("comparison:synthesis", args=[document.pk]) in html
    assert "Klaar" in html


def test_een_tweede_aanvraag_hergebruikt_het_document(
    national, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    _request(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    _request(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    assert SynthesisDocument.objects.count() == 1
    BottleneckCode.objects.create(
        answer=Answer.objects.filter(report=period_2024["drenthe"]).first(), code="instroom"
    )
    _request(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    assert SynthesisDocument.objects.count() == 2


def test_een_gewijzigde_volwassenheid_na_vaststelling_geeft_een_nieuwe_synthese(
    national, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    _request(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    # Changed in bulk, without touching updated_at: the report's content change says so.
    ThemeMaturity.objects.filter(report=period_2024["groningen"]).update(motivation="Herzien.")
    _request(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    assert SynthesisDocument.objects.count() == 2


def test_de_cijfers_in_het_document_zijn_die_van_de_opgeslagen_antwoorden(
    national, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    content = _download(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    final = Answer.objects.filter(report__period=PERIOD, report__status=ReportStatus.VASTGESTELD)

    # The bandwidth: the median of the stored costs, computed here with Python's statistics.
    kosten_label = Indicator.objects.get(version=catalogue_2021, key=KOSTEN).label
    values = [Decimal(str(a.figures["kosten"])) for a in final.filter(indicator__key=KOSTEN)]
    figures = {(row[0], row[1]): row for row in _rows(content, "Vraag", "Mediaan")}
    row = figures[(kosten_label, "Kosten")]
    assert row[3:7] == [
        str(len(values)),
        _dutch(min(values)),
        _dutch(statistics.median(values)),
        _dutch(max(values)),
    ]

    # The spread of value: ja / deels / nee counted from the stored choices.
    counted = Counter(final.filter(indicator__key=W1).values_list("choice", flat=True))
    own = {k: counted[k] for k in ("ja", "deels", "nee")}
    label = Indicator.objects.get(version=catalogue_2021, key=W1).label
    values_rows = {
        row[0]: row for row in _rows(content, "Vraag", "Onbekend of niet van toepassing")
    }
    n = sum(own.values())
    assert values_rows[label][1] == str(n)
    assert values_rows[label][2:5] == [
        f"{own[k]} ({round(100 * own[k] / n)}%)" for k in ("ja", "deels", "nee")
    ]
    assert values_rows[label][5] == str(counted["nvt"])

    # The toetsingskader: regions whose five characteristics are all met.
    met = Counter(
        CriterionAnswer.objects.filter(verdict="ja").values_list("report__region__name", flat=True)
    )
    wel = sorted(name for name, count in met.items() if count == len(CRITERIA))
    verdicts = {row[0]: row for row in _rows(content, "Oordeel", "Regio's")}
    assert verdicts["Met een Actieoverleg"][1:] == [str(len(wel)), ", ".join(wel)]

    # The rode draad: n regions naming "Mandaat".
    named = set(
        BottleneckCode.objects.filter(code="mandaat").values_list(
            "answer__report__region__name", flat=True
        )
    )
    bottlenecks = {row[0]: row for row in _rows(content, "Knelpunt", "Regio's")}
    assert bottlenecks["Mandaat"][1] == str(len(named))


def test_elke_regio_heeft_een_pagina_met_een_link_naar_haar_rapportage(
    national, period_2024, catalogue_2021, django_capture_on_commit_callbacks
):
    content = _download(national, django_capture_on_commit_callbacks, "docx", catalogue_2021)
    text = "\n".join(p.text for p in docx.Document(BytesIO(content)).paragraphs)
    link = reverse("reports:detail", args=[period_2024["groningen"].pk])
    assert f"Link: http://testserver{link}" in text
    assert "Rapportage: geen vastgestelde rapportage in deze periode" in text  # e.g. Twente
    assert text.count("Regionaal netwerk: ") == 25
