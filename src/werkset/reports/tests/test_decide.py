"""The network decides (issue 19): the rapporteur puts the report to the network, its chair
or secretary records the decision or sends it back; nobody decides on their own report."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.accounts.services import role_assign
from werkset.reports.models import ReportStatus
from werkset.reports.services import ReportError
from werkset.reports.tests.decide import assessments_completed, network_chair
from werkset.reports.workflow import Decision, report_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def put_forward(report, rapporteur_friesland):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    assessments_completed(report, rapporteur_friesland)
    return report_transition(report=report, name="put_forward", user=rapporteur_friesland)


def _decision(**changed) -> Decision:
    values = {"decided_on": timezone.localdate(), "decided_by": "Het RNZS"} | changed
    return Decision(**values)


def test_de_rapporteur_stelt_de_eigen_rapportage_niet_vast(
    put_forward, rapporteur_friesland, noord_nederland
):
    role_assign(
        user=rapporteur_friesland,
        role=Role.VASTSTELLER,
        network=noord_nederland,
        assigned_by=None,
    )
    with pytest.raises(PermissionDenied):
        report_transition(
            report=put_forward, name="finalise", user=rapporteur_friesland, decision=_decision()
        )
    put_forward.refresh_from_db()
    assert put_forward.status == ReportStatus.VOORGELEGD


def test_een_vergadering_in_de_toekomst_wordt_geweigerd(put_forward):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ReportError, match="toekomst"):
        report_transition(
            report=put_forward,
            name="finalise",
            user=network_chair(put_forward),
            decision=_decision(decided_on=tomorrow),
        )
    put_forward.refresh_from_db()
    assert put_forward.status == ReportStatus.VOORGELEGD
    assert put_forward.decided_on is None


def test_vaststellen_legt_het_besluit_vast_in_de_geschiedenis(put_forward):
    chair = network_chair(put_forward)
    decided = report_transition(
        report=put_forward, name="finalise", user=chair, decision=_decision(note="Unaniem.")
    )
    assert (decided.status, decided.decided_by, decided.decision_note) == (
        ReportStatus.VASTGESTELD,
        "Het RNZS",
        "Unaniem.",
    )
    assert decided.decision_recorded_by == chair
    last = decided.status_changes.last()
    assert "Het RNZS" in last.note
    assert "Unaniem." in last.note


def test_terugsturen_vraagt_een_reden(put_forward):
    chair = network_chair(put_forward)
    with pytest.raises(ReportError, match="waarom"):
        report_transition(report=put_forward, name="send_back", user=chair)
    back = report_transition(
        report=put_forward, name="send_back", user=chair, note="Cijfers van 2021 aanvullen."
    )
    assert back.status == ReportStatus.TER_BESPREKING
    assert back.status_changes.last().note == "Cijfers van 2021 aanvullen."


def test_voorgelegd_verandert_niets_meer(client_for, put_forward, rapporteur_friesland):
    answer = put_forward.answers.first()
    response = client_for(rapporteur_friesland).post(
        reverse("reports:answer_save", args=[put_forward.pk, answer.pk]),
        {"base_revision": "0", "explanation": "Nog even iets"},
    )
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.explanation == ""


def test_de_voorzitter_ziet_het_besluitformulier(client_for, put_forward):
    page = client_for(network_chair(put_forward)).get(
        reverse("reports:transition", args=[put_forward.pk, "finalise"])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="decided_on"' in html
    assert 'name="decided_by"' in html


def test_een_netwerklid_stelt_niet_vast(client_for, put_forward, netwerklid_noord):
    response = client_for(netwerklid_noord).post(
        reverse("reports:transition", args=[put_forward.pk, "finalise"]),
        {"decided_on": timezone.localdate().isoformat(), "decided_by": "Ik"},
    )
    assert response.status_code == 403
    put_forward.refresh_from_db()
    assert put_forward.status == ReportStatus.VOORGELEGD
