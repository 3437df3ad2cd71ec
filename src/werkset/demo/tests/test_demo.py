"""`werkset demo` on a database with the regions and the catalogue: run once for the module
(a few seconds), each test's own changes (such as a second run) rolled back after it.
The command on other databases: test_demo_fresh.py."""

from io import StringIO

import pytest
from django.core.management import call_command

from werkset.accounts.models import RoleAssignment, User
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2021, regions_create

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(module_db) -> str:
    out = StringIO()
    with module_db(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
        regions_create()
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_once(demo_output: str, db: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """What the first run printed; the environment's password stays set for a second run."""
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    return demo_output


def test_een_account_per_rol_met_het_wachtwoord_uit_de_omgeving(demo_once: str) -> None:
    for role in ("rapporteur", "netwerklid", "landelijk", "beheerder"):
        user = User.objects.get(username=role)
        assert user.check_password("demo-wachtwoord-voor-test"), role
        assert RoleAssignment.objects.get(user=user).role == role
    assert "demo-wachtwoord-voor-test" not in demo_once
    assert RoleAssignment.objects.get(user__username="rapporteur").region.code == "friesland"
    assert RoleAssignment.objects.get(user__username="netwerklid").network.code == "noord-nederland"


def test_twee_keer_draaien_geeft_dezelfde_accounts(demo_once: str) -> None:
    call_command("demo", stdout=StringIO())
    assert User.objects.count() == 7
    assert RoleAssignment.objects.count() == 7


def test_demorapportages_een_compleet_en_vastgesteld_een_ter_bespreking(demo_once: str) -> None:
    from werkset.reports.models import Comment, Report, ReportStatus
    from werkset.reports.selectors import report_progress

    call_command("demo", stdout=StringIO())

    finalised = Report.objects.get(region__code="friesland", period="2024")
    assert finalised.status == ReportStatus.VASTGESTELD
    progress = report_progress(report=finalised)
    assert progress.total.answered == progress.total.total == 114
    assert finalised.practice_items.count() == 5
    assert finalised.quotes.count() == 5
    assert finalised.sources.count() == 5

    discussed = Report.objects.get(region__code="friesland", period="2025")
    assert discussed.status == ReportStatus.TER_BESPREKING
    assert discussed.started_from == finalised
    assert Comment.objects.filter(report=discussed, resolved_at__isnull=True).count() == 3
    assert Report.objects.filter(region__code="friesland", period__in=["2024", "2025"]).count() == 2
    assert "Friesland 2024 (v1) — Vastgesteld" in demo_once
