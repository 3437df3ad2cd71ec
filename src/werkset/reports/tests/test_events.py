"""Every state change of a report delivers its domain event once, after the commit, and
nothing when the transaction rolls back (core/events.py, ADR 14)."""

from functools import partial

import pytest

from werkset.core.testing import delivered, delivered_after_rollback
from werkset.reports.events import (
    CommentAdded,
    CommentResolved,
    ReportCorrected,
    ReportFinalised,
    ReportReturned,
    ReportStarted,
    ReportSubmitted,
)
from werkset.reports.models import Report, ReportStatus
from werkset.reports.services import (
    ReportError,
    comment_add,
    comment_resolve,
    report_correct,
    report_start,
    report_transition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(report, rapporteur_friesland):
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


@pytest.fixture
def finalised(submitted, rapporteur_friesland):
    return report_transition(report=submitted, name="finalise", user=rapporteur_friesland)


@pytest.fixture
def comment(submitted, netwerklid_noord):
    return comment_add(report=submitted, user=netwerklid_noord, text="Klopt dit cijfer?")


def start(friesland, catalogue_2021, rapporteur_friesland):
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


STEPS = [
    ("submit", "report", ReportSubmitted, ReportStatus.CONCEPT, ReportStatus.TER_BESPREKING),
    ("reopen", "submitted", ReportReturned, ReportStatus.TER_BESPREKING, ReportStatus.CONCEPT),
    (
        "finalise",
        "submitted",
        ReportFinalised,
        ReportStatus.TER_BESPREKING,
        ReportStatus.VASTGESTELD,
    ),
]


@pytest.mark.parametrize(("step", "start_from", "event", "source", "target"), STEPS)
def test_elke_stap_levert_zijn_gebeurtenis_na_de_commit(
    request,
    django_capture_on_commit_callbacks,
    rapporteur_friesland,
    step,
    start_from,
    event,
    source,
    target,
):
    report = request.getfixturevalue(start_from)
    events = delivered(
        django_capture_on_commit_callbacks,
        lambda: report_transition(report=report, name=step, user=rapporteur_friesland, note="n"),
    )
    assert events == [
        event(
            actor_id=rapporteur_friesland.pk,
            report_id=report.pk,
            from_status=source,
            to_status=target,
            note="n",
        )
    ]


@pytest.mark.parametrize(("step", "start_from", "event", "source", "target"), STEPS)
def test_een_stap_die_terugdraait_levert_niets(
    request,
    django_capture_on_commit_callbacks,
    rapporteur_friesland,
    step,
    start_from,
    event,
    source,
    target,
):
    report = request.getfixturevalue(start_from)
    action = partial(report_transition, report=report, name=step, user=rapporteur_friesland)
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []
    assert Report.objects.get(pk=report.pk).status == source


def test_een_geweigerde_stap_levert_niets(
    django_capture_on_commit_callbacks, comment, rapporteur_friesland
):
    def finalise() -> None:
        with pytest.raises(ReportError, match="openstaande"):
            report_transition(report=comment.report, name="finalise", user=rapporteur_friesland)

    assert delivered(django_capture_on_commit_callbacks, finalise) == []


def test_een_nieuwe_versie_levert_report_corrected(
    django_capture_on_commit_callbacks, finalised, rapporteur_friesland
):
    events = delivered(
        django_capture_on_commit_callbacks,
        lambda: report_correct(report=finalised, user=rapporteur_friesland),
    )
    new = Report.objects.get(corrects=finalised)
    assert events == [
        ReportCorrected(
            actor_id=rapporteur_friesland.pk, report_id=new.pk, corrects_id=finalised.pk, number=2
        )
    ]


def test_een_nieuwe_versie_die_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, finalised, rapporteur_friesland
):
    action = partial(report_correct, report=finalised, user=rapporteur_friesland)
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
