import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anoniem_wordt_naar_inloggen_gestuurd(client, catalogue_2021):
    response = client.get(reverse("catalogue:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_zonder_rol_geen_catalogus(client_for, make_user, catalogue_2021):
    response = client_for(make_user()).get(reverse("catalogue:index"))
    assert response.status_code == 403


def test_thema_toont_context_en_vragen(client_for, rapporteur_friesland, catalogue_2021):
    url = reverse("catalogue:theme", args=[catalogue_2021.slug, "actieoverleg"])
    response = client_for(rapporteur_friesland).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoe vaak is het Actie-overleg?" in html
    assert "Frequentie en deelnemers" in html
    assert "Kwaliteit" in html
    assert "Onbekend" in html


def test_thema_pagina_gebruikt_een_vast_aantal_queries(
    client_for, landelijk, catalogue_2021, django_assert_max_num_queries
):
    client = client_for(landelijk)
    url = reverse("catalogue:theme", args=[catalogue_2021.slug, "vt-zsm"])
    # 13: the header's count of unread notifications is one query on every page (ADR 24).
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200


def test_onbekend_thema_geeft_404(client_for, landelijk, catalogue_2021):
    url = reverse("catalogue:theme", args=[catalogue_2021.slug, "bestaat-niet"])
    assert client_for(landelijk).get(url).status_code == 404


def test_versiepagina_legt_antwoordtypen_uit(client_for, netwerklid_noord, catalogue_2021):
    response = client_for(netwerklid_noord).get(
        reverse("catalogue:version", args=[catalogue_2021.slug])
    )
    assert response.status_code == 200
    assert "Ja / nee / deels, met kosten en ureninzet" in response.content.decode()
