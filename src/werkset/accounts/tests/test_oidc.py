"""Single sign-on (OpenID Connect): off by default; on, matched on `sub`, roles from a claim."""

import os
import subprocess
import sys
from unittest import mock
from urllib.parse import parse_qs, urlparse

from django.test import Client, override_settings

from werkset.accounts.models import Role, RoleAssignment, User
from werkset.accounts.oidc import WerksetOIDCBackend, role_claims_parse
from werkset.accounts.services import RoleClaim, roles_sync_from_claims
from werkset.core.models import AuditAction, AuditEvent

OIDC_SETTINGS = {
    "WERKSET_OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": "werkset",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_RP_SCOPES": "openid profile email",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.voorbeeld.nl/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.voorbeeld.nl/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.voorbeeld.nl/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.voorbeeld.nl/jwks",
    "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_callback",
}


def test_sso_staat_standaard_uit(db):
    client = Client()
    assert client.get("/inloggen/sso/").status_code == 404
    assert client.get("/inloggen/sso/terug/").status_code == 404
    assert "sso" not in client.get("/inloggen/").content.decode()


@override_settings(**OIDC_SETTINGS)
def test_sso_aan_stuurt_naar_de_identity_provider(db):
    client = Client()
    page = client.get("/inloggen/")
    assert 'href="/inloggen/sso/"' in page.content.decode()
    response = client.get("/inloggen/sso/")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://idp.voorbeeld.nl/authorize"
    assert query["client_id"] == ["werkset"]
    assert query["redirect_uri"][0].endswith("/inloggen/sso/terug/")
    assert query["state"][0]


def test_rollen_uit_de_claim(regions):
    with override_settings(WERKSET_OIDC_ALLOWED_ROLES=["rapporteur", "netwerklid", "landelijk"]):
        assert role_claims_parse(
            [
                "rapporteur:friesland",
                "netwerklid:noord-nederland",
                "beheerder",
                "onzin",
                "netwerklid",
            ]
        ) == {RoleClaim("rapporteur", "friesland"), RoleClaim("netwerklid", "noord-nederland")}
        assert role_claims_parse("landelijk") == {RoleClaim("landelijk", "")}
        assert role_claims_parse({"niet": "een lijst"}) == set()


def test_rollen_worden_gelijkgetrokken_en_gelogd(make_user, friesland, utrecht):
    user = make_user(Role.RAPPORTEUR, region=utrecht)
    roles_sync_from_claims(
        user=user,
        wanted={RoleClaim("rapporteur", "friesland"), RoleClaim("rapporteur", "bestaat-niet")},
    )
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", "region__code")) == [
        ("rapporteur", "friesland")
    ]
    assert AuditEvent.objects.filter(
        action=AuditAction.ROLE_REVOKED, target_id=str(user.pk)
    ).exists()


@override_settings(**OIDC_SETTINGS)
def test_eerste_sso_login_maakt_een_account_zonder_wachtwoord(regions):
    backend = WerksetOIDCBackend()
    claims = {
        "sub": "abc-123",
        "preferred_username": "j.devries",
        "werkset_roles": ["netwerklid:noord-nederland"],
    }
    with mock.patch.object(backend, "get_userinfo", return_value=claims):
        user = backend.get_or_create_user("access", "id", {})
    assert user.oidc_subject == "abc-123"
    assert user.username == "j.devries"
    assert not user.has_usable_password()
    assert user.role_assignments.get().network.code == "noord-nederland"
    # The second time the same account is found by `sub`, not by name or e-mail.
    with mock.patch.object(backend, "get_userinfo", return_value={**claims, "werkset_roles": []}):
        again = backend.get_or_create_user("access", "id", {})
    assert again.pk == user.pk
    assert not again.role_assignments.exists()


@override_settings(**OIDC_SETTINGS)
def test_sso_koppelt_nooit_op_e_mailadres(make_user, regions):
    existing = make_user(Role.LANDELIJK)
    existing.email = "iemand@voorbeeld.nl"
    existing.save()
    backend = WerksetOIDCBackend()
    claims = {"sub": "xyz", "email": "iemand@voorbeeld.nl", "preferred_username": "iemand"}
    with mock.patch.object(backend, "get_userinfo", return_value=claims):
        user = backend.get_or_create_user("access", "id", {})
    assert user.pk != existing.pk
    assert User.objects.get(pk=existing.pk).oidc_subject is None


def test_sso_aan_zonder_endpoints_weigert_te_starten():
    env = {
        **os.environ,
        "WERKSET_ENVIRONMENT": "development",
        "WERKSET_OIDC_ENABLED": "true",
        "WERKSET_OIDC_CLIENT_ID": "werkset",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "werkset", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "WERKSET_OIDC_TOKEN_ENDPOINT" in result.stderr


@override_settings(**OIDC_SETTINGS)
def test_sso_laat_een_rol_die_de_provider_niet_mag_geven_staan(regions):
    backend = WerksetOIDCBackend()
    claims = {"sub": "b-1", "preferred_username": "beheer", "werkset_roles": ["landelijk"]}
    with mock.patch.object(backend, "get_userinfo", return_value=claims):
        user = backend.get_or_create_user("access", "id", {})
    from werkset.accounts.services import role_assign

    role_assign(user=user, role=Role.BEHEERDER, assigned_by=None)
    with mock.patch.object(backend, "get_userinfo", return_value=claims):
        backend.get_or_create_user("access", "id", {})
    user.refresh_from_db()
    assert set(user.role_assignments.values_list("role", flat=True)) == {"landelijk", "beheerder"}
    assert user.is_superuser
