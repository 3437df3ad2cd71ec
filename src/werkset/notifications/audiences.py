"""Who hears of an event: candidates from the role assignments, each one let through only by
the one policy (reports/policy.py, improvement/rules.py) on their own scope
(accounts/scope.py). Nobody is told of a report they may not see.

Each audience is a function of the thing the event is about; receivers.RULES names one per
kind. `Scopes` computes each candidate's scope once per delivery.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet

from werkset.accounts.models import Role, User
from werkset.accounts.scope import Scope, scope_for_user
from werkset.improvement.models import ImprovementPoint, PeerAudit
from werkset.improvement.rules import can_read_network, is_auditor
from werkset.reports.models import Comment, CorrectionProposal, Report
from werkset.reports.policy import (
    report_may_see,
    report_may_start,
    report_may_start_some,
    report_may_write,
    report_shows_discussion,
)


class Scopes:
    """Each user's scope, read once (a recipient of several audiences is read once)."""

    def __init__(self) -> None:
        self._known: dict[int, Scope] = {}

    def of(self, user: User) -> Scope:
        if user.pk not in self._known:
            self._known[user.pk] = scope_for_user(user)
        return self._known[user.pk]

    def allowed(self, users: Iterable[User], test: Callable[[Scope], bool]) -> list[User]:
        return [user for user in users if test(self.of(user))]


def _active(condition: Q) -> QuerySet[User]:
    return User.objects.filter(is_active=True).filter(condition).distinct().order_by("pk")


def _unit_rapporteurs(report: Report) -> Q:
    if report.region_id is None:
        return Q(
            role_assignments__role=Role.RAPPORTEUR, role_assignments__network=report.network_id
        )
    return Q(role_assignments__role=Role.RAPPORTEUR, role_assignments__region=report.region_id)


def _network_roles(report: Report, *roles: str) -> Q:
    return Q(role_assignments__role__in=roles, role_assignments__network=report.network_id)


def report_writers(report: Report, scopes: Scopes) -> list[User]:
    """The rapporteurs who write the report."""
    candidates = _active(_unit_rapporteurs(report))
    return scopes.allowed(candidates, lambda scope: report_may_write(scope, report))


def report_network(report: Report, scopes: Scopes) -> list[User]:
    """The network's members and its chair (or secretary), who follow the discussion."""
    candidates = _active(_network_roles(report, Role.NETWERKLID, Role.VASTSTELLER))
    return scopes.allowed(candidates, lambda scope: report_shows_discussion(scope, report))


def report_people(report: Report, scopes: Scopes) -> list[User]:
    """The writers and the network: everyone who follows the report."""
    found = {user.pk: user for user in report_writers(report, scopes)}
    for user in report_network(report, scopes):
        found.setdefault(user.pk, user)
    return list(found.values())


def comment_author(comment: Comment, scopes: Scopes) -> list[User]:
    author = comment.author
    if author is None or not author.is_active:
        return []
    return scopes.allowed([author], lambda scope: report_may_see(scope, comment.report))


def audit_auditors(audit: PeerAudit, scopes: Scopes) -> list[User]:
    """The network members of the invited network, while the invitation stands."""
    candidates = _active(
        Q(
            role_assignments__role=Role.NETWERKLID,
            role_assignments__network=audit.auditor_network_id,
        )
    )
    return scopes.allowed(candidates, lambda scope: is_auditor(scope, audit))


def point_owner(point: ImprovementPoint, scopes: Scopes) -> list[User]:
    """The point's owner, while they may still read the network's cycle."""
    owner = point.owner
    if not owner.is_active:
        return []
    return scopes.allowed([owner], lambda scope: can_read_network(scope, point.network))


def proposal_writers(proposal: CorrectionProposal, scopes: Scopes) -> list[User]:
    """The rapporteurs who decide on a correction proposal: the report's writers."""
    return report_writers(proposal.report, scopes)


def proposal_author(proposal: CorrectionProposal, scopes: Scopes) -> list[User]:
    """Who made the proposal, while they may still see the report."""
    author = proposal.author
    if author is None or not author.is_active:
        return []
    return scopes.allowed([author], lambda scope: report_may_see(scope, proposal.report))


def all_rapporteurs(_target: object, scopes: Scopes) -> list[User]:
    """Every rapporteur of a region or of a network's own report who may start a report."""
    candidates = _active(Q(role_assignments__role=Role.RAPPORTEUR))
    return scopes.allowed(candidates, report_may_start_some)


def unit_rapporteurs(scopes: Scopes, *, network_id: int, region_id: int | None) -> list[User]:
    """The rapporteurs who would start and write the report of one unit: a region, or a
    network reporting as a whole (region_id None)."""
    if region_id is None:
        condition = Q(role_assignments__role=Role.RAPPORTEUR, role_assignments__network=network_id)
    else:
        condition = Q(role_assignments__role=Role.RAPPORTEUR, role_assignments__region=region_id)
    return scopes.allowed(
        _active(condition),
        lambda scope: report_may_start(scope, network_id=network_id, region_id=region_id),
    )
