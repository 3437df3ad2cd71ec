"""The demo's Werkset 2.0 self-audit of Noord-Nederland (issue 23 item 3): made by
`werkset demo` when "Werkset 2.0 met resultaten" is loaded, as the network's report in the
open round of 2026-H2, with every value question answered (fictitious)."""

from io import StringIO

import pytest
from django.core.management import call_command

from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2_0_1, CATALOGUE_2021, regions_create
from werkset.demo.self_audit import SELF_AUDIT_PERIOD, demo_self_audit_create
from werkset.reports.models import Answer, Report

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(module_db) -> str:
    """One demo run for the module's tests (each test's writes are rolled back)."""
    out = StringIO()
    with module_db(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
        regions_create()
        for path in (CATALOGUE_2021, CATALOGUE_2_0_1):
            catalogue_version_publish(document=read_catalogue_file(path))
        call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_run(demo_output: str, db: None) -> str:
    return demo_output


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
