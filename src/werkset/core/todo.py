"""The start page's to-do list per role (issue 21, item 4), built from selectors; each part
is one query, whatever the number of reports, roles or points.

- Rapporteur: my reports in progress with their state and open comments (and, once
  reporting rounds exist, their deadline).
- Network member and chair: reports waiting for the network's discussion or decision, peer
  audit invitations, the network's overdue improvement points.
- National: what is overdue (and, from the reporting rounds, the status matrix: its place is
  `national` in core/home.html).
- Beheerder: locked accounts (django-axes) and, from the accounts work, open invitations.
"""

import datetime
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from werkset.accounts.models import User
from werkset.accounts.scope import Scope
from werkset.improvement import selectors as improvement
from werkset.improvement.models import ImprovementPoint, PeerAudit
from werkset.improvement.rules import networks_readable
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Report, ReportStatus
from werkset.reports.selectors import reports_visible

# The national list of overdue points shows this many; the count says how many there are.
OVERDUE_SHOWN = 20


@dataclass
class Todo:
    my_reports: list[Report] = field(default_factory=list)
    network_reports: list[Report] = field(default_factory=list)
    deciding_network_ids: frozenset[int] = frozenset()
    invitations: list[PeerAudit] = field(default_factory=list)
    overdue: list[ImprovementPoint] = field(default_factory=list)
    overdue_count: int = 0
    overdue_are_mine: bool = True
    locked: list[AccessAttempt] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.my_reports
            or self.network_reports
            or self.invitations
            or self.overdue
            or self.locked
        )


def _writes(scope: Scope) -> Q:
    return Q(region_id__in=scope.writable_region_ids) | Q(
        region__isnull=True, network_id__in=scope.writable_network_ids
    )


def reports_in_progress_written(*, scope: Scope) -> QuerySet[Report]:
    """The reports this user writes that are not finalised, with their open comments."""
    if not (scope.writable_region_ids or scope.writable_network_ids):
        return Report.objects.none()
    return (
        reports_visible(scope=scope)
        .filter(_writes(scope))
        .exclude(status=ReportStatus.VASTGESTELD)
        .select_related("network")
        .annotate(open_comments=Count("comments", filter=Q(comments__resolved_at__isnull=True)))
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
        .exclude(_writes(scope))
        .select_related("network")
        .order_by("-status", "-period", "network__position", "region__position")
    )


def locked_accounts(*, now: datetime.datetime) -> QuerySet[AccessAttempt]:
    """User names whose log-in is paused now (django-axes: too many wrong passwords)."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
    ).order_by("-attempt_time")


def todo_for(*, user: User, scope: Scope, on: datetime.date) -> Todo:
    todo = Todo(
        my_reports=list(reports_in_progress_written(scope=scope)),
        network_reports=list(reports_waiting_for_network(scope=scope)),
        deciding_network_ids=scope.deciding_network_ids,
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
    if scope.is_administrator:
        todo.locked = list(locked_accounts(now=timezone.now()))
    return todo
