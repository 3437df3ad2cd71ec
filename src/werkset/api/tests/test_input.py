"""Bad input to the API's answer gets a Dutch problem and changes nothing (findings M7, M8,
L1): a body nested too deeply, one that is not JSON or not UTF-8, and figures of the wrong
JSON type for their kind."""

import pytest
from django.utils import translation

from werkset.api.tests.test_api import api_for
from werkset.reports.models import Answer

pytestmark = pytest.mark.django_db

COUNT = "acuut.uitvoering.crisismeldingen"  # aantal_per_jaar: field "aantal" (kind aantal)
FREQUENCY = "actieoverleg.uitvoering.frequentie"  # field "frequentie" (kind frequentie)
PROBLEM = "application/problem+json"


def dutch(msgid: str) -> str:
    """werkset's text for a msgid, whether or not it is translated yet."""
    with translation.override("nl"):
        return translation.gettext(msgid)


def put_raw(client, report, key, body: bytes):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/{key}"
    return client.put(url, body, content_type="application/json")


def put(client, report, key, body):
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/{key}"
    return client.put(url, body, format="json")


def stored(report, key) -> Answer:
    return Answer.objects.get(report=report, indicator__key=key)


def test_diep_geneste_json_geeft_400_en_verandert_niets(rapporteur_friesland, report):
    deep = "[" * 50_000 + "]" * 50_000
    body = ('{"figures": {"aantal": ' + deep + '}, "revision": 0}').encode()
    client = api_for(rapporteur_friesland)
    client.raise_request_exception = False
    response = put_raw(client, report, COUNT, body)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Het verzoek kon niet worden gelezen"
    assert response.json()["detail"] == dutch("The request is nested too deeply.")
    assert stored(report, COUNT).revision == 0


@pytest.mark.parametrize(
    ("body", "msgid"),
    [
        (b'{"explanation": "\xff\xfe", "revision": 0}', "The request is not valid text (UTF-8)."),
        (b'{"figures": {"aantal": NaN}, "revision": 0}', "The request is not valid JSON."),
        (b'{"explanation": "open', "The request is not valid JSON."),
    ],
    ids=["geen-utf-8", "nan", "afgebroken"],
)
def test_onleesbare_json_krijgt_de_melding_van_werkset(rapporteur_friesland, report, body, msgid):
    """Not DRF's "JSON parse error - 'utf-8' codec can't decode ...", which stays English."""
    response = put_raw(api_for(rapporteur_friesland), report, COUNT, body)
    assert response.status_code == 400
    assert response.json()["detail"] == dutch(msgid)
    assert stored(report, COUNT).revision == 0


@pytest.mark.parametrize(
    "value",
    [[1, 2], {"x": 1}, {"aantal": 5, "per": "maand"}, True],
    ids=["lijst", "object", "frequentie", "boolean"],
)
def test_een_aantal_van_het_verkeerde_type_geeft_400_en_verandert_niets(
    rapporteur_friesland, report, value
):
    client = api_for(rapporteur_friesland)
    saved = put(client, report, COUNT, {"figures": {"aantal": 7}, "revision": 0})
    assert saved.status_code == 200, saved.json()
    response = put(client, report, COUNT, {"figures": {"aantal": value}, "revision": 1})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    [param] = response.json()["invalid-params"]
    assert param["name"] == "field-aantal"
    assert param["reason"].endswith(dutch("Expected a whole number."))
    answer = stored(report, COUNT)
    assert (answer.revision, answer.figures) == (1, {"aantal": 7})


def test_een_frequentie_is_een_object_met_aantal_en_per(rapporteur_friesland, report):
    client = api_for(rapporteur_friesland)
    frequency = {"aantal": 2, "per": "maand"}
    saved = put(client, report, FREQUENCY, {"figures": {"frequentie": frequency}, "revision": 0})
    assert saved.status_code == 200, saved.json()
    assert saved.json()["figures"] == {"frequentie": frequency}
    for wrong in (24, ["2", "maand"], {"aantal": [2], "per": "maand"}, {"keer": 2}):
        response = put(client, report, FREQUENCY, {"figures": {"frequentie": wrong}, "revision": 1})
        assert response.status_code == 400, wrong
        [param] = response.json()["invalid-params"]
        assert param["name"] == "field-frequentie"
    assert stored(report, FREQUENCY).figures == {"frequentie": frequency}


def test_een_meerkeuze_is_een_lijst_van_optiesleutels(rapporteur_friesland, report):
    answer = (
        Answer.objects.filter(report=report, indicator__answer_type__key="oordeel_organisaties")
        .select_related("indicator__answer_type")
        .first()
    )
    assert answer is not None
    [field] = answer.indicator.answer_type.fields
    options = [option["key"] for option in field["options"]][:2]
    key = answer.indicator.key
    client = api_for(rapporteur_friesland)
    body = {"choice": "ja", "figures": {field["key"]: options}, "revision": 0}
    saved = put(client, report, key, body)
    assert saved.status_code == 200, saved.json()
    assert saved.json()["figures"] == {field["key"]: options}
    for wrong in (options[0], {"a": options[0]}, [1, 2], [options]):
        body = {"choice": "ja", "figures": {field["key"]: wrong}, "revision": 1}
        response = put(client, report, key, body)
        assert response.status_code == 400, wrong
        [param] = response.json()["invalid-params"]
        assert param["name"] == f"field-{field['key']}"
        assert param["reason"].endswith(dutch("Expected a list of option keys."))
    assert stored(report, key).revision == 1


def test_een_voorstel_met_een_aantal_van_het_verkeerde_type_geeft_400(
    report, rapporteur_friesland, netwerklid_noord
):
    from werkset.reports.models import CorrectionProposal
    from werkset.reports.workflow import report_transition

    report_transition(report=report, name="submit", user=rapporteur_friesland)
    response = api_for(netwerklid_noord).post(
        f"/api/v1/rapportages/{report.pk}/voorstellen",
        {"indicator": COUNT, "figures": {"aantal": [1, 2]}, "motivation": "Volgens het verslag."},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "field-aantal"
    assert not CorrectionProposal.objects.exists()
