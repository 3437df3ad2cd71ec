"""Each event notifies exactly its audience (decided by the report policy), never the actor,
never anyone outside the report's scope, and nothing when the change rolls back."""

import pytest
from django.utils import timezone

from werkset.accounts.models import RoleAssignment
from werkset.accounts.services import role_revoke
from werkset.core.testing import delivered_after_rollback
from werkset.improvement.audit_services import peer_audit_invite
from werkset.notifications import kinds
from werkset.notifications.models import MailState, Notification, NotificationPreference
from werkset.reports.comment_services import comment_add
from werkset.reports.models import Comment, Report, ReportStatus
from werkset.reports.tests.decide import assessments_completed, report_decided
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def told(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def ids(*users) -> set[int]:
    return {user.pk for user in users}


@pytest.fixture
def under_discussion(report, rapporteur_friesland) -> Report:
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


@pytest.fixture
def put_forward(under_discussion, rapporteur_friesland) -> Report:
    """Put to the network with every assessment made (or marked not made, with a reason)."""
    assessments_completed(under_discussion, rapporteur_friesland)
    return report_transition(report=under_discussion, name="put_forward", user=rapporteur_friesland)


def test_ter_bespreking_meldt_de_leden_en_de_voorzitter(
    post_committed,
    report,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    response = post_committed(rapporteur_friesland, "reports:transition", report.pk, "submit")
    assert response.status_code == 302
    assert told(kinds.REPORT_SUBMITTED) == ids(netwerklid_noord, chair)


def test_de_melding_zegt_wat_en_welke_rapportage_zonder_inhoud_of_namen(
    post_committed, report, rapporteur_friesland, netwerklid_noord, chair
):
    post_committed(rapporteur_friesland, "reports:transition", report.pk, "submit")
    notification = Notification.objects.get(recipient=netwerklid_noord)
    assert notification.message == (
        "De rapportage van Friesland over 2025 is ter bespreking aan het netwerk voorgelegd."
    )
    assert notification.url == f"/rapportages/{report.pk}/"
    assert notification.data == {
        "report_id": report.pk,
        "unit": "Friesland",
        "period": "2025",
        "version": 1,
    }
    assert rapporteur_friesland.get_username() not in notification.message


def test_ter_vaststelling_meldt_de_leden_en_de_voorzitter(
    post_committed,
    under_discussion,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    post_committed(rapporteur_friesland, "reports:transition", under_discussion.pk, "put_forward")
    assert told(kinds.REPORT_PUT_FORWARD) == ids(netwerklid_noord, chair)


def test_teruggestuurd_meldt_de_rapporteurs_niet_de_voorzitter(
    post_committed,
    put_forward,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    response = post_committed(
        chair, "reports:transition", put_forward.pk, "send_back", note="Cijfers ontbreken"
    )
    assert response.status_code == 302
    assert told(kinds.REPORT_SENT_BACK) == ids(rapporteur_friesland, second_rapporteur)
    assert "Cijfers" not in Notification.objects.filter(kind=kinds.REPORT_SENT_BACK).first().message


def test_vastgesteld_meldt_rapporteurs_en_netwerk_niet_de_voorzitter(
    post_committed,
    put_forward,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    response = post_committed(
        chair,
        "reports:transition",
        put_forward.pk,
        "finalise",
        decided_on=timezone.localdate().isoformat(),
        decided_by="Het RNZS",
    )
    assert response.status_code == 302
    put_forward.refresh_from_db()
    assert put_forward.status == ReportStatus.VASTGESTELD
    assert told(kinds.REPORT_FINALISED) == ids(
        rapporteur_friesland, second_rapporteur, netwerklid_noord
    )


def test_nieuwe_versie_meldt_wie_de_rapportage_volgt(
    post_committed,
    under_discussion,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    report_decided(under_discussion, rapporteur_friesland)
    post_committed(
        rapporteur_friesland, "reports:correct", under_discussion.pk, reason="Een telfout."
    )
    assert told(kinds.REPORT_CORRECTED) == ids(second_rapporteur, netwerklid_noord, chair)
    assert "Versie 2 " in Notification.objects.filter(kind=kinds.REPORT_CORRECTED).first().message


def test_opmerking_meldt_de_rapporteurs_zonder_de_tekst(
    post_committed,
    under_discussion,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
    outsiders,
):
    post_committed(
        netwerklid_noord,
        "reports:comment_add",
        under_discussion.pk,
        text="Geheime inhoud van de opmerking",
        kind="correctie",
        theme="acuut",
    )
    assert told(kinds.COMMENT_ADDED) == ids(rapporteur_friesland, second_rapporteur)
    message = Notification.objects.filter(kind=kinds.COMMENT_ADDED).first().message
    assert "Geheime" not in message
    assert message.startswith("Er is een feitelijke correctie voorgesteld")


def test_afgehandelde_opmerking_meldt_de_schrijver(
    post_committed,
    under_discussion,
    rapporteur_friesland,
    second_rapporteur,
    netwerklid_noord,
    chair,
):
    comment = comment_add(report=under_discussion, user=netwerklid_noord, text="Klopt dit?")
    post_committed(
        rapporteur_friesland,
        "reports:comment_resolve",
        under_discussion.pk,
        comment.pk,
        resolution="Aangepast",
        next="detail",
    )
    assert Comment.objects.get(pk=comment.pk).resolved_at is not None
    assert told(kinds.COMMENT_RESOLVED) == ids(netwerklid_noord)


def test_wie_de_rapportage_niet_meer_ziet_krijgt_geen_melding(
    post_committed, under_discussion, rapporteur_friesland, netwerklid_noord
):
    comment = comment_add(report=under_discussion, user=netwerklid_noord, text="Klopt dit?")
    for assignment in RoleAssignment.objects.filter(user=netwerklid_noord):
        role_revoke(assignment=assignment, revoked_by=None)
    post_committed(
        rapporteur_friesland,
        "reports:comment_resolve",
        under_discussion.pk,
        comment.pk,
        next="detail",
    )
    assert told(kinds.COMMENT_RESOLVED) == set()


def test_niets_na_een_rollback(
    django_capture_on_commit_callbacks, under_discussion, netwerklid_noord, rapporteur_friesland
):
    leftovers = delivered_after_rollback(
        django_capture_on_commit_callbacks,
        lambda: comment_add(report=under_discussion, user=netwerklid_noord, text="x"),
    )
    assert leftovers == []
    assert not Notification.objects.exists()


def test_audituitnodiging_meldt_de_leden_van_het_uitgenodigde_netwerk(
    django_capture_on_commit_callbacks,
    under_discussion,
    rapporteur_friesland,
    netwerklid_noord,
    make_user,
    outsiders,
):
    from werkset.accounts.models import Role
    from werkset.regions.models import RegionalNetwork

    midden = RegionalNetwork.objects.get(code="midden-nederland")
    auditors = [make_user(Role.NETWERKLID, network=midden) for _ in range(2)]
    finalised = report_decided(under_discussion, rapporteur_friesland)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        audit = peer_audit_invite(report=finalised, auditor_network=midden, user=netwerklid_noord)
    assert told(kinds.AUDIT_INVITED) == ids(*auditors)
    assert Notification.objects.filter(kind=kinds.AUDIT_INVITED).first().url == (
        f"/verbeteren/audit/{audit.pk}/"
    )


def test_e_mail_volgt_de_voorkeur_en_de_naad_krijgt_elke_melding(
    post_committed, monkeypatch, report, rapporteur_friesland, netwerklid_noord, chair
):
    NotificationPreference.objects.create(user=chair, kind=kinds.REPORT_SUBMITTED, mail=False)
    seen = []
    monkeypatch.setattr("werkset.notifications.services.deliver", seen.append)
    post_committed(rapporteur_friesland, "reports:transition", report.pk, "submit")
    assert {n.recipient_id for n in seen} == ids(netwerklid_noord, chair)
    states = dict(Notification.objects.values_list("recipient_id", "mail"))
    assert states == {netwerklid_noord.pk: MailState.WANTED, chair.pk: MailState.NONE}


def test_bij_het_eigen_rapport_van_het_netwerk_horen_de_netwerkrapporteurs_het(
    post_committed, make_user, catalogue_2021, noord_nederland, netwerklid_noord, open_round
):
    from werkset.accounts.models import Role
    from werkset.reports.services import report_start

    open_round("2024", catalogue_2021)

    writer = make_user(Role.RAPPORTEUR, network=noord_nederland)
    co_writer = make_user(Role.RAPPORTEUR, network=noord_nederland)
    network_report = report_start(
        network=noord_nederland, period="2024", catalogue_version=catalogue_2021, user=writer
    )
    report_transition(report=network_report, name="submit", user=writer)
    post_committed(
        netwerklid_noord,
        "reports:comment_add",
        network_report.pk,
        text="Klopt dit?",
        kind="opmerking",
        theme="acuut",
    )
    assert told(kinds.COMMENT_ADDED) == ids(writer, co_writer)
    message = Notification.objects.filter(kind=kinds.COMMENT_ADDED).first().message
    assert "Noord-Nederland over 2024" in message
