"""Notifications on the domain events (core/events.py, ADR 14 and 24): one table, RULES.

A row says, for one event class, which kind of notification it makes, what it is about
(`about`: the values of the sentence, the page it links to, the report every recipient must
be able to see) and who hears of it (`audience`, from audiences.py, decided by the policy).
The actor is never told of their own act. Adding an event is a row here, a kind in
kinds.KINDS and its sentence's template.

Deadlines that pass (an improvement point's target date, a round's deadline near and passed)
are not events: the daily check (services.daily_check) finds them and calls services.notify
itself.

A report taken back by its rapporteur (from the decision, or from the discussion back to a
concept) is told to the network, who were asked to discuss or decide it; a concept removed
or restored, a round closed or its deadline moved are not told (nobody waits for them).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from werkset.accounts.models import User
from werkset.core.events import DomainEvent, subscribe
from werkset.improvement.events import PeerAuditInvited
from werkset.improvement.models import PeerAudit
from werkset.reports.events import (
    CommentAdded,
    CommentResolved,
    ProposalAccepted,
    ProposalDeclined,
    ProposalEvent,
    ProposalMade,
    ReportCorrected,
    ReportEvent,
    ReportFinalised,
    ReportPutForward,
    ReportReturned,
    ReportSentBack,
    ReportStatusChanged,
    ReportSubmitted,
    ReportTakenBack,
    ReportWithdrawn,
)
from werkset.reports.models import Comment, CommentKind, CorrectionProposal, Report, ReportStatus
from werkset.reports.policy import report_may_see
from werkset.rounds.events import RoundOpened
from werkset.rounds.models import ReportingRound

from . import kinds
from .audiences import (
    Scopes,
    all_rapporteurs,
    audit_auditors,
    comment_author,
    proposal_author,
    proposal_writers,
    report_network,
    report_people,
    report_writers,
)
from .round_values import round_values
from .services import notify


@dataclass(frozen=True)
class About:
    """What a notification is about: plain values for its sentence (stored as its data),
    the page it links to, the report each recipient must be able to see, and the object the
    audience is computed from."""

    values: dict[str, Any]
    url: str
    report: Report | None
    target: Any


@dataclass(frozen=True)
class Rule:
    kind: str
    about: Callable[[Any], About | None]
    audience: Callable[[Any, Scopes], list[User]]


def report_values(report: Report) -> dict[str, Any]:
    """Which report: its unit and period (and version), never its content."""
    return {
        "report_id": report.pk,
        "unit": report.unit.name,
        "period": report.period_label,
        "version": report.number,
    }


def about_report(event: ReportEvent) -> About | None:
    report = Report.objects.select_related("region", "network").filter(pk=event.report_id).first()
    if report is None:
        return None
    url = reverse("reports:detail", args=[report.pk])
    return About(values=report_values(report), url=url, report=report, target=report)


def about_comment(event: CommentAdded | CommentResolved) -> About | None:
    comment = (
        Comment.objects.select_related("report__region", "report__network", "author")
        .filter(pk=event.comment_id)
        .first()
    )
    if comment is None:
        return None
    report = comment.report
    values = report_values(report) | {
        "comment_id": comment.pk,
        "correction": comment.kind == CommentKind.CORRECTION,
    }
    url = reverse("reports:detail", args=[report.pk])
    return About(values=values, url=url, report=report, target=comment)


def about_audit(event: PeerAuditInvited) -> About | None:
    audit = (
        PeerAudit.objects.select_related("report__region", "report__network", "auditor_network")
        .filter(pk=event.audit_id)
        .first()
    )
    if audit is None:
        return None
    values = report_values(audit.report) | {"audit_id": audit.pk}
    url = reverse("improvement:audit", args=[audit.pk])
    return About(values=values, url=url, report=audit.report, target=audit)


def about_taken_back(event: ReportStatusChanged) -> About | None:
    """A report taken back: from the discussion to a concept, or from the decision."""
    about = about_report(event)
    if about is None:
        return None
    values = about.values | {"to_concept": event.to_status == ReportStatus.CONCEPT}
    return About(values=values, url=about.url, report=about.report, target=about.target)


def about_proposal(event: ProposalEvent) -> About | None:
    proposal = (
        CorrectionProposal.objects.select_related("report__region", "report__network", "author")
        .filter(pk=event.proposal_id)
        .first()
    )
    if proposal is None:
        return None
    report = proposal.report
    values = report_values(report) | {"proposal_id": proposal.pk}
    # An open proposal has its own place on the report's page; a decided one is listed
    # among the report's proposals.
    anchor = f"voorstel-{proposal.pk}" if proposal.is_open else "voorstellen"
    url = reverse("reports:detail", args=[report.pk]) + f"#{anchor}"
    return About(values=values, url=url, report=report, target=proposal)


def about_round(event: RoundOpened) -> About | None:
    reporting_round = ReportingRound.objects.filter(pk=event.round_id).first()
    if reporting_round is None or not reporting_round.is_open:
        return None
    return About(
        values=round_values(reporting_round),
        url=reverse("home"),
        report=None,
        target=reporting_round,
    )


def _comment_writers(comment: Comment, scopes: Scopes) -> list[User]:
    return report_writers(comment.report, scopes)


RULES: dict[type[DomainEvent], Rule] = {
    ReportSubmitted: Rule(kinds.REPORT_SUBMITTED, about_report, report_network),
    ReportPutForward: Rule(kinds.REPORT_PUT_FORWARD, about_report, report_network),
    ReportSentBack: Rule(kinds.REPORT_SENT_BACK, about_report, report_writers),
    ReportFinalised: Rule(kinds.REPORT_FINALISED, about_report, report_people),
    ReportCorrected: Rule(kinds.REPORT_CORRECTED, about_report, report_people),
    CommentAdded: Rule(kinds.COMMENT_ADDED, about_comment, _comment_writers),
    CommentResolved: Rule(kinds.COMMENT_RESOLVED, about_comment, comment_author),
    PeerAuditInvited: Rule(kinds.AUDIT_INVITED, about_audit, audit_auditors),
    ProposalMade: Rule(kinds.PROPOSAL_MADE, about_proposal, proposal_writers),
    ProposalAccepted: Rule(kinds.PROPOSAL_ACCEPTED, about_proposal, proposal_author),
    ProposalDeclined: Rule(kinds.PROPOSAL_DECLINED, about_proposal, proposal_author),
    ReportWithdrawn: Rule(kinds.REPORT_WITHDRAWN, about_report, report_people),
    ReportTakenBack: Rule(kinds.REPORT_TAKEN_BACK, about_taken_back, report_network),
    ReportReturned: Rule(kinds.REPORT_TAKEN_BACK, about_taken_back, report_network),
    RoundOpened: Rule(kinds.ROUND_OPENED, about_round, all_rapporteurs),
}


def recipients_of(rule: Rule, about: About, *, actor_id: int | None) -> list[User]:
    """The rule's audience, without the actor, each one able to see the report."""
    scopes = Scopes()
    return [
        user
        for user in rule.audience(about.target, scopes)
        if user.pk != actor_id
        and (about.report is None or report_may_see(scopes.of(user), about.report))
    ]


def on_event(event: DomainEvent) -> None:
    rule = RULES.get(type(event))
    if rule is None:
        return
    about = rule.about(event)
    if about is None:
        return
    recipients = recipients_of(rule, about, actor_id=event.actor_id)
    if recipients:
        notify(kind=rule.kind, recipients=recipients, values=about.values, url=about.url)


for _event_type in RULES:
    subscribe(_event_type, on_event)
