"""What may be done with a report, and who gives a perspective on an answer: one place that
the views, the services, the API, the imports, the comparisons and the templates ask
(issue 16). Who a user is (roles, regions, networks) is accounts.scope's; what that allows on
a report is decided here.

Access to a report (a region's, or a regional network's own report, issue 18):
- The rapporteurs of its region (of its network, for a network's report) write it
  (`report_may_write`), while it is not finalised (`report_may_edit`): answers, running
  texts, items, and the assessments: maturity per theme, toetsingskader and bottleneck
  codes (`report_may_assess`, issue 19: part of writing, on the theme page; frozen with
  the rest of the report once it is put forward or finalised).
- The people of its region and network follow the discussion (`report_shows_discussion`):
  comments and the answers' history; the network's members comment while it is under
  discussion (`report_may_comment`).
- Bottlenecks are coded by those who assess the report, and by the national network once the
  report is finalised (`report_may_code`): analysis that changes neither the report nor
  its documents.
Which reports a user may see at all is `reports.selectors.reports_visible`.
- Undo without loss (issue 19, ADR 20): the rapporteurs remove a concept and restore it
  (`report_may_remove`, `report_may_restore`); the national role withdraws a finalised
  report (`report_may_withdraw`). A removed concept is seen by nobody (`reports_seen_by`)
  but in its workspace's list of removed concepts; a withdrawn report stays readable.

Perspectives:

- Any organisation in the register (regions.Organisation) may give a perspective on any
  answer: the core partners of Veiligheid Voorop on every answer, the others (ZVH, CIT,
  Slachtofferhulp, ...) where a region has them at the table.
- A form asks for the perspectives of the core partners and of every organisation that
  already gave one on this answer, so that what is stored is shown, and saved again.
- A save keeps the stored perspectives of the organisations its input does not mention: an
  absent perspective is not an emptied one (an empty text removes it). A form made before an
  organisation gave its perspective, or an API client that sends none, drops nothing.
"""

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.db.models import Q

from werkset.accounts.scope import Scope
from werkset.regions.models import Organisation

from .answers import region_part_is_empty
from .models import Report, ReportStatus

# A report's content changes while it is a concept or under discussion; a finalised report
# never changes (a correction is a new version).
EDITABLE_STATUSES = (ReportStatus.CONCEPT, ReportStatus.TER_BESPREKING)


def report_may_write(scope: Scope, report: Report) -> bool:
    if report.region_id is None:
        return report.network_id in scope.writable_network_ids
    return report.region_id in scope.writable_region_ids


def reports_written_by(scope: Scope) -> Q:
    """report_may_write for many reports at once, as a condition."""
    return Q(region_id__in=scope.writable_region_ids) | Q(
        region__isnull=True, network_id__in=scope.writable_network_ids
    )


def report_may_start(scope: Scope, *, network_id: int, region_id: int | None) -> bool:
    """Who starts a report for a unit: the rapporteurs who would write it."""
    if region_id is None:
        return network_id in scope.writable_network_ids
    return region_id in scope.writable_region_ids


def report_may_start_some(scope: Scope) -> bool:
    """Whether this user starts the report of some unit (report_may_start for one of them):
    the rapporteurs of a region or of a network's own report. They hear of a new round."""
    return bool(scope.writable_region_ids or scope.writable_network_ids)


def report_may_edit(scope: Scope, report: Report) -> bool:
    return report_may_write(scope, report) and report.status in EDITABLE_STATUSES


# Decided reports every role may read: finalised ones, and withdrawn ones (in the history).
DECIDED_STATUSES = (ReportStatus.VASTGESTELD, ReportStatus.INGETROKKEN)

# How long a removed concept is kept, restorable, before `werkset reports purge` deletes it.
REMOVED_KEPT_DAYS = 30


def reports_seen_by(scope: Scope) -> Q:
    """Which reports a scope may see at all, as a condition (scope.roles must not be
    empty): every decided report (finalised or withdrawn), and the work in progress of the
    people who follow it (report_shows_discussion, for many reports at once). A removed
    concept is seen by nobody (its workspace lists it apart: selectors.reports_removed)."""
    return Q(removed_at__isnull=True) & (
        Q(status__in=DECIDED_STATUSES)
        | Q(region_id__in=scope.full_view_region_ids)
        | Q(region__isnull=True, network_id__in=scope.member_network_ids)
    )


def report_may_see(scope: Scope, report: Report) -> bool:
    """`reports_seen_by` for one report in hand (who hears of an event about it)."""
    if not scope.roles or report.removed_at is not None:
        return False
    return report.status in DECIDED_STATUSES or report_shows_discussion(scope, report)


def reports_seen_by_key(scope: Scope) -> tuple[object, ...]:
    """What `reports_seen_by` asks of a scope: two scopes with the same key see the same
    reports, so results kept under it (the kennisbank's) are never shown to a scope that
    sees other reports."""
    return (
        bool(scope.roles),
        tuple(sorted(scope.full_view_region_ids)),
        tuple(sorted(scope.member_network_ids)),
    )


def report_may_remove(scope: Scope, report: Report) -> bool:
    """A concept is removed (kept, restorable) by the rapporteurs who write it."""
    return (
        report_may_write(scope, report)
        and report.status == ReportStatus.CONCEPT
        and report.removed_at is None
    )


def report_may_restore(scope: Scope, report: Report) -> bool:
    return report_may_write(scope, report) and report.removed_at is not None


def report_may_withdraw(scope: Scope, report: Report) -> bool:
    """The national role withdraws a finalised report (wrong period, wrong unit)."""
    return scope.is_national and report.status == ReportStatus.VASTGESTELD


def report_shows_discussion(scope: Scope, report: Report) -> bool:
    if report.region_id is None:
        return report.network_id in scope.member_network_ids
    return report.region_id in scope.full_view_region_ids


def report_may_decide(scope: Scope, report: Report) -> bool:
    """The network's chair or secretary records the network's decision on a report of the
    network or of one of its regions; never on a report they write themselves."""
    return report.network_id in scope.deciding_network_ids and not report_may_write(scope, report)


def report_may_comment(scope: Scope, report: Report) -> bool:
    return report_shows_discussion(scope, report) and report.status == ReportStatus.TER_BESPREKING


def report_may_propose(scope: Scope, report: Report) -> bool:
    """Who proposes a new value for an answer (ADR 21): whoever may comment on it now."""
    return report_may_comment(scope, report)


def report_may_decide_proposals(scope: Scope, report: Report) -> bool:
    """Who accepts or declines a correction proposal: the report's writer, while it changes."""
    return report_may_edit(scope, report)


def report_may_assess(scope: Scope, report: Report) -> bool:
    """Maturity, toetsingskader and bottleneck coding are part of writing the report: its
    writers assess while it is open, on the theme pages (issue 19)."""
    return report_may_edit(scope, report)


def report_may_code(scope: Scope, report: Report) -> bool:
    return report_may_assess(scope, report) or (scope.is_national and report.is_final)


PERSPECTIVE_PREFIX = "perspective-"


def perspective_codes(organisations: Iterable[Organisation]) -> frozenset[str]:
    """The codes of the organisations that may give a perspective: all of the register."""
    return frozenset(organisation.code for organisation in organisations)


def perspective_organisations(
    *, stored: Mapping[str, str], organisations: Iterable[Organisation]
) -> list[Organisation]:
    """Whose perspective a form asks for on an answer with these stored perspectives: the
    core partners and every organisation that gave one, in the register's order."""
    return [o for o in organisations if o.core_partner or stored.get(o.code)]


def perspectives_mentioned(names: Iterable[str]) -> frozenset[str]:
    """The organisations an input mentions, from its field names (`perspective-<code>`)."""
    return frozenset(
        name.removeprefix(PERSPECTIVE_PREFIX)
        for name in names
        if name.startswith(PERSPECTIVE_PREFIX)
    )


def perspectives_after_save(
    *, stored: Mapping[str, str], given: Mapping[str, str], mentioned: Collection[str]
) -> dict[str, str]:
    """The perspectives an answer holds after a save: those given, and the stored ones of
    the organisations that the input did not mention (in the stored order first)."""
    kept = {code: text for code, text in stored.items() if code not in mentioned}
    return {**kept, **{code: text for code, text in given.items() if text}}


def regional_after_save(
    *,
    stored: Mapping[str, Mapping[str, Any]],
    given: Mapping[str, Mapping[str, Any]],
    mentioned: Collection[str] | None,
) -> dict[str, dict[str, Any]]:
    """A network answer's own answers per region after a save, by the rule of perspectives:
    an input that does not mention a region keeps what is stored for it (`mentioned` None:
    the input mentions no region at all); a region's emptied answer is removed, so the
    network's answer holds for it again."""
    kept = {
        code: dict(part) for code, part in stored.items() if not mentioned or code not in mentioned
    }
    return {
        **kept,
        **{code: dict(part) for code, part in given.items() if not region_part_is_empty(part)},
    }
