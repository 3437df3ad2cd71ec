"""Security headers and log-in throttling."""

import pytest
from django.urls import reverse

from werkset.accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part}


def test_strikte_csp_zonder_inline_scripts(client):
    policy = directives(client.get(reverse("login")))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_afdrukweergave_staat_alleen_haar_eigen_stijl_toe(client_for, rapporteur_friesland, report):
    response = client_for(rapporteur_friesland).get(reverse("outputs:print", args=[report.pk]))
    policy = directives(response)
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["script-src"] == ["'self'"]


def test_andere_beveiligingskoppen(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_na_vijf_mislukte_pogingen_pauzeert_inloggen(client, rapporteur_friesland):
    for _attempt in range(5):
        client.post(
            reverse("login"), {"username": rapporteur_friesland.username, "password": "fout"}
        )
    response = client.post(
        reverse("login"), {"username": rapporteur_friesland.username, "password": TEST_PASSWORD}
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert "Inloggen is gepauzeerd" in html
    assert "15 minuten" in html
    assert "_auth_user_id" not in client.session


def test_een_geslaagde_poging_telt_de_fouten_niet_mee(client, rapporteur_friesland):
    for _attempt in range(4):
        client.post(
            reverse("login"), {"username": rapporteur_friesland.username, "password": "fout"}
        )
    response = client.post(
        reverse("login"), {"username": rapporteur_friesland.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def test_privacyverklaring_is_openbaar_en_nederlands(client):
    html = client.get(reverse("privacy")).content.decode()
    assert "Privacyverklaring" in html
    assert "Verwerkingsregister" in html


def test_beheerder_exporteert_het_auditlog(client_for, beheerder, rapporteur_friesland):
    from werkset.core.models import AuditEvent

    client = client_for(beheerder)
    ids = list(AuditEvent.objects.values_list("pk", flat=True))
    response = client.post(
        reverse("admin:core_auditevent_changelist"),
        {"action": "export_csv", "_selected_action": ids},
    )
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "tijdstip,uitvoerder,handeling,object,samenvatting"
    assert any("role_assigned" in line for line in lines[1:])


def test_het_auditlog_als_csv_voert_geen_formules_uit(client_for, beheerder):
    from werkset.core.models import AuditEvent

    event = AuditEvent.objects.create(
        actor_name='=HYPERLINK("https://example.org","klik")', action="login", summary="+1"
    )
    response = client_for(beheerder).post(
        reverse("admin:core_auditevent_changelist"),
        {"action": "export_csv", "_selected_action": [event.pk]},
    )
    row = response.content.decode().splitlines()[1]
    assert "'=HYPERLINK" in row
    assert ",'+1" in row
