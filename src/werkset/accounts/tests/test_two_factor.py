"""The second log-in step: required for landelijk and beheerder, available to everyone."""

import re
import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkset.accounts.models import Role
from werkset.accounts.services import (
    RECOVERY_CODE_COUNT,
    role_assign,
    totp_key_new,
    two_factor_disable,
    two_factor_enable,
    two_factor_verify,
)
from werkset.core.models import AuditAction, AuditEvent

PASSWORD = "een-lang-wachtwoord-voor-tests"


def code_for(key: str, *, offset_steps: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key))
    totp.time = time.time() + offset_steps * 30
    return f"{totp.token():06d}"


def password_login(user) -> Client:
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enabled(user) -> tuple[str, list[str]]:
    key = totp_key_new()
    _device, codes = two_factor_enable(user=user, key=key, code=code_for(key))
    # The enabling code is used up; later tests use the next time step.
    return key, codes


def test_landelijk_moet_na_het_wachtwoord_eerst_een_app_koppelen(landelijk):
    client = password_login(landelijk)
    response = client.get("/vergelijken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/beveiliging/app-koppelen/?next=")


def test_beheerder_komt_zonder_tweede_stap_niet_in_het_beheer(beheerder):
    client = password_login(beheerder)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "/account/beveiliging/app-koppelen/" in response["Location"]


def test_rapporteur_zonder_app_kan_gewoon_verder(rapporteur_friesland):
    client = password_login(rapporteur_friesland)
    assert client.get("/").status_code == 200


def test_api_met_sessie_voor_de_tweede_stap_geeft_403_probleem(landelijk):
    client = password_login(landelijk)
    response = client.get("/api/v1/regios")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "tweede" in response.json()["title"].lower()


def test_koppelen_via_de_pagina_geeft_herstelcodes_en_daarna_toegang(landelijk):
    client = password_login(landelijk)
    page = client.get("/account/beveiliging/app-koppelen/?next=/vergelijken/")
    assert page.status_code == 200
    assert b"data:image/svg+xml" in page.content
    key = client.session["werkset_totp_key"]
    response = client.post(
        "/account/beveiliging/app-koppelen/", {"code": code_for(key), "next": "/vergelijken/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/beveiliging/herstelcodes/"
    codes_page = client.get("/account/beveiliging/herstelcodes/")
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page.content.decode())
    assert len(codes) == RECOVERY_CODE_COUNT
    assert b'href="/vergelijken/"' in codes_page.content
    # Shown once: a reload shows no codes.
    assert client.get("/account/beveiliging/herstelcodes/").status_code == 302
    assert client.get("/vergelijken/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_ENABLED).count() == 1


def test_een_verkeerde_code_bij_koppelen_koppelt_niets(landelijk):
    client = password_login(landelijk)
    client.get("/account/beveiliging/app-koppelen/")
    key = client.session["werkset_totp_key"]
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    response = client.post("/account/beveiliging/app-koppelen/", {"code": wrong})
    assert response.status_code == 400
    assert "Die code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=landelijk).exists()
    assert client.get("/vergelijken/").status_code == 302


def test_met_een_app_vraagt_inloggen_de_code(landelijk):
    key, _codes = enabled(landelijk)
    client = password_login(landelijk)
    response = client.get("/vergelijken/")
    assert response["Location"].startswith("/inloggen/tweede-stap/")
    done = client.post(
        "/inloggen/tweede-stap/", {"code": code_for(key, offset_steps=1), "next": "/vergelijken/"}
    )
    assert done.status_code == 302
    assert done["Location"] == "/vergelijken/"
    assert client.get("/vergelijken/").status_code == 200


def test_een_herstelcode_werkt_een_keer(landelijk):
    _key, codes = enabled(landelijk)
    first = password_login(landelijk)
    assert first.post("/inloggen/tweede-stap/", {"code": codes[0].upper()}).status_code == 302
    assert first.get("/vergelijken/").status_code == 200
    second = password_login(landelijk)
    response = second.post("/inloggen/tweede-stap/", {"code": codes[0]})
    assert response.status_code == 400
    assert StaticToken.objects.filter(device__user=landelijk).count() == RECOVERY_CODE_COUNT - 1
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_FAILED).count() == 1


def test_verkeerde_codes_worden_afgeremd(landelijk):
    key, _codes = enabled(landelijk)
    wrong = f"{(int(code_for(key, offset_steps=1)) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationError):
        two_factor_verify(user=landelijk, code=wrong)
    # Right after a failure the device waits; even the right code is refused then.
    with pytest.raises(ValidationError) as refused:
        two_factor_verify(user=landelijk, code=code_for(key, offset_steps=1))
    assert refused.value.code == "throttled"


def test_eigen_rol_vereist_dan_kan_uitzetten_niet(landelijk):
    enabled(landelijk)
    with pytest.raises(ValidationError) as refused:
        two_factor_disable(user=landelijk, disabled_by=landelijk)
    assert refused.value.code == "required"
    assert TOTPDevice.objects.filter(user=landelijk).exists()


def test_beheerder_zet_het_uit_bij_verloren_telefoon(landelijk, beheerder):
    enabled(landelijk)
    two_factor_disable(user=landelijk, disabled_by=beheerder)
    assert not TOTPDevice.objects.filter(user=landelijk).exists()
    assert not StaticToken.objects.filter(device__user=landelijk).exists()
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_DISABLED)
    assert event.actor == beheerder
    # At the next log-in the app is set up anew.
    assert "app-koppelen" in password_login(landelijk).get("/")["Location"]


def _verified_session(user, key: str) -> Client:
    client = password_login(user)
    client.post("/inloggen/tweede-stap/", {"code": code_for(key, offset_steps=1)})
    return client


def test_rapporteur_kan_het_zelf_weer_uitzetten_met_een_code(rapporteur_friesland):
    key, codes = enabled(rapporteur_friesland)
    client = _verified_session(rapporteur_friesland, key)
    response = client.post("/account/beveiliging/uitzetten/", {"uit-code": codes[0]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=rapporteur_friesland).exists()


def test_uitzetten_met_een_verkeerde_code_laat_het_aan(rapporteur_friesland):
    key, _codes = enabled(rapporteur_friesland)
    client = _verified_session(rapporteur_friesland, key)
    client.post("/account/beveiliging/uitzetten/", {"uit-code": "fout"})
    assert TOTPDevice.objects.filter(user=rapporteur_friesland).exists()


def test_apparaat_weggehaald_dan_moet_de_sessie_opnieuw_koppelen(landelijk, beheerder, client_for):
    client = client_for(landelijk)
    assert client.get("/vergelijken/").status_code == 200
    two_factor_disable(user=landelijk, disabled_by=beheerder)
    response = client.get("/vergelijken/")
    assert response.status_code == 302
    assert "app-koppelen" in response["Location"]


def test_volgende_adres_buiten_de_site_wordt_genegeerd(landelijk):
    key, _codes = enabled(landelijk)
    client = password_login(landelijk)
    response = client.post(
        "/inloggen/tweede-stap/",
        {"code": code_for(key, offset_steps=1), "next": "https://elders.example/"},
    )
    assert response["Location"] == "/"


def test_beheerder_herstelt_via_het_beheer(landelijk, beheerder, client_for):
    enabled(landelijk)
    client = client_for(beheerder)
    response = client.post(
        "/beheer/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [landelijk.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=landelijk).exists()


def test_sessie_van_voor_een_landelijke_rol_moet_alsnog_de_tweede_stap_doen(
    rapporteur_friesland, beheerder
):
    client = password_login(rapporteur_friesland)
    assert client.get("/").status_code == 200
    role_assign(user=rapporteur_friesland, role=Role.LANDELIJK, assigned_by=beheerder)
    response = client.get("/")
    assert response.status_code == 302
    assert "app-koppelen" in response["Location"]


def test_beheerrechten_midden_in_een_sessie_geven_geen_beheer_zonder_tweede_stap(
    rapporteur_friesland, beheerder
):
    client = password_login(rapporteur_friesland)
    role_assign(user=rapporteur_friesland, role=Role.BEHEERDER, assigned_by=beheerder)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "app-koppelen" in response["Location"]


def test_nieuwe_herstelcodes_zonder_geldige_code_niet(rapporteur_friesland):
    key, codes = enabled(rapporteur_friesland)
    client = _verified_session(rapporteur_friesland, key)
    refused = client.post("/account/beveiliging/herstelcodes/", {"herstel-code": "fout"})
    assert refused["Location"] == "/account/beveiliging/"
    assert StaticToken.objects.filter(token=codes[1]).exists()


def test_nieuwe_herstelcodes_met_een_geldige_code(rapporteur_friesland):
    key, codes = enabled(rapporteur_friesland)
    client = _verified_session(rapporteur_friesland, key)
    made = client.post("/account/beveiliging/herstelcodes/", {"herstel-code": codes[1]})
    assert made["Location"] == "/account/beveiliging/herstelcodes/"
    assert not StaticToken.objects.filter(token__in=codes).exists()
    assert StaticToken.objects.filter(device__user=rapporteur_friesland).count() == 10


def test_beheeractie_slaat_het_eigen_account_over_zonder_fout(landelijk, beheerder, client_for):
    enabled(landelijk)
    client = client_for(beheerder)
    response = client.post(
        "/beheer/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [beheerder.pk, landelijk.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=landelijk).exists()
    assert TOTPDevice.objects.filter(user=beheerder).exists()
