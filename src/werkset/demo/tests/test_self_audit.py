"""The demo's Werkset 2.0 self-audit of Noord-Nederland (issue 23 item 3): made by
`werkset demo` when "Werkset 2.0 met resultaten" is loaded, as the network's report in the
open round of 2026-H2, with every value question answered (fictitious)."""

from io import StringIO

import pytest
from django.core.management import call_command

from werkset.demo.self_audit import SELF_AUDIT_PERIOD, demo_self_audit_create
from werkset.reports.models import Answer, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_run(regions, catalogue_2021, catalogue_2_0_1, monkeypatch) -> str:
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_bevat_de_zelf_audit_van_het_netwerk_met_waardeantwoorden(
    demo_run: str, catalogue_2_0_1
) -> None:
    report = Report.objects.get(catalogue_version=catalogue_2_0_1)
    assert (report.network.code, report.region, report.period) == (
        "noord-nederland",
        None,
        SELF_AUDIT_PERIOD,
    )
    assert "Zelf-audit van het netwerk (Werkset 2.0 met resultaten): Noord-Nederland" in demo_run
    values = Answer.objects.filter(report=report, indicator__element__key="waarde")
    assert values.count() == 20
    for answer in values:
        assert answer.choice in {"ja", "deels"}
        assert answer.explanation.endswith("(fictief)")


def test_een_tweede_keer_maakt_geen_tweede_zelf_audit(demo_run: str, catalogue_2_0_1) -> None:
    first = Report.objects.get(catalogue_version=catalogue_2_0_1)
    assert demo_self_audit_create() == first
    assert Report.objects.filter(catalogue_version=catalogue_2_0_1).count() == 1


def test_zonder_de_versie_geen_zelf_audit(regions, catalogue_2021) -> None:
    assert demo_self_audit_create() is None
