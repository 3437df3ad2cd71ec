"""Single sign-on (OpenID Connect): off by default; on, matched on `sub`, roles from a claim."""

import logging
import os
import subprocess
import sys
from io import StringIO
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from werkset.accounts.models import Role, RoleAssignment, User
from werkset.accounts.oidc import WerksetOIDCBackend, role_claims_parse
from werkset.accounts.services import RoleClaim, roles_sync_from_claims
from werkset.conf.testing import settings_made
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
    "OIDC_STORE_ID_TOKEN": True,
}
# The backend is only in AUTHENTICATION_BACKENDS when single sign-on is on at start-up.
OIDC_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "werkset.accounts.oidc.WerksetOIDCBackend"]
FAILURE_MESSAGE = "Inloggen met het account van uw organisatie is niet gelukt"


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


def test_een_rapporteur_van_een_netwerk_komt_uit_de_claim(make_user, noord_nederland):
    user = make_user()
    wanted = role_claims_parse(["rapporteur:netwerk:noord-nederland"])
    roles_sync_from_claims(user=user, wanted=wanted)
    roles_sync_from_claims(user=user, wanted=wanted)  # the second log-in changes nothing
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.network, assignment.region) == (
        "rapporteur",
        noord_nederland,
        None,
    )


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


def _start_sso(client: Client) -> str:
    """Go to the provider as the log-in button does; the state the callback must carry."""
    response = client.get("/inloggen/sso/")
    return parse_qs(urlparse(response["Location"]).query)["state"][0]


def _token_response(status: int, body: bytes) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.url = OIDC_SETTINGS["OIDC_OP_TOKEN_ENDPOINT"]
    return response


# LOGIN_REDIRECT_URL_FAILURE as conf/base.py set it: a relative "login" from the callback.
@override_settings(**OIDC_SETTINGS, LOGIN_REDIRECT_URL_FAILURE="login")
def test_afgebroken_sso_login_eindigt_op_de_inlogpagina_met_een_melding(db):
    client = Client()
    state = _start_sso(client)
    response = client.get("/inloggen/sso/terug/", {"error": "access_denied", "state": state})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert FAILURE_MESSAGE in page.content.decode()


@override_settings(**OIDC_SETTINGS, AUTHENTICATION_BACKENDS=OIDC_BACKENDS)
def test_verkeerd_client_secret_geeft_een_melding_en_geen_500(db, caplog):
    client = Client()
    state = _start_sso(client)
    answer = _token_response(401, b'{"error": "invalid_client", "detail": "token-xyz"}')
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=answer) as token_call,
        caplog.at_level(logging.INFO, logger="werkset.accounts.oidc"),
    ):
        response = client.get("/inloggen/sso/terug/", {"code": "code-123", "state": state})
    assert token_call.called
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert FAILURE_MESSAGE in client.get(response["Location"]).content.decode()
    assert "HTTP 401" in caplog.text
    for secret in ("geheim", "code-123", "token-xyz", "invalid_client"):
        assert secret not in caplog.text


@override_settings(**OIDC_SETTINGS, AUTHENTICATION_BACKENDS=OIDC_BACKENDS)
def test_onbereikbare_provider_geeft_een_melding_en_geen_500(db):
    client = Client()
    state = _start_sso(client)
    with mock.patch(
        "mozilla_django_oidc.auth.requests.post", side_effect=requests.ConnectTimeout("weg")
    ):
        response = client.get("/inloggen/sso/terug/", {"code": "c", "state": state})
    assert response["Location"] == reverse("login")


def _log_in_through_sso(client: Client, claims: dict) -> None:
    """The whole callback with the provider's answers mocked: token, its check, userinfo."""
    state = _start_sso(client)
    nonce = client.session["oidc_states"][state]["nonce"]
    with (
        mock.patch.object(
            WerksetOIDCBackend,
            "get_token",
            return_value={"id_token": "id-token-abc", "access_token": "access"},
        ),
        mock.patch.object(WerksetOIDCBackend, "verify_token", return_value={"nonce": nonce}),
        mock.patch.object(WerksetOIDCBackend, "get_userinfo", return_value=claims),
    ):
        response = client.get("/inloggen/sso/terug/", {"code": "c", "state": state})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@override_settings(
    **OIDC_SETTINGS,
    AUTHENTICATION_BACKENDS=OIDC_BACKENDS,
    WERKSET_OIDC_END_SESSION_ENDPOINT="https://idp.voorbeeld.nl/logout",
)
def test_uitloggen_na_sso_logt_ook_uit_bij_de_provider(regions):
    client = Client()
    _log_in_through_sso(client, {"sub": "s-1", "werkset_roles": ["netwerklid:noord-nederland"]})
    user = User.objects.get(oidc_subject="s-1")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    target = urlparse(response["Location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://idp.voorbeeld.nl/logout"
    assert query["id_token_hint"] == ["id-token-abc"]
    assert query["post_logout_redirect_uri"] == ["http://testserver/inloggen/"]
    assert client.get(reverse("home")).status_code == 302  # werkset's session has ended
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=user).exists()


@override_settings(**OIDC_SETTINGS, AUTHENTICATION_BACKENDS=OIDC_BACKENDS)
def test_uitloggen_zonder_end_session_endpoint_blijft_bij_werkset(regions):
    client = Client()
    _log_in_through_sso(client, {"sub": "s-2"})
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


@override_settings(
    **OIDC_SETTINGS, WERKSET_OIDC_END_SESSION_ENDPOINT="https://idp.voorbeeld.nl/logout"
)
def test_uitloggen_na_inloggen_met_wachtwoord_blijft_bij_werkset(client_for, landelijk):
    client = client_for(landelijk)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def _user_change_data(user: User, **changes: str) -> dict[str, str]:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
        "organisation": "",
        "oidc_subject": user.oidc_subject or "",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


@override_settings(**OIDC_SETTINGS, WERKSET_OIDC_CREATE_USERS=False)
def test_beheerder_koppelt_een_bestaand_account_aan_sso(client_for, beheerder, make_user):
    person = make_user()
    url = reverse("admin:accounts_user_change", args=[person.pk])
    response = client_for(beheerder).post(url, _user_change_data(person, oidc_subject="abc-9"))
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.oidc_subject == "abc-9"
    event = AuditEvent.objects.get(action=AuditAction.USER_SSO_LINKED)
    assert event.actor == beheerder
    assert event.target_id == str(person.pk)
    assert event.detail == {"subject": "abc-9", "previous": None}
    # Now single sign-on finds the account, though it creates none.
    backend = WerksetOIDCBackend()
    with mock.patch.object(backend, "get_userinfo", return_value={"sub": "abc-9"}):
        assert backend.get_or_create_user("access", "id", {}) == person


def test_beheerder_ontkoppelt_een_account(client_for, beheerder, make_user):
    person = make_user()
    person.oidc_subject = "oud"
    person.save()
    url = reverse("admin:accounts_user_change", args=[person.pk])
    response = client_for(beheerder).post(url, _user_change_data(person, oidc_subject=""))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.oidc_subject is None
    event = AuditEvent.objects.get(action=AuditAction.USER_SSO_LINKED)
    assert event.detail == {"subject": None, "previous": "oud"}


def test_een_sso_identiteit_hoort_bij_een_account(client_for, beheerder, make_user):
    taken = make_user()
    taken.oidc_subject = "bezet"
    taken.save()
    person = make_user()
    url = reverse("admin:accounts_user_change", args=[person.pk])
    response = client_for(beheerder).post(url, _user_change_data(person, oidc_subject="bezet"))
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.oidc_subject is None
    assert not AuditEvent.objects.filter(action=AuditAction.USER_SSO_LINKED).exists()


def _run_werkset(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("WERKSET_")},
        "WERKSET_ENVIRONMENT": "development",
        **env,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, "-m", "werkset", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ontbrekende_ca_bundel_weigert_te_starten(tmp_path):
    result = _run_werkset(
        "check",
        WERKSET_DATA_DIR=str(tmp_path),
        WERKSET_OIDC_CA_BUNDLE=str(tmp_path / "bestaat-niet.pem"),
    )
    assert result.returncode != 0
    assert "WERKSET_OIDC_CA_BUNDLE" in result.stderr
    assert "bestaat niet" in result.stderr


def test_ca_bundel_controleert_de_tls_van_de_provider(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    made = settings_made(
        "development", WERKSET_DATA_DIR=str(tmp_path), WERKSET_OIDC_CA_BUNDLE=str(bundle)
    )
    assert made["OIDC_VERIFY_SSL"] == str(bundle)


DISCOVERY = {
    "issuer": "https://idp.voorbeeld.nl",
    "authorization_endpoint": "https://idp.voorbeeld.nl/authorize",
    "token_endpoint": "https://idp.voorbeeld.nl/token",
    "userinfo_endpoint": "https://idp.voorbeeld.nl/userinfo",
    "jwks_uri": "https://idp.voorbeeld.nl/jwks",
    "end_session_endpoint": "https://idp.voorbeeld.nl/logout",
}


def _discovery_answer(document: object) -> mock.Mock:
    answer = mock.Mock(status_code=200)
    answer.json.return_value = document
    return answer


def test_discover_toont_de_omgevingsvariabelen(tmp_path):
    out = StringIO()
    url = "https://idp.voorbeeld.nl/.well-known/openid-configuration"
    with (
        override_settings(OIDC_VERIFY_SSL=str(tmp_path / "ca.pem")),
        mock.patch("requests.get", return_value=_discovery_answer(DISCOVERY)) as fetch,
    ):
        call_command("oidc", "discover", url, stdout=out)
    assert fetch.call_args.args == (url,)
    assert fetch.call_args.kwargs["verify"] == str(tmp_path / "ca.pem")
    assert out.getvalue().split() == [
        "WERKSET_OIDC_AUTHORIZATION_ENDPOINT=https://idp.voorbeeld.nl/authorize",
        "WERKSET_OIDC_TOKEN_ENDPOINT=https://idp.voorbeeld.nl/token",
        "WERKSET_OIDC_USER_ENDPOINT=https://idp.voorbeeld.nl/userinfo",
        "WERKSET_OIDC_JWKS_ENDPOINT=https://idp.voorbeeld.nl/jwks",
        "WERKSET_OIDC_END_SESSION_ENDPOINT=https://idp.voorbeeld.nl/logout",
    ]


@override_settings(WERKSET_OIDC_DISCOVERY_URL="https://idp.voorbeeld.nl/.well-known/x")
def test_discover_zonder_url_neemt_de_instelling():
    with mock.patch("requests.get", return_value=_discovery_answer(DISCOVERY)) as fetch:
        call_command("oidc", "discover", stdout=StringIO())
    assert fetch.call_args.args == ("https://idp.voorbeeld.nl/.well-known/x",)


def test_discover_weigert_een_adres_dat_geen_https_is():
    document = {**DISCOVERY, "token_endpoint": "http://idp.voorbeeld.nl/token\nX=1"}
    with (
        mock.patch("requests.get", return_value=_discovery_answer(document)),
        pytest.raises(CommandError, match="token_endpoint"),
    ):
        call_command("oidc", "discover", "https://idp.voorbeeld.nl/x", stdout=StringIO())


def test_discover_meldt_een_onbereikbare_provider():
    with (
        mock.patch("requests.get", side_effect=requests.ConnectionError("weg")),
        pytest.raises(CommandError, match="niet op te halen"),
    ):
        call_command("oidc", "discover", "https://idp.voorbeeld.nl/x", stdout=StringIO())
