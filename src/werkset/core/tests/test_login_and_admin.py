import pytest
from django.urls import reverse

from werkset.accounts.tests.factories import TEST_PASSWORD
from werkset.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_inlogpagina_is_nederlands(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert "Gebruikersnaam" in html
    assert 'autocomplete="current-password"' in html


def test_inloggen_leidt_naar_de_start_en_wordt_gelogd(client, rapporteur_friesland):
    response = client.post(
        reverse("login"),
        {"username": rapporteur_friesland.username, "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rapporteur" in html
    assert "Friesland" in html
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=rapporteur_friesland).exists()


def test_verkeerd_wachtwoord_geeft_een_nederlandse_melding(client, rapporteur_friesland):
    response = client.post(
        reverse("login"), {"username": rapporteur_friesland.username, "password": "fout"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in html
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.detail == {"username": rapporteur_friesland.username}


def test_start_vraagt_inloggen(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302


def test_beheerschermen_alleen_voor_de_beheerder(client_for, beheerder, landelijk):
    assert client_for(beheerder).get(reverse("admin:index")).status_code == 200
    landelijk.is_staff = True  # staff without the role is not enough
    landelijk.save()
    assert client_for(landelijk).get(reverse("admin:index")).status_code == 302


def test_uitloggen_kan_alleen_met_post(client_for, landelijk):
    client = client_for(landelijk)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
