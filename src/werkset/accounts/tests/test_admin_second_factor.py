"""The beheerder and other people's second factor (issue 17): no secret in the admin, no
adding or replacing a device, and a reset only through the audited action."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkset.accounts.services import totp_key_new, two_factor_enable
from werkset.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def code_for(key: str) -> str:
    totp = TOTP(bytes.fromhex(key))
    totp.time = time.time()
    return f"{totp.token():06d}"


def enabled(user) -> tuple[str, list[str]]:
    key = totp_key_new()
    _device, codes = two_factor_enable(user=user, key=key, code=code_for(key))
    return key, codes


def device_pages(user) -> list[str]:
    totp = TOTPDevice.objects.get(user=user).pk
    static = StaticDevice.objects.get(user=user).pk
    return [
        "/beheer/otp_totp/totpdevice/",
        "/beheer/otp_totp/totpdevice/add/",
        f"/beheer/otp_totp/totpdevice/{totp}/change/",
        f"/beheer/otp_totp/totpdevice/{totp}/config/",
        f"/beheer/otp_totp/totpdevice/{totp}/qrcode/",
        f"/beheer/otp_totp/totpdevice/{totp}/delete/",
        "/beheer/otp_static/staticdevice/",
        "/beheer/otp_static/staticdevice/add/",
        f"/beheer/otp_static/staticdevice/{static}/change/",
        f"/beheer/otp_static/staticdevice/{static}/delete/",
    ]


def test_beheerder_heeft_geen_schermen_voor_andermans_apparaten(client_for, beheerder, landelijk):
    enabled(landelijk)
    client = client_for(beheerder)
    assert {url: client.get(url).status_code for url in device_pages(landelijk)} == {
        url: 404 for url in device_pages(landelijk)
    }


def test_beheerder_kan_geen_apparaat_toevoegen(client_for, beheerder, landelijk):
    key = totp_key_new()
    response = client_for(beheerder).post(
        "/beheer/otp_totp/totpdevice/add/",
        {"user": landelijk.pk, "name": "eigen", "key": key, "step": 30, "digits": 6},
    )
    assert response.status_code == 404
    assert not TOTPDevice.objects.filter(user=landelijk).exists()


def test_geen_geheim_op_de_beheerschermen(client_for, beheerder, landelijk):
    key, codes = enabled(landelijk)
    client = client_for(beheerder)
    pages = [
        "/beheer/",
        "/beheer/accounts/user/",
        f"/beheer/accounts/user/{landelijk.pk}/change/",
        "/beheer/core/auditevent/",
    ]
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert key not in html, url
        assert not [code for code in codes if code in html], url
        assert "otp_totp" not in html, url
        assert "otp_static" not in html, url


def test_herstel_van_de_tweede_stap_staat_in_het_auditlog(client_for, beheerder, landelijk):
    enabled(landelijk)
    response = client_for(beheerder).post(
        "/beheer/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [landelijk.pk]},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_DISABLED)
    assert (event.actor, event.target_id) == (beheerder, str(landelijk.pk))
    assert not StaticDevice.objects.filter(user=landelijk).exists()
