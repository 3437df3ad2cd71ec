from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from werkset.accounts.models import RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_een_account_per_rol_met_het_wachtwoord_uit_de_omgeving(regions, monkeypatch):
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    out = StringIO()
    call_command("demo", stdout=out)

    for role in ("rapporteur", "netwerklid", "landelijk", "beheerder"):
        user = authenticate(username=role, password="demo-wachtwoord-voor-test")
        assert user is not None, role
        assert RoleAssignment.objects.get(user=user).role == role
    assert "demo-wachtwoord-voor-test" not in out.getvalue()
    assert RoleAssignment.objects.get(user__username="rapporteur").region.code == "friesland"
    assert RoleAssignment.objects.get(user__username="netwerklid").network.code == "noord-nederland"


def test_zonder_omgevingswachtwoord_wordt_een_willekeurig_wachtwoord_getoond(regions, monkeypatch):
    monkeypatch.delenv("WERKSET_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("demo", stdout=out)
    password = out.getvalue().rsplit(": ", 1)[1].strip()
    assert len(password) >= 12
    assert authenticate(username="landelijk", password=password) is not None


def test_twee_keer_draaien_geeft_dezelfde_accounts(regions, monkeypatch):
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    assert User.objects.count() == 4
    assert RoleAssignment.objects.count() == 4


@override_settings(ENVIRONMENT="production")
def test_weigert_onder_productie_instellingen(regions):
    with pytest.raises(CommandError, match="productie"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


def test_vraagt_eerst_de_regios(db):
    with pytest.raises(CommandError, match="werkset regions load"):
        call_command("demo", stdout=StringIO())
