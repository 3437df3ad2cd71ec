"""The REST API: scope, tokens, writes through the same rules, problem details, and the
responses checked against the committed OpenAPI document."""

import io
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from rest_framework.test import APIClient

from werkset.api.models import ApiToken
from werkset.api.services import api_token_create, api_token_revoke
from werkset.core.models import AuditAction, AuditEvent
from werkset.reports.models import Answer, Report, ReportStatus

pytestmark = pytest.mark.django_db

OPENAPI_PATH = Path(settings.PACKAGE_DIR).parent.parent / "openapi.yaml"


@pytest.fixture(scope="module")
def openapi():
    return yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8"))


def assert_matches(openapi, response, path, method):
    """Validate a response body against the operation's schema in openapi.yaml."""
    registry = Registry().with_resource(
        "openapi.yaml", Resource.from_contents(openapi, default_specification=DRAFT202012)
    )
    parts = ["paths", path, method, "responses", str(response.status_code), "content"]
    parts += ["application/json", "schema"]
    pointer = "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)
    target = {"$ref": f"openapi.yaml#/{pointer}"}
    errors = list(Draft202012Validator(target, registry=registry).iter_errors(response.json()))
    assert not errors, [e.message for e in errors[:5]]


def api_for(user):
    client = APIClient()
    _token, key = api_token_create(user=user, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_het_vastgelegde_openapi_document_is_actueel(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--lang", "nl", "--file", str(generated), "--validate", stdout=io.StringIO()
    )
    assert generated.read_text(encoding="utf-8") == OPENAPI_PATH.read_text(encoding="utf-8"), (
        "openapi.yaml is verouderd: draai 'make openapi' en leg het resultaat vast."
    )


def test_zonder_inloggen_een_problem_details_antwoord(db):
    response = APIClient().get("/api/v1/rapportages")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == response.status_code


def test_ingetrokken_token_werkt_niet_meer(rapporteur_friesland):
    token, key = api_token_create(user=rapporteur_friesland, name="script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/regios").status_code == 200
    api_token_revoke(token=token, user=rapporteur_friesland)
    response = client.get("/api/v1/regios")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.API_TOKEN_CREATED, AuditAction.API_TOKEN_REVOKED} <= actions


def test_alleen_de_hash_van_een_token_wordt_bewaard(rapporteur_friesland):
    token, key = api_token_create(user=rapporteur_friesland, name="script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in (stored.key_hash, stored.prefix)
    assert key.startswith(stored.prefix)


def test_catalogus_en_regios(openapi, landelijk, catalogue_2021):
    client = api_for(landelijk)
    versions = client.get("/api/v1/catalogusversies")
    assert versions.json()["results"][0]["indicator_count"] == 114
    assert_matches(openapi, versions, "/catalogusversies", "get")
    regions = client.get("/api/v1/regios")
    assert len(regions.json()) == 25
    assert_matches(openapi, regions, "/regios", "get")
    detail = client.get(f"/api/v1/catalogusversies/{catalogue_2021.slug}")
    assert len(detail.json()["themes"]) == 5


def test_rapporteur_start_en_beantwoordt_via_de_api(
    openapi, rapporteur_friesland, catalogue_2021, open_round
):
    open_round("2025", catalogue_2021)
    client = api_for(rapporteur_friesland)
    created = client.post(
        "/api/v1/rapportages",
        {"region": "friesland", "period": "2025", "catalogue_version": "werkset-2021"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert_matches(openapi, created, "/rapportages", "post")
    report_id = created.json()["id"]
    url = f"/api/v1/rapportages/{report_id}/antwoorden/acuut.ontwikkel.voorlichting-politie"
    saved = client.put(
        url,
        {
            "choice": "ja",
            "figures": {"kosten": "12500.00", "uren": 80},
            "explanation": "Via API",
            "revision": 0,
        },
        format="json",
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["figures"] == {"kosten": "12500.00", "uren": "80.0"}
    assert saved.json()["revision"] == 1
    assert_matches(openapi, saved, "/rapportages/{id}/antwoorden/{indicator}", "put")
    detail = client.get(f"/api/v1/rapportages/{report_id}")
    assert_matches(openapi, detail, "/rapportages/{id}", "get")
    assert len(detail.json()["answers"]) == 114


def test_ongeldig_antwoord_geeft_invalid_params(rapporteur_friesland, report):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/acuut.uitvoering.crisismeldingen"
    response = api_for(rapporteur_friesland).put(
        url, {"figures": {"aantal": "veel"}, "revision": 0}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    [param] = response.json()["invalid-params"]
    assert param["name"] == "field-aantal"
    assert "geheel getal" in param["reason"]
    assert (
        Answer.objects.get(
            report=report, indicator__key="acuut.uitvoering.crisismeldingen"
        ).revision
        == 0
    )


def test_verouderde_revisie_geeft_409_met_de_huidige_tekst(
    rapporteur_friesland, second_rapporteur, report
):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/acuut.ontwikkel.voorlichting-politie"
    api_for(rapporteur_friesland).put(url, {"explanation": "Eerste", "revision": 0}, format="json")
    response = api_for(second_rapporteur).put(
        url, {"explanation": "Tweede", "revision": 0}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["current"]["explanation"] == "Eerste"


def test_statusovergangen_als_acties(rapporteur_friesland, report):
    from werkset.reports.tests.decide import assessments_completed, network_chair

    client = api_for(rapporteur_friesland)
    base = f"/api/v1/rapportages/{report.pk}"
    assert client.post(f"{base}/ter-vaststelling").status_code == 409
    assert client.post(f"{base}/voorleggen").json()["status"] == "ter_bespreking"
    assessments_completed(report, rapporteur_friesland)
    assert client.post(f"{base}/ter-vaststelling").json()["status"] == "voorgelegd"
    # The rapporteur does not decide; the network's chair does.
    decision = {"decided_on": timezone.localdate().isoformat(), "decided_by": "Het RNZS"}
    assert client.post(f"{base}/vaststellen", decision, format="json").status_code == 403
    chair = api_for(network_chair(report))
    decided = chair.post(f"{base}/vaststellen", decision, format="json")
    assert decided.json()["status"] == "vastgesteld"
    new = client.post(f"{base}/nieuwe-versie", {"reason": "Cijfers aangevuld"}, format="json")
    assert new.status_code == 201
    assert new.json()["number"] == 2


def test_scope_in_de_api(
    rapporteur_friesland, netwerklid_noord, netwerklid_oost, landelijk, report
):
    detail = f"/api/v1/rapportages/{report.pk}"
    assert api_for(netwerklid_noord).get(detail).status_code == 200
    assert api_for(netwerklid_oost).get(detail).status_code == 404
    assert api_for(landelijk).get(detail).status_code == 404
    assert api_for(landelijk).get("/api/v1/rapportages").json()["count"] == 0
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/acuut.ontwikkel.voorlichting-politie"
    assert (
        api_for(netwerklid_noord)
        .put(url, {"choice": "ja", "revision": 0}, format="json")
        .status_code
        == 403
    )
    assert (
        api_for(netwerklid_noord).post(f"/api/v1/rapportages/{report.pk}/voorleggen").status_code
        == 403
    )
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CONCEPT


def test_sessie_in_de_api_vraagt_csrf_voor_schrijven(client_for, rapporteur_friesland, report):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(rapporteur_friesland)
    assert client.get("/api/v1/rapportages").status_code == 200
    assert client.post(f"/api/v1/rapportages/{report.pk}/voorleggen").status_code == 403


def test_tokenpagina_intrekken(client_for, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    client.post("/account/api-tokens/", {"name": "Mijn script"})
    token = ApiToken.objects.get()
    client.post(f"/account/api-tokens/{token.pk}/intrekken/")
    token.refresh_from_db()
    assert not token.is_active


def test_documentatie_zonder_cdn(client_for, landelijk):
    html = client_for(landelijk).get("/api/v1/docs").content.decode()
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html


def test_nieuw_token_eenmalig_na_doorsturen_en_niet_in_de_cache(client_for, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    response = client.post("/account/api-tokens/", {"name": "Script"})
    assert response.status_code == 302
    page = client.get("/account/api-tokens/")
    assert "alleen nu getoond" in page.content.decode()
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert "alleen nu getoond" not in client.get("/account/api-tokens/").content.decode()
    assert ApiToken.objects.count() == 1


def test_api_waarschuwt_voor_persoonsgegevens(openapi, rapporteur_friesland, report):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/acuut.ontwikkel.voorlichting-politie"
    response = api_for(rapporteur_friesland).put(
        url,
        {"choice": "ja", "explanation": "Mail j.jansen@voorbeeld.nl", "revision": 0},
        format="json",
    )
    assert response.status_code == 200
    [warning] = response.json()["privacy_warnings"]
    assert "e-mailadres" in warning
    assert_matches(openapi, response, "/rapportages/{id}/antwoorden/{indicator}", "put")


def test_api_beschrijving_alleen_na_inloggen(client):
    assert client.get("/api/v1/schema").status_code == 401
    assert client.get("/api/v1/docs").status_code == 302


def test_herziene_uitgave_via_de_api_met_errata_en_oordeel_per_deel(
    openapi, rapporteur_friesland, catalogue_2021_1, open_round
):
    open_round("2025", catalogue_2021_1)
    client = api_for(rapporteur_friesland)
    versions = client.get("/api/v1/catalogusversies")
    assert_matches(openapi, versions, "/catalogusversies", "get")
    by_slug = {v["slug"]: v for v in versions.json()["results"]}
    assert by_slug["werkset-2021-1"]["continues"] == "werkset-2021"
    assert by_slug["werkset-2021"]["continues"] is None
    detail = client.get("/api/v1/catalogusversies/werkset-2021-1").json()
    assert len(detail["errata"]) == 14
    created = client.post(
        "/api/v1/rapportages",
        {"region": "friesland", "period": "2025", "catalogue_version": "werkset-2021-1"},
        format="json",
    )
    url = f"/api/v1/rapportages/{created.json()['id']}/antwoorden/samenhang.waarde.rnzs"
    refused = client.put(
        url, {"choice": "ja", "figures": {"pdca": "misschien"}, "revision": 0}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["invalid-params"][0]["name"] == "field-pdca"
    saved = client.put(
        url, {"choice": "ja", "figures": {"pdca": "deels"}, "revision": 0}, format="json"
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["figures"] == {"pdca": "deels"}
