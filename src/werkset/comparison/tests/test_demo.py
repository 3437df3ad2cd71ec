"""The national demo data: every region and period, fictitious, idempotent, fast."""

import time

import pytest

from werkset.comparison.demo import DEMO_PERIODS, comparison_demo_create
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.reports.models import Report, ReportStatus

pytestmark = pytest.mark.django_db


def test_demo_maakt_vastgestelde_rapportages_voor_alle_regios_en_is_idempotent(
    catalogue_2021, regions
):
    started = time.monotonic()
    first = comparison_demo_create()
    assert time.monotonic() - started < 30
    assert first.reports == 25 * len(DEMO_PERIODS)
    assert Report.objects.filter(status=ReportStatus.VASTGESTELD).count() == 75
    assert ThemeMaturity.objects.count() == 75 * 5
    assert CriterionAnswer.objects.count() == 75 * 5
    assert BottleneckCode.objects.exists()
    assert "Fictief" in Report.objects.first().answers.first().explanation
    second = comparison_demo_create()
    assert (second.reports, second.skipped) == (0, 75)
    assert Report.objects.count() == 75
