"""`werkset demo` where it refuses or makes its own password (test_demo.py: a normal run)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from werkset.accounts.models import User

pytestmark = pytest.mark.django_db


def test_zonder_omgevingswachtwoord_wordt_een_willekeurig_wachtwoord_getoond(
    regions, catalogue_2021, monkeypatch
):
    monkeypatch.delenv("WERKSET_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("demo", stdout=out)
    password = out.getvalue().strip().rsplit(": ", 1)[1].strip()
    assert len(password) >= 12
    assert User.objects.get(username="landelijk").check_password(password)


@override_settings(ENVIRONMENT="production")
def test_weigert_onder_productie_instellingen(regions):
    with pytest.raises(CommandError, match="productie"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


def test_vraagt_eerst_de_regios(db):
    with pytest.raises(CommandError, match="werkset regions load"):
        call_command("demo", stdout=StringIO())


def test_demorapportages_vragen_eerst_de_catalogus(regions, monkeypatch):
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    with pytest.raises(CommandError, match="werkset catalog load"):
        call_command("demo", stdout=StringIO())
