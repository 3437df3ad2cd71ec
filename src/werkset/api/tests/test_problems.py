"""Errors of the API are problem details with Dutch titles, whatever the kind of error."""

import pytest
from rest_framework import exceptions

from werkset.api.exceptions import problem_exception_handler
from werkset.api.services import api_token_create

ERRORS = [
    (exceptions.ValidationError({"naam": ["Verplicht."]}), "Ongeldige invoer"),
    (exceptions.ParseError(), "Het verzoek kon niet worden gelezen"),
    (exceptions.NotAuthenticated(), "Niet ingelogd"),
    (exceptions.AuthenticationFailed(), "Inloggen mislukt"),
    (exceptions.PermissionDenied(), "Geen toegang"),
    (exceptions.NotFound(), "Niet gevonden"),
    (exceptions.MethodNotAllowed("PATCH"), "Methode niet toegestaan"),
    (exceptions.NotAcceptable(), "Antwoordformaat niet beschikbaar"),
    (exceptions.UnsupportedMediaType("text/plain"), "Soort inhoud niet ondersteund"),
    (exceptions.Throttled(wait=30), "Te veel verzoeken"),
]


@pytest.mark.parametrize(("error", "title"), ERRORS, ids=lambda value: type(value).__name__)
def test_elke_fout_heeft_een_nederlandse_titel(error, title):
    response = problem_exception_handler(error, {})
    assert response is not None
    assert response.data["title"] == title
    assert response.data["status"] == error.status_code
    assert "je " not in str(response.data.get("detail", "")).lower()


def test_onbekende_token_geeft_nederlandse_probleemmelding(db):
    from rest_framework.test import APIClient

    client = APIClient()
    response = client.get("/api/v1/regios", HTTP_AUTHORIZATION="Token onzin")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Inloggen mislukt"


def test_verkeerde_methode_noemt_de_methode(rapporteur_friesland):
    from rest_framework.test import APIClient

    _token, key = api_token_create(user=rapporteur_friesland, name="test")
    client = APIClient()
    response = client.delete("/api/v1/regios", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 405
    assert response.json()["title"] == "Methode niet toegestaan"
    assert "DELETE" in response.json()["detail"]
