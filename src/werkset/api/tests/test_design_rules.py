"""The Dutch API Design Rules where they apply (issue 17): no trailing slashes and no redirects,
an API-Version header, the OpenAPI document at openapi.json with contact and servers, problem
details for every error, pages with Link headers."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from werkset.accounts.models import Role
from werkset.api.pagination import LinkHeaderPagination
from werkset.api.services import api_token_create
from werkset.api.views import RegionViewSet
from werkset.reports.services import report_start

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def api_for(user):
    client = APIClient()
    _token, key = api_token_create(user=user, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_een_pad_met_slash_aan_het_eind_is_onbekend_zonder_doorverwijzing(landelijk):
    response = api_for(landelijk).get("/api/v1/regios/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert "Location" not in response
    assert "niet op een slash" in response.json()["detail"]


def test_een_onbekend_pad_geeft_een_probleem(landelijk):
    response = api_for(landelijk).get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Niet gevonden"
    assert response["API-Version"] == settings.WERKSET_API_VERSION


def test_een_onbekend_pad_zonder_inloggen_geeft_ook_een_probleem():
    response = APIClient().get("/api/v2/regios")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_elk_antwoord_noemt_de_versie_van_de_api(landelijk):
    assert api_for(landelijk).get("/api/v1/regios")["API-Version"] == "1.0.0"
    assert APIClient().get("/api/v1/regios")["API-Version"] == "1.0.0"


def test_de_api_heeft_een_wortel_zonder_slash(landelijk):
    response = api_for(landelijk).get("/api/v1")
    assert response.status_code == 200
    assert response.json()["regios"].endswith("/api/v1/regios")


def test_het_openapi_document_staat_op_openapi_json(landelijk):
    response = api_for(landelijk).get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    document = response.json()
    assert document["info"]["version"] == settings.WERKSET_API_VERSION
    assert document["info"]["contact"]["name"] == settings.WERKSET_OPERATOR_NAME
    assert document["servers"] == [
        {"url": "/api/v1", "description": "Deze installatie van werkset"}
    ]
    assert not [path for path in document["paths"] if path.endswith("/")]
    headers = document["paths"]["/catalogusversies"]["get"]["responses"]["200"]["headers"]
    assert set(headers) == {"API-Version", "Link"}
    conflict = document["paths"]["/rapportages"]["post"]["responses"]["409"]
    assert conflict == {"$ref": "#/components/responses/Problem409"}
    problem = document["components"]["responses"]["Problem409"]["content"]
    assert list(problem) == [PROBLEM]


def test_het_openapi_document_vraagt_om_inloggen():
    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_een_lijst_geeft_link_headers_per_pagina(landelijk, catalogue_2_0, monkeypatch):
    monkeypatch.setattr(LinkHeaderPagination, "page_size", 1)
    client = api_for(landelijk)
    first = client.get("/api/v1/catalogusversies")
    assert first.json()["count"] == 2
    assert 'rel="next"' in first["Link"]
    assert '/api/v1/catalogusversies?page=2>; rel="next"' in first["Link"]
    assert '/api/v1/catalogusversies?page=2>; rel="last"' in first["Link"]
    assert 'rel="prev"' not in first["Link"]
    second = client.get("/api/v1/catalogusversies", {"page": 2})
    assert '/api/v1/catalogusversies>; rel="prev"' in second["Link"]
    assert '/api/v1/catalogusversies>; rel="first"' in second["Link"]
    assert 'rel="next"' not in second["Link"]


def test_een_niet_ondersteund_antwoordformaat_geeft_een_probleem(landelijk):
    response = api_for(landelijk).get("/api/v1/regios", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Antwoordformaat niet beschikbaar"


def test_een_serverfout_in_de_api_geeft_een_probleem(landelijk, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(RegionViewSet, "list", broken)
    client = api_for(landelijk)
    client.raise_request_exception = False
    response = client.get("/api/v1/regios")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 500
    assert "stuk" not in response.content.decode()


def test_starten_vanaf_een_verborgen_of_onbekende_rapportage_geeft_hetzelfde_404(
    make_user, rapporteur_friesland, utrecht, catalogue_2021, open_round
):
    open_round("2025", catalogue_2021)
    utrecht_concept = report_start(
        region=utrecht,
        period="2025",
        catalogue_version=catalogue_2021,
        user=make_user(Role.RAPPORTEUR, region=utrecht),
    )
    client = api_for(rapporteur_friesland)
    start = {"region": "friesland", "period": "2025", "catalogue_version": "werkset-2021"}
    hidden = client.post(
        "/api/v1/rapportages", start | {"start_from": utrecht_concept.pk}, format="json"
    )
    missing = client.post("/api/v1/rapportages", start | {"start_from": 999999}, format="json")
    assert hidden.status_code == missing.status_code == 404
    assert hidden["Content-Type"] == PROBLEM
    out_of_range = client.post("/api/v1/rapportages", start | {"start_from": 10**20}, format="json")
    assert hidden.json() == missing.json() == out_of_range.json()
    assert hidden.json()["detail"] == "Er is geen rapportage met dit nummer die u mag zien."


def test_een_nul_teken_in_een_parameter_geeft_een_probleem(landelijk):
    response = api_for(landelijk).get("/api/v1/rapportages", {"regio": "fries\x00land"})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_een_nul_teken_in_een_json_veld_geeft_een_probleem(rapporteur_friesland, report):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/acuut.ontwikkel.voorlichting-politie"
    response = api_for(rapporteur_friesland).put(
        url, {"choice": "ja", "explanation": "a\x00b", "revision": 0}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["invalid-params"][0]["name"] == "explanation"


def test_een_nul_teken_in_de_periode_bij_starten_geeft_een_probleem(rapporteur_friesland, regions):
    response = api_for(rapporteur_friesland).post(
        "/api/v1/rapportages",
        {"region": "friesland", "period": "20\x0025", "catalogue_version": "werkset-2021"},
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_een_te_groot_verzoek_geeft_een_probleem(rapporteur_friesland, report, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = api_for(rapporteur_friesland)
    client.raise_request_exception = False
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/acuut.ontwikkel.voorlichting-politie"
    response = client.put(url, {"explanation": "x" * 20_000, "revision": 0}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Het verzoek kon niet worden gelezen"
