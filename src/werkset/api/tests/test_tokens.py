"""API tokens expire, and the beheerder can see and revoke anyone's (issue 17)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from werkset.api.models import ApiToken
from werkset.api.services import api_token_create, api_token_revoke
from werkset.core.models import AuditAction, AuditEvent


def _get_with(key: str):
    return APIClient().get("/api/v1/regios", HTTP_AUTHORIZATION=f"Token {key}")


def test_een_nieuw_token_werkt_en_verloopt_na_de_ingestelde_dagen(rapporteur_friesland, settings):
    settings.WERKSET_API_TOKEN_DAYS = 30
    token, key = api_token_create(user=rapporteur_friesland, name="Script")
    assert _get_with(key).status_code == 200
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)


def test_een_verlopen_token_werkt_niet_meer(rapporteur_friesland):
    token, key = api_token_create(user=rapporteur_friesland, name="Script")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _get_with(key)
    assert response.status_code == 401
    assert "verlopen" in response.json()["detail"]


def test_de_tokenpagina_toont_tot_wanneer_een_token_geldt(client_for, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    client.post("/account/api-tokens/", {"name": "Script"})
    html = client.get("/account/api-tokens/").content.decode()
    assert "Geldig tot" in html


def test_de_beheerder_ziet_tokens_zonder_sleutel_en_trekt_ze_in(
    client_for, beheerder, rapporteur_friesland
):
    token, key = api_token_create(user=rapporteur_friesland, name="Script van Sanne")
    client = client_for(beheerder)
    listing = client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert "Script van Sanne" in listing
    assert key not in listing
    assert token.key_hash not in listing
    client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(
        action=AuditAction.API_TOKEN_REVOKED, actor=beheerder, target_id=str(token.pk)
    ).exists()


def test_een_ander_dan_eigenaar_of_beheerder_kan_niet_intrekken(
    rapporteur_friesland, second_rapporteur
):
    token, _key = api_token_create(user=rapporteur_friesland, name="Script")
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, user=second_rapporteur)
