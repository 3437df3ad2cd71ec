"""The national demo with the corrected 2021 edition loaded (issue 23): a few regions wrote
their 2025 report on it, and the comparison of 2025 reads them with the rest."""

import pytest

from werkset.accounts.scope import scope_for_user
from werkset.comparison.demo import DEMO_REGIONS_2021_1, comparison_demo_create
from werkset.comparison.selectors.entries import comparison_entries
from werkset.reports.models import Answer, Report, ReportStatus

pytestmark = pytest.mark.django_db


def test_demo_maakt_rapportages_op_de_herziene_uitgave_voor_2025(
    catalogue_2021_1, catalogue_2_0, regions, landelijk
):
    comparison_demo_create()
    corrected = Report.objects.filter(catalogue_version=catalogue_2021_1)
    assert sorted(corrected.values_list("region__code", flat=True)) == sorted(DEMO_REGIONS_2021_1)
    assert set(corrected.values_list("period", "status").distinct()) == {
        ("2025", ReportStatus.VASTGESTELD)
    }
    parts = Answer.objects.filter(report__in=corrected, indicator__key="samenhang.waarde.rnzs")
    assert any("kartrekker" in a.figures for a in parts)
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2025", catalogue=catalogue_2021_1
    )
    versions = {e.report.catalogue_version.slug for e in entries}
    assert versions == {"werkset-2021-1", "werkset-2-0"}
    assert second_run_creates_nothing()


def second_run_creates_nothing() -> bool:
    return comparison_demo_create().reports == 0
