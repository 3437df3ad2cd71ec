from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from werkset.accounts.models import RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_een_account_per_rol_met_het_wachtwoord_uit_de_omgeving(
    regions, catalogue_2021, monkeypatch
):
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    out = StringIO()
    call_command("demo", stdout=out)

    for role in ("rapporteur", "netwerklid", "landelijk", "beheerder"):
        user = User.objects.get(username=role)
        assert user.check_password("demo-wachtwoord-voor-test"), role
        assert RoleAssignment.objects.get(user=user).role == role
    assert "demo-wachtwoord-voor-test" not in out.getvalue()
    assert RoleAssignment.objects.get(user__username="rapporteur").region.code == "friesland"
    assert RoleAssignment.objects.get(user__username="netwerklid").network.code == "noord-nederland"


def test_zonder_omgevingswachtwoord_wordt_een_willekeurig_wachtwoord_getoond(
    regions, catalogue_2021, monkeypatch
):
    monkeypatch.delenv("WERKSET_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("demo", stdout=out)
    password = out.getvalue().strip().rsplit(": ", 1)[1].strip()
    assert len(password) >= 12
    assert User.objects.get(username="landelijk").check_password(password)


def test_twee_keer_draaien_geeft_dezelfde_accounts(regions, catalogue_2021, monkeypatch):
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    assert User.objects.count() == 7
    assert RoleAssignment.objects.count() == 7


@override_settings(ENVIRONMENT="production")
def test_weigert_onder_productie_instellingen(regions):
    with pytest.raises(CommandError, match="productie"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


def test_vraagt_eerst_de_regios(db):
    with pytest.raises(CommandError, match="werkset regions load"):
        call_command("demo", stdout=StringIO())


def test_demorapportages_een_compleet_en_vastgesteld_een_ter_bespreking(
    regions, catalogue_2021, monkeypatch
):
    from werkset.reports.models import Comment, Report, ReportStatus
    from werkset.reports.selectors import report_progress

    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    out = StringIO()
    call_command("demo", stdout=out)
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
    assert "Friesland 2024 (v1) — Vastgesteld" in out.getvalue()


def test_demorapportages_vragen_eerst_de_catalogus(regions, monkeypatch):
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    with pytest.raises(CommandError, match="werkset catalog load"):
        call_command("demo", stdout=StringIO())
