"""NUL bytes refused with 400, no caching of signed-in pages, a Permissions-Policy."""

from django.urls import reverse


def test_een_nul_teken_in_een_parameter_geeft_400_in_het_nederlands(client_for, landelijk):
    response = client_for(landelijk).get(reverse("comparison:index"), {"periode": "20\x0025"})
    assert response.status_code == 400
    assert "NUL-teken" in response.content.decode()


def test_een_nul_teken_in_een_formulier_verandert_niets(client_for, rapporteur_friesland, report):
    response = client_for(rapporteur_friesland).post(
        reverse("reports:detail", args=[report.pk]), {"opmerking": "a\x00b"}
    )
    assert response.status_code == 400


def test_een_nul_teken_in_de_api_geeft_probleemdetails(client_for, landelijk):
    response = client_for(landelijk).get("/api/v1/rapportages", {"periode": "\x00"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400


def test_ingelogde_paginas_worden_niet_bewaard(client_for, landelijk):
    response = client_for(landelijk).get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_de_inlogpagina_heeft_ook_een_permissions_policy(client):
    assert "geolocation=()" in client.get(reverse("login"))["Permissions-Policy"]
