"""A report starts only in the open round of its period and uses the round's catalogue
version (issue 19): on the web, through the API and from a JSON archive; refused in Dutch,
with nothing created."""

import pytest
from django.urls import reverse

from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.problems import ImportRefused
from werkset.reports.models import Report
from werkset.reports.services import ReportError, report_start
from werkset.rounds.services import round_close

pytestmark = pytest.mark.django_db

NO_ROUND = "Er is geen open rapportageronde voor 2025"


def test_zonder_open_ronde_start_de_werkruimte_niets(
    client_for, rapporteur_friesland, catalogue_2021
):
    client = client_for(rapporteur_friesland)
    page = client.get(reverse("region_workspace", args=["friesland"])).content.decode()
    assert "Er is nu geen open rapportageronde" in page
    response = client.post(
        reverse("region_workspace", args=["friesland"]), {"period": "2025", "start_from": ""}
    )
    assert response.status_code == 200
    assert NO_ROUND in response.content.decode()
    assert not Report.objects.exists()


def test_in_een_gesloten_ronde_start_niets(
    rapporteur_friesland, friesland, catalogue_2021, open_round, landelijk
):
    round_close(reporting_round=open_round("2025", catalogue_2021), user=landelijk)
    with pytest.raises(ReportError, match=NO_ROUND):
        report_start(region=friesland, period="2025", user=rapporteur_friesland)
    assert not Report.objects.exists()


def test_de_werkruimte_biedt_de_open_ronde_en_gebruikt_haar_versie(
    client_for, rapporteur_friesland, catalogue_2021, catalogue_2_0, open_round
):
    open_round("2025", catalogue_2021)
    client = client_for(rapporteur_friesland)
    page = client.get(reverse("region_workspace", args=["friesland"])).content.decode()
    assert '<option value="2025">2025 — Werkset' in page
    client.post(reverse("region_workspace", args=["friesland"]), {"period": "2025"})
    assert Report.objects.get().catalogue_version == catalogue_2021


def test_een_andere_versie_dan_die_van_de_ronde_wordt_geweigerd(
    rapporteur_friesland, friesland, catalogue_2021, catalogue_2_0, open_round
):
    open_round("2025", catalogue_2021)
    with pytest.raises(ReportError, match="gebruikt catalogusversie"):
        report_start(
            region=friesland,
            period="2025",
            catalogue_version=catalogue_2_0,
            user=rapporteur_friesland,
        )
    assert not Report.objects.exists()


def test_een_toekomstige_periode_blijft_geweigerd(
    rapporteur_friesland, friesland, catalogue_2021, open_round
):
    with pytest.raises(ReportError, match="nog niet begonnen"):
        report_start(region=friesland, period="2099", user=rapporteur_friesland)


def _api(user):
    from rest_framework.test import APIClient

    from werkset.api.services import api_token_create

    client = APIClient()
    _token, key = api_token_create(user=user, name="script")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_de_api_weigert_een_start_buiten_een_ronde(rapporteur_friesland, catalogue_2021):
    response = _api(rapporteur_friesland).post(
        "/api/v1/rapportages", {"region": "friesland", "period": "2025"}, format="json"
    )
    assert response.status_code in (400, 409)
    assert NO_ROUND in response.json()["detail"]
    assert not Report.objects.exists()


def test_de_api_neemt_de_versie_van_de_ronde(rapporteur_friesland, catalogue_2021, open_round):
    open_round("2025", catalogue_2021)
    response = _api(rapporteur_friesland).post(
        "/api/v1/rapportages", {"region": "friesland", "period": "2025"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["catalogue_version"] == catalogue_2021.slug


def test_een_archief_importeren_vraagt_een_open_ronde(report, landelijk):
    from werkset.rounds.models import ReportingRound

    document = report_json(report=report)
    Report.objects.all().delete()
    round_close(reporting_round=ReportingRound.objects.get(period="2025"), user=landelijk)
    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=document, user=None)
    assert NO_ROUND in str(refused.value)
    assert not Report.objects.exists()
