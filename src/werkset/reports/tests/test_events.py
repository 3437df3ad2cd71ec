"""Every state change of a report delivers its domain event once, after the commit, and
nothing when the transaction rolls back (core/events.py, ADR 14)."""

from functools import partial

import pytest
from django.utils import timezone

from werkset.core.testing import delivered, delivered_after_rollback
from werkset.reports.comment_services import comment_add, comment_resolve
from werkset.reports.events import (
    CommentAdded,
    CommentResolved,
    ReportCorrected,
    ReportFinalised,
    ReportPutForward,
    ReportReturned,
    ReportSentBack,
    ReportStarted,
    ReportSubmitted,
    ReportTakenBack,
)
from werkset.reports.models import Report
from werkset.reports.services import ReportError, report_start
from werkset.reports.tests.decide import assessments_completed, network_chair, report_decided
from werkset.reports.workflow import Decision, report_correct, report_transition
from werkset.rounds.testing import round_opened

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(report, rapporteur_friesland):
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


@pytest.fixture
def finalised(submitted, rapporteur_friesland):
    return report_decided(submitted, rapporteur_friesland)


@pytest.fixture
def comment(submitted, netwerklid_noord):
    return comment_add(report=submitted, user=netwerklid_noord, text="Klopt dit cijfer?")


def start(friesland, catalogue_2021, rapporteur_friesland):
    round_opened(period="2025", catalogue_version=catalogue_2021)
    return lambda: report_start(
        region=friesland, period="2025", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )


def test_starten_levert_report_started_na_de_commit(
    django_capture_on_commit_callbacks, friesland, catalogue_2021, rapporteur_friesland
):
    events = delivered(
        django_capture_on_commit_callbacks, start(friesland, catalogue_2021, rapporteur_friesland)
    )
    report = Report.objects.get()
    assert events == [
        ReportStarted(
            actor_id=rapporteur_friesland.pk,
            report_id=report.pk,
            network_id=friesland.network_id,
            region_id=friesland.pk,
            period="2025",
            started_from_id=None,
        )
    ]


def test_starten_dat_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, friesland, catalogue_2021, rapporteur_friesland
):
    action = start(friesland, catalogue_2021, rapporteur_friesland)
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []
    assert not Report.objects.exists()


@pytest.fixture
def put_forward(submitted, rapporteur_friesland):
    assessments_completed(submitted, rapporteur_friesland)
    return report_transition(report=submitted, name="put_forward", user=rapporteur_friesland)


@pytest.fixture
def chair(submitted):
    return network_chair(submitted)


# (step, the report's fixture, who moves, the event, from, to)
STEPS = [
    ("submit", "report", "rapporteur_friesland", ReportSubmitted, "concept", "ter_bespreking"),
    ("reopen", "submitted", "rapporteur_friesland", ReportReturned, "ter_bespreking", "concept"),
    (
        "put_forward",
        "submitted",
        "rapporteur_friesland",
        ReportPutForward,
        "ter_bespreking",
        "voorgelegd",
    ),
    (
        "take_back",
        "put_forward",
        "rapporteur_friesland",
        ReportTakenBack,
        "voorgelegd",
        "ter_bespreking",
    ),
    ("send_back", "put_forward", "chair", ReportSentBack, "voorgelegd", "ter_bespreking"),
    ("finalise", "put_forward", "chair", ReportFinalised, "voorgelegd", "vastgesteld"),
]


def _move(report, step, user):
    return partial(
        report_transition,
        report=report,
        name=step,
        user=user,
        note="n",
        decision=Decision(decided_on=timezone.localdate(), decided_by="Het RNZS", note="n")
        if step == "finalise"
        else None,
    )


@pytest.mark.parametrize(("step", "start_from", "who", "event", "source", "target"), STEPS)
def test_elke_stap_levert_zijn_gebeurtenis_na_de_commit(
    request, django_capture_on_commit_callbacks, step, start_from, who, event, source, target
):
    report = request.getfixturevalue(start_from)
    user = request.getfixturevalue(who)
    events = delivered(django_capture_on_commit_callbacks, _move(report, step, user))
    assert len(events) == 1
    assert type(events[0]) is event
    assert (events[0].actor_id, events[0].report_id) == (user.pk, report.pk)
    assert (events[0].from_status, events[0].to_status) == (source, target)
    assert events[0].note.endswith("n")


@pytest.mark.parametrize(("step", "start_from", "who", "event", "source", "target"), STEPS)
def test_een_stap_die_terugdraait_levert_niets(
    request, django_capture_on_commit_callbacks, step, start_from, who, event, source, target
):
    report = request.getfixturevalue(start_from)
    user = request.getfixturevalue(who)
    action = _move(report, step, user)
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []
    assert Report.objects.get(pk=report.pk).status == source


def test_een_geweigerde_stap_levert_niets(
    django_capture_on_commit_callbacks, comment, rapporteur_friesland
):
    def finalise() -> None:
        with pytest.raises(ReportError, match="openstaande"):
            report_decided(comment.report, rapporteur_friesland)

    assert delivered(django_capture_on_commit_callbacks, finalise) == []


def test_een_nieuwe_versie_levert_report_corrected(
    django_capture_on_commit_callbacks, finalised, rapporteur_friesland
):
    events = delivered(
        django_capture_on_commit_callbacks,
        lambda: report_correct(
            report=finalised, user=rapporteur_friesland, reason="Cijfers aangevuld"
        ),
    )
    new = Report.objects.get(corrects=finalised)
    assert events == [
        ReportCorrected(
            actor_id=rapporteur_friesland.pk,
            report_id=new.pk,
            corrects_id=finalised.pk,
            number=2,
            reason="Cijfers aangevuld",
        )
    ]


def test_een_nieuwe_versie_die_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, finalised, rapporteur_friesland
):
    action = partial(
        report_correct, report=finalised, user=rapporteur_friesland, reason="Cijfers aangevuld"
    )
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []


def test_commentaar_levert_comment_added(
    django_capture_on_commit_callbacks, submitted, netwerklid_noord
):
    events = delivered(
        django_capture_on_commit_callbacks,
        lambda: comment_add(report=submitted, user=netwerklid_noord, text="Klopt dit?"),
    )
    comment = submitted.comments.get()
    assert events == [
        CommentAdded(
            actor_id=netwerklid_noord.pk,
            report_id=submitted.pk,
            comment_id=comment.pk,
            kind=comment.kind,
        )
    ]


def test_commentaar_dat_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, submitted, netwerklid_noord
):
    action = partial(comment_add, report=submitted, user=netwerklid_noord, text="Klopt dit?")
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []


def test_afhandelen_levert_comment_resolved(
    django_capture_on_commit_callbacks, comment, rapporteur_friesland
):
    events = delivered(
        django_capture_on_commit_callbacks,
        lambda: comment_resolve(comment=comment, user=rapporteur_friesland),
    )
    assert events == [
        CommentResolved(
            actor_id=rapporteur_friesland.pk, report_id=comment.report_id, comment_id=comment.pk
        )
    ]


def test_afhandelen_dat_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, comment, rapporteur_friesland
):
    action = partial(comment_resolve, comment=comment, user=rapporteur_friesland)
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []


def test_nogmaals_afhandelen_levert_niets(
    django_capture_on_commit_callbacks, comment, rapporteur_friesland
):
    comment_resolve(comment=comment, user=rapporteur_friesland)
    action = partial(comment_resolve, comment=comment, user=rapporteur_friesland)
    assert delivered(django_capture_on_commit_callbacks, action) == []
