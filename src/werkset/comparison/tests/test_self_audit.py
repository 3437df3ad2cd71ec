"""A network's self-audit on Werkset 2.0 met resultaten (ADR 32) in the comparisons: its
value answers stand in the same row as the 2021 Waarde answers they continue ('zelfde'),
for each of the network's regions."""

import pytest
from django.urls import reverse

from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Indicator
from werkset.comparison.selectors.entries import (
    answers_for,
    comparison_entries,
    theme_indicators,
)
from werkset.comparison.selectors.side_by_side import side_by_side
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import Answer, Report, ReportStatus

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

HERHALING = "acuut.waarde.lagere-kans-op-herhaling-of-escalatie"


@pytest.fixture
def reports(catalogue_2021, catalogue_2_0_1, regions):
    def report(catalogue, content, **unit):
        made = Report.objects.create(
            period="2025", catalogue_version=catalogue, status=ReportStatus.VASTGESTELD, **unit
        )
        Answer.objects.create(
            report=made,
            indicator=Indicator.objects.get(version=catalogue, key=HERHALING),
            **content,
        )
        return made

    report(
        catalogue_2021,
        {"choice": "deels", "explanation": "Oud antwoord uit 2021."},
        region=Region.objects.get(code="ijsselland"),
    )
    report(
        catalogue_2_0_1,
        {"choice": "ja", "explanation": "Zelf-audit van het netwerk."},
        network=RegionalNetwork.objects.get(code="noord-nederland"),
    )


def test_waardeantwoord_van_de_zelf_audit_staat_naast_2021(landelijk, reports, catalogue_2_0_1):
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2025", catalogue=catalogue_2_0_1
    )
    indicators = theme_indicators(catalogue=catalogue_2_0_1, theme=None)
    rows = side_by_side(
        entries=entries,
        indicators=indicators,
        answers=answers_for(entries=entries, indicators=indicators),
    )
    row = next(row for row in rows if row.indicator.key == HERHALING)
    by_region = {cell.entry.region.code: cell for cell in row.cells if cell.answer is not None}
    assert by_region["ijsselland"].choice_label == "Deels"
    assert by_region["ijsselland"].answer.carried_relation == "zelfde"
    for code in ("groningen", "friesland", "drenthe"):
        assert by_region[code].choice_label == "Ja"


def test_vergelijkingspagina_toont_zelf_audit_en_2021(client_for, landelijk, reports):
    url = reverse("comparison:side_by_side") + "?periode=2025&thema=acuut&versie=werkset-2-0-1"
    html = client_for(landelijk).get(url).content.decode()
    assert "Oud antwoord uit 2021." in html
    assert "Zelf-audit van het netwerk." in html
