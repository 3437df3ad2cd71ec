"""Every move of the report's workflow (reports/workflow.py TRANSITIONS) from every status:
from a status it allows, the move is made, audited and its event delivered after the commit;
from any other status it is refused and nothing changes (issue 19)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from werkset.core.events import DomainEvent
from werkset.core.models import AuditEvent
from werkset.core.testing import delivered
from werkset.core.workflow import StepRefused
from werkset.reports.models import Report, ReportStatus
from werkset.reports.services import ReportError
from werkset.reports.tests.decide import assessments_completed, network_chair
from werkset.reports.workflow import TRANSITIONS, Decision, report_transition

pytestmark = pytest.mark.django_db

CASES = [
    (transition.name, status)
    for transition in TRANSITIONS.transitions
    for status in ReportStatus.values
]


@pytest.fixture
def ready(report, rapporteur_friesland) -> Report:
    """A report that no guard stops: every assessment made (or marked not made), nothing
    open; a finalised report's decision recorded a day ago."""
    assessments_completed(report, rapporteur_friesland)
    return report


def _in_status(report: Report, status: str) -> Report:
    decided = status in (ReportStatus.VASTGESTELD, ReportStatus.INGETROKKEN)
    Report.objects.filter(pk=report.pk).update(
        status=status,
        finalised_at=timezone.now() - timedelta(days=1) if decided else None,
        decided_on=timezone.localdate() - timedelta(days=1) if decided else None,
        decided_by="Het RNZS" if decided else "",
    )
    return Report.objects.get(pk=report.pk)


def _mover(name: str, report: Report, request: pytest.FixtureRequest):
    who = TRANSITIONS.get(name).who
    if who == "decider":
        return network_chair(report)
    if who == "national":
        return request.getfixturevalue("landelijk")
    return request.getfixturevalue("rapporteur_friesland")


@pytest.mark.parametrize(("name", "status"), CASES)
def test_elke_stap_vanuit_elke_status(
    request, django_capture_on_commit_callbacks, ready, name, status
):
    transition = TRANSITIONS.get(name)
    report = _in_status(ready, status)
    user = _mover(name, report, request)
    audits = AuditEvent.objects.count()

    def move() -> None:
        report_transition(
            report=report,
            name=name,
            user=user,
            note="Een reden.",
            decision=Decision(decided_on=timezone.localdate(), decided_by="Het RNZS")
            if name == "finalise"
            else None,
        )

    if status in transition.sources:
        events = delivered(django_capture_on_commit_callbacks, move)
        assert Report.objects.get(pk=report.pk).status == transition.target
        assert AuditEvent.objects.count() > audits
        assert [type(event).__name__ for event in events if isinstance(event, DomainEvent)]
        assert all(getattr(event, "report_id", report.pk) == report.pk for event in events)
    else:
        with pytest.raises((ReportError, StepRefused, PermissionDenied)):
            delivered(django_capture_on_commit_callbacks, move)
        assert Report.objects.get(pk=report.pk).status == status
        assert AuditEvent.objects.count() == audits
