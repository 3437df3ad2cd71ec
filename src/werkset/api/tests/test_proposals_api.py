"""Correction proposals in the API (ADR 21): made by a network member, accepted or declined
by the rapporteur, with the same rules as the web pages; responses match openapi.yaml."""

import pytest

from werkset.api.tests.test_api import api_for, assert_matches, openapi  # noqa: F401
from werkset.reports.models import Answer, AnswerChange, CorrectionProposal, ProposalStatus
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db

KEY = "acuut.ontwikkel.voorlichting-politie"


@pytest.fixture
def discussed(report, rapporteur_friesland):
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


def url(report, tail=""):
    return f"/api/v1/rapportages/{report.pk}/voorstellen{tail}"


def make(client, report, **values):
    body = {"indicator": KEY, "choice": "ja", "motivation": "Volgens het jaarverslag."}
    body.update(values)
    return client.post(url(report), body, format="json")


def test_een_netwerklid_stelt_via_de_api_een_waarde_voor(openapi, discussed, netwerklid_noord):  # noqa: F811
    client = api_for(netwerklid_noord)
    created = make(client, discussed, figures={})
    assert created.status_code == 201, created.json()
    assert_matches(openapi, created, "/rapportages/{id}/voorstellen", "post")
    assert created.json()["content"]["choice"] == "ja"
    listed = client.get(url(discussed))
    assert listed.status_code == 200
    assert_matches(openapi, listed, "/rapportages/{id}/voorstellen", "get")
    assert [p["status"] for p in listed.json()["results"]] == ["open"]


def test_een_ongeldig_voorstel_geeft_400_met_de_velden(discussed, netwerklid_noord):
    response = make(api_for(netwerklid_noord), discussed, choice="misschien")
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "choice"


def test_de_rapporteur_neemt_via_de_api_aan(
    openapi,  # noqa: F811
    discussed,
    netwerklid_noord,
    rapporteur_friesland,
):
    proposal_id = make(api_for(netwerklid_noord), discussed).json()["id"]
    client = api_for(rapporteur_friesland)
    accepted = client.post(
        url(discussed, f"/{proposal_id}/aannemen"), {"revision": 0}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()
    assert_matches(openapi, accepted, "/rapportages/{id}/voorstellen/{proposal}/aannemen", "post")
    assert accepted.json()["status"] == ProposalStatus.ACCEPTED
    change = AnswerChange.objects.get(answer__report=discussed, answer__indicator__key=KEY)
    assert (change.changed_by, change.proposed_by) == (rapporteur_friesland, netwerklid_noord)


def test_aannemen_na_een_wijziging_geeft_409(discussed, netwerklid_noord, rapporteur_friesland):
    proposal_id = make(api_for(netwerklid_noord), discussed).json()["id"]
    client = api_for(rapporteur_friesland)
    client.put(
        f"/api/v1/rapportages/{discussed.pk}/antwoorden/{KEY}",
        {"choice": "nee", "revision": 0},
        format="json",
    )
    response = client.post(
        url(discussed, f"/{proposal_id}/aannemen"), {"revision": 0}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["current"]["choice"] == "nee"
    assert Answer.objects.get(report=discussed, indicator__key=KEY).choice == "nee"
    assert CorrectionProposal.objects.get().is_open


def test_afwijzen_via_de_api_vraagt_een_reden(discussed, netwerklid_noord, rapporteur_friesland):
    proposal_id = make(api_for(netwerklid_noord), discussed).json()["id"]
    client = api_for(rapporteur_friesland)
    target = url(discussed, f"/{proposal_id}/afwijzen")
    assert client.post(target, {"reason": ""}, format="json").status_code == 400
    declined = client.post(target, {"reason": "Klopt al."}, format="json")
    assert declined.json()["decline_reason"] == "Klopt al."


def test_een_netwerklid_beslist_niet_via_de_api(discussed, netwerklid_noord):
    client = api_for(netwerklid_noord)
    proposal_id = make(client, discussed).json()["id"]
    response = client.post(
        url(discussed, f"/{proposal_id}/aannemen"), {"revision": 0}, format="json"
    )
    assert response.status_code == 403


def test_buiten_de_bespreking_geen_voorstel_via_de_api(report, netwerklid_noord):
    assert make(api_for(netwerklid_noord), report).status_code == 403
