"""A report's assessments in the API (issue 22): maturity per theme, the toetsingskader
and the bottleneck codes, each "niet beoordeeld" with its reason; for whoever may see the
report; responses match openapi.yaml."""

import pytest

from werkset.api.tests.test_api import api_for, assert_matches, openapi  # noqa: F401
from werkset.catalogue.models import Theme
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.reports.models import Answer

pytestmark = pytest.mark.django_db

PATH = "/rapportages/{id}/beoordelingen"
KEY = "vt-zsm.ontwikkel.kosten-randvoorwaarden"


def url(report):
    return f"/api/v1/rapportages/{report.pk}/beoordelingen"


@pytest.fixture
def assessed(report):
    vt_zsm = Theme.objects.get(version=report.catalogue_version, key="vt-zsm")
    acuut = Theme.objects.get(version=report.catalogue_version, key="acuut")
    ThemeMaturity.objects.create(report=report, theme=vt_zsm, level=3, motivation="Loopt.")
    ThemeMaturity.objects.create(
        report=report, theme=acuut, level=None, not_assessed_reason="Nog geen afspraken."
    )
    CriterionAnswer.objects.create(report=report, criterion="mandaat", verdict="ja")
    CriterionAnswer.objects.create(
        report=report, criterion="partijen", verdict="", not_assessed_reason="Onbekend."
    )
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    BottleneckCode.objects.create(answer=answer, code="mandaat")
    return report


def test_de_rapporteur_leest_de_beoordelingen_volgens_het_schema(
    openapi,  # noqa: F811
    assessed,
    rapporteur_friesland,
):
    response = api_for(rapporteur_friesland).get(url(assessed))
    assert response.status_code == 200
    assert_matches(openapi, response, PATH, "get")


def test_volwassenheid_per_thema_met_de_reden_van_niet_beoordeeld(assessed, rapporteur_friesland):
    body = api_for(rapporteur_friesland).get(url(assessed)).json()
    by_theme = {item["theme"]: item for item in body["maturity"]}
    assert by_theme["vt-zsm"]["state"] == "beoordeeld"
    assert by_theme["vt-zsm"]["level"] == 3
    assert by_theme["vt-zsm"]["motivation"] == "Loopt."
    assert by_theme["acuut"]["state"] == "niet_beoordeeld"
    assert by_theme["acuut"]["level"] is None
    assert by_theme["acuut"]["not_assessed_reason"] == "Nog geen afspraken."
    assert {item["state"] for item in body["maturity"]} >= {"ontbreekt"}
    assert body["complete"] is False


def test_toetsingskader_en_knelpuntcodes(assessed, rapporteur_friesland):
    body = api_for(rapporteur_friesland).get(url(assessed)).json()
    criteria = {item["criterion"]: item for item in body["toetsingskader"]}
    assert len(criteria) == 5
    assert criteria["mandaat"]["verdict"] == "ja"
    assert criteria["partijen"]["state"] == "niet_beoordeeld"
    assert criteria["partijen"]["not_assessed_reason"] == "Onbekend."
    assert criteria["interventies"]["state"] == "ontbreekt"
    assert body["bottleneck_codes"] == [
        {"indicator": KEY, "code": "mandaat", "category": "samenwerking-partijen"}
    ]


def test_wie_de_rapportage_niet_ziet_krijgt_404(assessed, netwerklid_oost):
    response = api_for(netwerklid_oost).get(url(assessed))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
