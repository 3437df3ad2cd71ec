"""The length limit of an answer's texts through the API (issue 17): a problem, nothing saved."""

import pytest
from rest_framework.test import APIClient

from werkset.api.services import api_token_create
from werkset.reports.limits import EXPLANATION_MAX
from werkset.reports.models import Answer

pytestmark = pytest.mark.django_db

KEY = "acuut.ontwikkel.voorlichting-politie"


def api_for(user) -> APIClient:
    client = APIClient()
    _token, key = api_token_create(user=user, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_te_lange_toelichting_via_de_api_wordt_niet_bewaard(rapporteur_friesland, report):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/{KEY}"
    response = api_for(rapporteur_friesland).put(
        url, {"explanation": "a" * (EXPLANATION_MAX + 1), "revision": 0}, format="json"
    )
    assert response.status_code == 400
    assert str(EXPLANATION_MAX) in str(response.json())
    assert Answer.objects.get(report=report, indicator__key=KEY).revision == 0


def test_te_lang_perspectief_via_de_api_wordt_niet_bewaard(rapporteur_friesland, report):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/{KEY}"
    response = api_for(rapporteur_friesland).put(
        url,
        {"perspectives": {"politie": "a" * (EXPLANATION_MAX + 1)}, "revision": 0},
        format="json",
    )
    assert response.status_code == 400
    assert Answer.objects.get(report=report, indicator__key=KEY).revision == 0
