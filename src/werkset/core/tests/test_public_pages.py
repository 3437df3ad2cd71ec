"""The accessibility statement and security.txt: public, in Dutch, linked (issue 20)."""

from django.urls import reverse


def test_toegankelijkheidsverklaring_is_openbaar_en_nederlands(client, settings):
    settings.WERKSET_CONTACT_EMAIL = "toegankelijkheid@voorbeeld.nl"
    html = client.get(reverse("accessibility")).content.decode()
    assert "Toegankelijkheidsverklaring" in html
    assert "voldoet gedeeltelijk" in html
    assert "mailto:toegankelijkheid@voorbeeld.nl" in html


def test_elke_pagina_linkt_naar_de_toegankelijkheidsverklaring(client):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("accessibility")}"' in html


def test_security_txt_noemt_contact_en_verloopdatum(client, settings):
    settings.WERKSET_SECURITY_CONTACT = "mailto:security@voorbeeld.nl"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Contact: mailto:security@voorbeeld.nl" in text
    assert "Expires: " in text


def test_zonder_contact_geen_security_txt(client):
    assert client.get("/.well-known/security.txt").status_code == 404
