"""The national demo data: every region and period, fictitious, idempotent, fast."""

import time

import pytest
from django.core.management import call_command

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


def test_werkset_demo_houdt_friesland_en_dupliceert_niets(catalogue_2021, regions, monkeypatch):
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-de-test")
    call_command("demo", stdout=None)
    call_command("demo", stdout=None)
    friesland = Report.objects.filter(region__code="friesland").order_by("period", "number")
    # 2022: Noord-Nederland's own report (demo/services.py) stands for its three regions.
    assert [(r.period, r.number) for r in friesland] == [
        ("2023", 1),
        ("2024", 1),
        ("2025", 1),
    ]
    assert Report.objects.filter(network__code="noord-nederland", region=None).count() == 1
    # + Oost-Nederland's 2025 concept, report put forward and removed concept (demo/states.py).
    assert Report.objects.count() == 25 * 3 + 1 - 3 + 1 + 3
    friesland_2024 = friesland.get(period="2024")
    assert ThemeMaturity.objects.filter(report=friesland_2024).count() == 5
