"""The start page's to-do list per role (issue 21, item 4), built from selectors; each part
is one query, whatever the number of reports, roles or points.

- Rapporteur: my reports in progress with their state, open comments, open correction
  proposals, and the deadline of their reporting round ("te laat" when a concept is past it).
- Network member and chair: reports waiting for the network's discussion or decision, peer
  audit invitations, the network's overdue improvement points.
- National: what is overdue: improvement points, and open rounds past their deadline with
  the number of units that have not reported (rounds.selectors.units_not_submitted), linked
  to the status matrix (place `national` in core/home.html).
- The people of a network: the overdue actions agreed in their regions' Actieoverleg
  (register/selectors.actions_overdue), linked to the meeting.
- Beheerder and a network's coordinator: open invitations (the coordinator's of their own
  network, accounts.policy), and for the beheerder locked accounts (django-axes); place
  `administration`.
"""

import datetime
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from werkset.accounts.models import User
from werkset.accounts.policy import may_manage_accounts
from werkset.accounts.scope import Scope
from werkset.accounts.selectors import open_invitations_for_scope
from werkset.improvement import selectors as improvement
from werkset.improvement.models import ImprovementPoint, PeerAudit
from werkset.improvement.rules import networks_readable
from werkset.regions.models import RegionalNetwork
from werkset.register.models import AgreedAction
from werkset.register.policy import register_any
from werkset.register.selectors import actions_overdue
from werkset.reports.models import ProposalStatus, Report, ReportStatus
from werkset.reports.policy import report_may_comment, reports_written_by
from werkset.reports.selectors import reports_visible
from werkset.reports.workflow import transitions_for
from werkset.rounds.models import ReportingRound
from werkset.rounds.selectors import rounds_overdue, units_not_submitted

# The national list of overdue points shows this many; the count says how many there are.
OVERDUE_SHOWN = 20


@dataclass(frozen=True)
class RoundOverdue:
    """An open round past its deadline, and how many units have not reported in it."""

    reporting_round: ReportingRound
    units_waiting: int


@dataclass(frozen=True)
class NetworkReport:
    """A report of the user's network under discussion or put forward, and what the user
    may do with it now: decide on it (a decider's move of the report's workflow is open to
    them) or comment on it (reports.policy)."""

    report: Report
    may_decide: bool
    may_comment: bool


@dataclass
class Todo:
    my_reports: list[Report] = field(default_factory=list)
    network_reports: list[NetworkReport] = field(default_factory=list)
    invitations: list[PeerAudit] = field(default_factory=list)
    overdue: list[ImprovementPoint] = field(default_factory=list)
    overdue_count: int = 0
    overdue_are_mine: bool = True
    locked: list[AccessAttempt] = field(default_factory=list)
    manages_accounts: bool = False
    invitations_open: int = 0
    rounds_overdue: list[RoundOverdue] = field(default_factory=list)
    # The Actieoverleg register (issue 24): overdue agreed actions of the member's networks.
    register_overdue: list[AgreedAction] = field(default_factory=list)
    register_overdue_count: int = 0
    uses_register: bool = False

    @property
    def is_empty(self) -> bool:
        return not (
            self.my_reports
            or self.network_reports
            or self.invitations
            or self.overdue
            or self.locked
            or self.invitations_open
            or self.rounds_overdue
            or self.register_overdue
        )


def reports_in_progress_written(*, scope: Scope, on: datetime.date) -> QuerySet[Report]:
    """The reports this user writes that are not finalised, with their open comments, open
    correction proposals, the deadline of their period's reporting round, and whether a
    concept is late (`on` is past that deadline)."""
    if not (scope.writable_region_ids or scope.writable_network_ids):
        return Report.objects.none()
    deadline = ReportingRound.objects.filter(period=OuterRef("period")).values("deadline")[:1]
    return (
        reports_visible(scope=scope)
        .filter(reports_written_by(scope))
        .exclude(status=ReportStatus.VASTGESTELD)
        .select_related("network")
        .annotate(
            open_comments=Count(
                "comments", filter=Q(comments__resolved_at__isnull=True), distinct=True
            ),
            open_proposals=Count(
                "proposals", filter=Q(proposals__status=ProposalStatus.OPEN), distinct=True
            ),
            round_deadline=Subquery(deadline),
        )
        .annotate(
            is_late=Case(
                When(status=ReportStatus.CONCEPT, round_deadline__lt=on, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-period", "region__position", "network__position", "-number")
    )


def reports_waiting_for_network(*, scope: Scope) -> QuerySet[Report]:
    """Reports of the user's networks under discussion or put forward for the decision;
    not the ones they write themselves."""
    networks = scope.network_ids | scope.deciding_network_ids
    if not networks:
        return Report.objects.none()
    return (
        reports_visible(scope=scope)
        .filter(
            network_id__in=networks,
            status__in=[ReportStatus.TER_BESPREKING, ReportStatus.VOORGELEGD],
        )
        .exclude(reports_written_by(scope))
        .select_related("network")
        .order_by("-status", "-period", "network__position", "region__position")
    )


def locked_accounts(*, now: datetime.datetime) -> QuerySet[AccessAttempt]:
    """User names whose log-in is paused now (django-axes: too many wrong passwords)."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
    ).order_by("-attempt_time")


def rounds_overdue_with_units(*, on: datetime.date) -> list[RoundOverdue]:
    """Open rounds past their deadline in which some unit has not reported (four queries
    when there are such rounds, one when there are none)."""
    rounds = list(rounds_overdue(on=on))
    waiting = units_not_submitted(rounds=rounds, today=on)
    return [
        RoundOverdue(reporting_round=r, units_waiting=len(waiting[r.pk]))
        for r in rounds
        if waiting.get(r.pk)
    ]


def todo_for(*, user: User, scope: Scope, on: datetime.date) -> Todo:
    todo = Todo(
        my_reports=list(reports_in_progress_written(scope=scope, on=on)),
        network_reports=[
            NetworkReport(
                report=report,
                may_decide=any(t.who == "decider" for t in transitions_for(scope, report)),
                may_comment=report_may_comment(scope, report),
            )
            for report in reports_waiting_for_network(scope=scope)
        ],
    )
    if scope.can_improve:
        todo.invitations = list(improvement.audit_invitations_open(scope=scope))
        followed = scope.network_ids | scope.deciding_network_ids
        if scope.is_national:
            overdue = improvement.points_overdue(on=on)
            todo.overdue_are_mine = False
        elif followed:
            overdue = improvement.points_overdue(
                on=on, networks=RegionalNetwork.objects.filter(pk__in=followed)
            )
            todo.overdue_are_mine = False
        else:
            overdue = improvement.points_overdue(
                on=on, owner=user, networks=networks_readable(scope)
            )
        todo.overdue = list(overdue[: OVERDUE_SHOWN + 1])
        todo.overdue_count = (
            overdue.count() if len(todo.overdue) > OVERDUE_SHOWN else len(todo.overdue)
        )
        todo.overdue = todo.overdue[:OVERDUE_SHOWN]
    if scope.is_national:
        todo.rounds_overdue = rounds_overdue_with_units(on=on)
    todo.uses_register = register_any(scope)
    if scope.member_network_ids:
        register_overdue = actions_overdue(scope=scope, on=on)
        todo.register_overdue = list(register_overdue[: OVERDUE_SHOWN + 1])
        todo.register_overdue_count = (
            register_overdue.count()
            if len(todo.register_overdue) > OVERDUE_SHOWN
            else len(todo.register_overdue)
        )
        todo.register_overdue = todo.register_overdue[:OVERDUE_SHOWN]
    if may_manage_accounts(scope):
        todo.manages_accounts = True
        todo.invitations_open = open_invitations_for_scope(scope=scope).count()
    if scope.is_administrator:
        todo.locked = list(locked_accounts(now=timezone.now()))
    return todo
