"""The 2028 / 1-of-114 scenario of issue 19, through the web as people meet it: a report
about a period that has not begun (2028) is refused, and so is a round for it; a report with
1 of its 114 questions answered goes to the network with warnings, and the network's chair
cannot decide on it while its assessments are missing. Each step says why in Dutch, and a
refused step changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.core.models import AuditEvent
from werkset.reports.models import Answer, Report, ReportStatus, StatusChange
from werkset.reports.tests.decide import network_chair
from werkset.reports.workflow import report_transition
from werkset.rounds.models import ReportingRound

pytestmark = pytest.mark.django_db

NOT_BEGUN = "De periode 2028 is nog niet begonnen: een rapportage gaat over een periode die al"
ROUND_NOT_BEGUN = "De periode 2028 is nog niet begonnen: een ronde wordt geopend voor een periode"
UNANSWERED = "113 van 114 indicatoren zijn nog niet beantwoord."
ASSESSMENTS = "Nog niet alles is beoordeeld."
WARNINGS = "Controleer dit voordat u verdergaat"
BLOCKS = "Los eerst dit op"


def _step_url(report: Report, name: str) -> str:
    return reverse("reports:transition", args=[report.pk, name])


@pytest.fixture
def one_of_114(client_for, rapporteur_friesland, report) -> Report:
    """Friesland 2025 with one answer, saved through its form, submitted for discussion."""
    answer = Answer.objects.filter(report=report).order_by("indicator__position").first()
    assert answer is not None
    response = client_for(rapporteur_friesland).post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": "0", "choice": "ja", "explanation": "Het enige antwoord (fictief)."},
    )
    assert response.status_code == 302
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


@pytest.fixture
def put_forward(client_for, rapporteur_friesland, one_of_114) -> Report:
    response = client_for(rapporteur_friesland).post(_step_url(one_of_114, "put_forward"))
    assert response.status_code == 302
    one_of_114.refresh_from_db()
    assert one_of_114.status == ReportStatus.VOORGELEGD
    return one_of_114


def test_een_rapportage_over_2028_wordt_geweigerd(
    client_for, rapporteur_friesland, catalogue_2021, open_round
):
    open_round("2025", catalogue_2021)
    client = client_for(rapporteur_friesland)
    audited = AuditEvent.objects.count()
    response = client.post(
        reverse("region_workspace", args=["friesland"]), {"period": "2028", "start_from": ""}
    )
    assert response.status_code == 200
    assert NOT_BEGUN in response.content.decode()
    assert not Report.objects.exists()
    assert AuditEvent.objects.count() == audited


def test_de_api_weigert_2028_met_dezelfde_boodschap(
    rapporteur_friesland, catalogue_2021, open_round
):
    from rest_framework.test import APIClient

    from werkset.api.services import api_token_create

    open_round("2025", catalogue_2021)
    client = APIClient()
    _token, key = api_token_create(user=rapporteur_friesland, name="script")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post(
        "/api/v1/rapportages", {"region": "friesland", "period": "2028"}, format="json"
    )
    assert response.status_code in (400, 409)
    assert NOT_BEGUN in response.json()["detail"]
    assert not Report.objects.exists()


def test_een_ronde_voor_2028_wordt_niet_geopend(client_for, landelijk, catalogue_2021):
    from datetime import date

    response = client_for(landelijk).post(
        reverse("rounds:index"),
        {
            "period": "2028",
            "catalogue_version": catalogue_2021.pk,
            "deadline": date(2029, 3, 1).isoformat(),
        },
    )
    assert response.status_code == 400
    assert ROUND_NOT_BEGUN in response.content.decode()
    assert not ReportingRound.objects.filter(period="2028").exists()
    assert not AuditEvent.objects.filter(action="round_opened").exists()


def test_indienen_met_1_van_114_waarschuwt(client_for, rapporteur_friesland, report):
    answer = Answer.objects.filter(report=report).order_by("indicator__position").first()
    assert answer is not None
    client = client_for(rapporteur_friesland)
    client.post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": "0", "choice": "ja", "explanation": "Het enige antwoord (fictief)."},
    )
    html = client.get(_step_url(report, "submit")).content.decode()
    assert "1 van 114 vragen beantwoord" in html
    assert WARNINGS in html
    assert UNANSWERED in html
    assert BLOCKS not in html


def test_voorleggen_met_1_van_114_waarschuwt_maar_houdt_niet_tegen(
    client_for, rapporteur_friesland, one_of_114
):
    client = client_for(rapporteur_friesland)
    page = client.get(_step_url(one_of_114, "put_forward"))
    html = page.content.decode()
    assert page.status_code == 200
    assert WARNINGS in html
    assert UNANSWERED in html
    assert ASSESSMENTS in html
    assert BLOCKS not in html
    assert f'action="{_step_url(one_of_114, "put_forward")}"' in html
    client.post(_step_url(one_of_114, "put_forward"))
    one_of_114.refresh_from_db()
    assert one_of_114.status == ReportStatus.VOORGELEGD


def test_de_voorzitter_ziet_wat_het_besluit_tegenhoudt_en_geen_formulier(client_for, put_forward):
    page = client_for(network_chair(put_forward)).get(_step_url(put_forward, "finalise"))
    html = page.content.decode()
    assert page.status_code == 200
    assert BLOCKS in html
    assert ASSESSMENTS in html
    assert UNANSWERED in html  # a warning beside the block
    assert 'name="decided_on"' not in html
    assert f'action="{_step_url(put_forward, "finalise")}"' not in html


def test_vaststellen_met_1_van_114_wordt_geweigerd_en_verandert_niets(client_for, put_forward):
    client = client_for(network_chair(put_forward))
    changes = StatusChange.objects.filter(report=put_forward).count()
    audited = AuditEvent.objects.count()
    response = client.post(
        _step_url(put_forward, "finalise"),
        {
            "decided_on": timezone.localdate().isoformat(),
            "decided_by": "Het RNZS in zijn vergadering (fictief)",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert ASSESSMENTS in html
    put_forward.refresh_from_db()
    assert put_forward.status == ReportStatus.VOORGELEGD
    assert put_forward.decided_on is None
    assert put_forward.finalised_at is None
    assert StatusChange.objects.filter(report=put_forward).count() == changes
    assert AuditEvent.objects.count() == audited


def test_een_voorgelegde_rapportage_heet_voorgelegd_niet_voorleggen(
    client_for, rapporteur_friesland, put_forward
):
    """The status is not the step's button: "Voorgelegd ter vaststelling", not the
    imperative "Voorleggen ter vaststelling" (one English msgid served both)."""
    html = (
        client_for(rapporteur_friesland)
        .get(reverse("reports:detail", args=[put_forward.pk]))
        .content.decode()
    )
    assert "Voorgelegd ter vaststelling" in html
    assert put_forward.get_status_display() == "Voorgelegd ter vaststelling"
