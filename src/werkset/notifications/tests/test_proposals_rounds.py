"""The rules of issue 21 that came with correction proposals, undo and reporting rounds:
each notifies exactly its audience (decided by the policy), never the actor, never an
outsider, nothing of the content, and nothing when the change rolls back."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.core.testing import delivered_after_rollback
from werkset.notifications import kinds
from werkset.notifications.models import MailState, Notification
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer, CorrectionProposal, Report
from werkset.reports.proposal_services import proposal_make
from werkset.reports.tests.decide import assessments_completed, report_decided
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db

KEY = "acuut.ontwikkel.voorlichting-politie"
EXPLANATION = "Volgens het geheime jaarverslag van de politie."


def told(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def ids(*users) -> set[int]:
    return {user.pk for user in users}


def message(kind: str) -> str:
    return Notification.objects.filter(kind=kind).first().message


@pytest.fixture
def under_discussion(report, rapporteur_friesland) -> Report:
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


@pytest.fixture
def answer(under_discussion) -> Answer:
    return Answer.objects.get(report=under_discussion, indicator__key=KEY)


@pytest.fixture
def proposal(answer, netwerklid_noord) -> CorrectionProposal:
    return proposal_make(
        answer=answer,
        user=netwerklid_noord,
        content=AnswerContent(choice="ja", explanation="Twee voorlichtingen."),
        explanation=EXPLANATION,
        base_revision=answer.revision,
    )


def _propose(post_committed, user, report, answer):
    return post_committed(
        user,
        "reports:proposal_add",
        report.pk,
        answer.pk,
        base_revision=str(answer.revision),
        choice="ja",
        explanation="Er waren twee voorlichtingen.",
        proposal_explanation=EXPLANATION,
    )


# Correction proposals ---------------------------------------------------------------------


def test_een_voorstel_meldt_de_rapporteurs_zonder_de_inhoud(
    post_committed,
    under_discussion,
    answer,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    response = _propose(post_committed, netwerklid_noord, under_discussion, answer)
    assert response.status_code == 302
    assert told(kinds.PROPOSAL_MADE) == ids(rapporteur_friesland, second_rapporteur)
    proposal = CorrectionProposal.objects.get()
    notification = Notification.objects.filter(kind=kinds.PROPOSAL_MADE).first()
    assert notification.message == (
        "Er is een correctievoorstel gedaan op de rapportage van Friesland over 2025."
    )
    assert notification.url == f"/rapportages/{under_discussion.pk}/#voorstel-{proposal.pk}"
    assert netwerklid_noord.get_username() not in notification.message


def test_een_aangenomen_voorstel_meldt_alleen_de_indiener(
    post_committed, proposal, rapporteur_friesland, second_rapporteur, netwerklid_noord, chair
):
    response = post_committed(
        rapporteur_friesland,
        "reports:proposal_accept",
        proposal.report_id,
        proposal.pk,
        seen_revision=str(proposal.answer.revision),
    )
    assert response.status_code == 302
    assert CorrectionProposal.objects.get().status == "aangenomen"
    assert told(kinds.PROPOSAL_ACCEPTED) == ids(netwerklid_noord)
    assert Notification.objects.get(kind=kinds.PROPOSAL_ACCEPTED).url == (
        f"/rapportages/{proposal.report_id}/#voorstellen"
    )
    assert "aangenomen" in message(kinds.PROPOSAL_ACCEPTED)


def test_een_afgewezen_voorstel_meldt_de_indiener_zonder_de_reden(
    post_committed, proposal, rapporteur_friesland, netwerklid_noord
):
    response = post_committed(
        rapporteur_friesland,
        "reports:proposal_decline",
        proposal.report_id,
        proposal.pk,
        reason="Het geheime jaarverslag telt anders.",
    )
    assert response.status_code == 302
    assert told(kinds.PROPOSAL_DECLINED) == ids(netwerklid_noord)
    assert "geheime" not in message(kinds.PROPOSAL_DECLINED)
    assert "afgewezen" in message(kinds.PROPOSAL_DECLINED)


def test_een_voorstel_dat_terugrolt_meldt_niets(
    django_capture_on_commit_callbacks, answer, netwerklid_noord
):
    leftovers = delivered_after_rollback(
        django_capture_on_commit_callbacks,
        lambda: proposal_make(
            answer=answer,
            user=netwerklid_noord,
            content=AnswerContent(choice="ja"),
            explanation=EXPLANATION,
            base_revision=answer.revision,
        ),
    )
    assert leftovers == []
    assert not Notification.objects.exists()


def test_het_voorstel_komt_als_mail_bij_de_smtp_server(
    settings,
    smtp_server,
    post_committed,
    under_discussion,
    answer,
    rapporteur_friesland,
    netwerklid_noord,
):
    settings.WERKSET_BASE_URL = "https://werkset.example"
    rapporteur_friesland.email = "rapporteur@friesland.example"
    rapporteur_friesland.save()
    _propose(post_committed, netwerklid_noord, under_discussion, answer)
    notification = Notification.objects.get(kind=kinds.PROPOSAL_MADE)
    assert notification.mail == MailState.QUEUED
    [mail] = smtp_server.messages
    assert mail["To"] == "rapporteur@friesland.example"
    text = smtp_server.text()
    assert "correctievoorstel" in text
    assert f"https://werkset.example/rapportages/{under_discussion.pk}/#voorstel-" in text
    assert "geheime" not in text


# A decided report withdrawn, a report taken back ------------------------------------------


def test_intrekken_meldt_rapporteurs_leden_en_voorzitter_niet_landelijk(
    post_committed,
    under_discussion,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    landelijk,
    outsiders,
):
    finalised = report_decided(under_discussion, rapporteur_friesland)
    Notification.objects.all().delete()
    response = post_committed(
        landelijk, "reports:transition", finalised.pk, "withdraw", note="Geheime reden"
    )
    assert response.status_code == 302
    assert told(kinds.REPORT_WITHDRAWN) == ids(
        rapporteur_friesland, second_rapporteur, netwerklid_noord, chair
    )
    assert "Geheime" not in message(kinds.REPORT_WITHDRAWN)
    assert "ingetrokken" in message(kinds.REPORT_WITHDRAWN)


def test_terugnemen_van_de_vaststelling_meldt_het_netwerk(
    post_committed,
    under_discussion,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    assessments_completed(under_discussion, rapporteur_friesland)
    report_transition(report=under_discussion, name="put_forward", user=rapporteur_friesland)
    response = post_committed(
        rapporteur_friesland, "reports:transition", under_discussion.pk, "take_back"
    )
    assert response.status_code == 302
    assert told(kinds.REPORT_TAKEN_BACK) == ids(netwerklid_noord, chair)
    assert "weer ter bespreking" in message(kinds.REPORT_TAKEN_BACK)


def test_terug_naar_concept_meldt_het_netwerk(
    post_committed, under_discussion, rapporteur_friesland, netwerklid_noord, chair, outsiders
):
    post_committed(rapporteur_friesland, "reports:transition", under_discussion.pk, "reopen")
    assert told(kinds.REPORT_TAKEN_BACK) == ids(netwerklid_noord, chair)
    assert "weer een concept" in message(kinds.REPORT_TAKEN_BACK)


# A reporting round opened -----------------------------------------------------------------


def test_een_geopende_ronde_meldt_elke_rapporteur(
    post_committed,
    catalogue_2021,
    rapporteur_friesland,
    make_user,
    netwerklid_noord,
    chair_noord,
    landelijk,
    beheerder,
):
    utrecht = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="utrecht"))
    network_writer = make_user(
        Role.RAPPORTEUR, network=RegionalNetwork.objects.get(code="noord-nederland")
    )
    gone = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="twente"))
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    deadline = timezone.localdate() + timedelta(days=40)
    response = post_committed(
        landelijk,
        "rounds:index",
        period="2024",
        catalogue_version=catalogue_2021.pk,
        deadline=deadline.isoformat(),
    )
    assert response.status_code == 302
    assert told(kinds.ROUND_OPENED) == ids(rapporteur_friesland, utrecht, network_writer)
    notification = Notification.objects.filter(kind=kinds.ROUND_OPENED).first()
    assert notification.message.startswith("De rapportageronde 2024 is geopend; de deadline is ")
    assert notification.url == reverse("home")


@pytest.fixture
def chair_noord(make_user, noord_nederland):
    return make_user(Role.VASTSTELLER, network=noord_nederland)
