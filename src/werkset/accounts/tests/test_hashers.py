"""Passwords are stored with Argon2id (accounts/hashers.py); older PBKDF2 hashes still work
and are rewritten at the next log-in."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from werkset.conf import base

pytestmark = pytest.mark.django_db

PASSWORD = "een lang en goed wachtwoord"


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_een_nieuw_wachtwoord_wordt_met_argon2id_en_de_owasp_waarden_bewaard(make_user):
    user = make_user()
    user.set_password(PASSWORD)
    user.save()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_een_oud_pbkdf2_wachtwoord_werkt_en_wordt_bij_inloggen_herschreven(client, make_user):
    user = make_user()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
