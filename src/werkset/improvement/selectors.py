"""Reading the improvement cycle: points, overdue points, the SWOT, peer audits, and the
figures of the network's reports beside an evaluation (read through reports_visible, so a
viewer never sees figures of a report they may not open)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from werkset.accounts.models import User
from werkset.accounts.scope import Scope, network_people
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.answers import content_of
from werkset.reports.forms import figure_display
from werkset.reports.models import Answer, Report, ReportStatus
from werkset.reports.selectors import reports_compared, reports_current, reports_visible

from .models import Action, Evaluation, Finding, ImprovementPoint, PeerAudit, SwotEntry
from .rules import peer_audits_visible
from .snapshots import (
    explanation_flagged,
    report_clearances,
    snapshot_rows_guarded,
    withheld_text,
)
from .states import OPEN_POINT_STATUSES, AuditStatus
from .vocabulary import MAX_OPEN_POINTS, SWOT_QUADRANTS, SwotQuadrant


def today() -> datetime.date:
    return timezone.localdate()


def cycle_catalogue() -> CatalogueVersion | None:
    """The instrument the cycle runs on: the newest published catalogue version."""
    return CatalogueVersion.objects.order_by("-published_on", "-slug").first()


def cycle_themes() -> list[Theme]:
    catalogue = cycle_catalogue()
    return list(catalogue.themes.order_by("position")) if catalogue else []


def cycle_theme(*, key: str) -> Theme:
    """A theme of the cycle's catalogue by key; Theme.DoesNotExist otherwise."""
    catalogue = cycle_catalogue()
    if catalogue is None:
        raise Theme.DoesNotExist
    return Theme.objects.select_related("version").get(version=catalogue, key=key)


def theme_indicators(*, theme: Theme) -> QuerySet[Indicator]:
    return Indicator.objects.filter(theme=theme).select_related("element").order_by("position")


def network_members(*, network: RegionalNetwork) -> QuerySet[User]:
    """Who may own a point of this network: the network's people, who work in its cycle
    (rules.can_work_in_network; active accounts only)."""
    return (
        User.objects.filter(is_active=True)
        .filter(network_people(network.pk))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _points() -> QuerySet[ImprovementPoint]:
    return ImprovementPoint.objects.select_related(
        "network", "theme", "owner", "indicator", "swot_entry", "finding__audit"
    )


def points_of_network(
    *, network: RegionalNetwork, theme_key: str | None = None
) -> QuerySet[ImprovementPoint]:
    points = _points().filter(network=network)
    if theme_key is not None:
        points = points.filter(theme__key=theme_key)
    return points


def open_points_count(*, network: RegionalNetwork, theme_key: str) -> int:
    return ImprovementPoint.objects.filter(
        network=network, theme__key=theme_key, status__in=OPEN_POINT_STATUSES
    ).count()


def points_overdue(
    *,
    on: datetime.date,
    network: RegionalNetwork | None = None,
    owner: User | None = None,
    networks: QuerySet[RegionalNetwork] | None = None,
) -> QuerySet[ImprovementPoint]:
    """Open points whose target date has passed (the target day itself is not overdue);
    `networks` limits them to those a viewer may read (an owner who left a network)."""
    points = _points().filter(status__in=OPEN_POINT_STATUSES, target_date__lt=on)
    if network is not None:
        points = points.filter(network=network)
    if networks is not None:
        points = points.filter(network__in=networks)
    if owner is not None:
        points = points.filter(owner=owner)
    return points.order_by("target_date", "id")


def is_overdue(point: ImprovementPoint, *, on: datetime.date) -> bool:
    return point.is_open and point.target_date < on


def point_with_history(*, point_id: int) -> ImprovementPoint:
    """A point with its actions and evaluations; ImprovementPoint.DoesNotExist otherwise."""
    return (
        _points()
        .select_related("finding__audit__report__region", "created_by")
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("created_at", "id")),
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.select_related("created_by", "decided_by").order_by(
                    "period", "id"
                ),
            ),
        )
        .get(pk=point_id)
    )


def evaluation_open(point: ImprovementPoint) -> Evaluation | None:
    """The evaluation still waiting for a decision (Act), if any."""
    return point.evaluations.filter(decision="").order_by("-period", "-id").first()


@dataclass
class ThemeRow:
    theme: Theme
    open_points: list[ImprovementPoint] = field(default_factory=list)
    overdue: int = 0
    swot_entries: int = 0
    closed: int = 0

    @property
    def room(self) -> int:
        return max(0, MAX_OPEN_POINTS - len(self.open_points))


@dataclass
class NetworkOverview:
    network: RegionalNetwork
    themes: list[ThemeRow]
    overdue: list[ImprovementPoint]
    other_open: list[ImprovementPoint]


def network_overview(*, network: RegionalNetwork, on: datetime.date) -> NetworkOverview:
    """Per theme of the cycle's catalogue: open points, overdue and closed counts, SWOT size
    (three queries, whatever the number of points)."""
    themes = cycle_themes()
    rows = {theme.key: ThemeRow(theme=theme) for theme in themes}
    other_open: list[ImprovementPoint] = []
    overdue: list[ImprovementPoint] = []
    for point in points_of_network(network=network).order_by("target_date", "id"):
        row = rows.get(point.theme.key)
        if point.is_open:
            if row is not None:
                row.open_points.append(point)
            else:
                other_open.append(point)
            if is_overdue(point, on=on):
                overdue.append(point)
                if row is not None:
                    row.overdue += 1
        elif row is not None:
            row.closed += 1
    swot_counts = (
        SwotEntry.objects.filter(network=network)
        .values_list("theme__key")
        .annotate(n=Count("id"))
        .values_list("theme__key", "n")
    )
    for key, count in swot_counts:
        if key in rows:
            rows[key].swot_entries = count
    return NetworkOverview(
        network=network, themes=list(rows.values()), overdue=overdue, other_open=other_open
    )


@dataclass
class NetworkSummary:
    network: RegionalNetwork
    open_points: int
    overdue: int


def network_summaries(
    *, networks: QuerySet[RegionalNetwork], on: datetime.date
) -> list[NetworkSummary]:
    """Open and overdue points per network (one query)."""
    return [
        NetworkSummary(network=network, open_points=network.open_n, overdue=network.overdue_n)
        for network in networks.annotate(
            open_n=Count(
                "improvement_points",
                filter=Q(improvement_points__status__in=OPEN_POINT_STATUSES),
            ),
            overdue_n=Count(
                "improvement_points",
                filter=Q(
                    improvement_points__status__in=OPEN_POINT_STATUSES,
                    improvement_points__target_date__lt=on,
                ),
            ),
        )
    ]


# SWOT ---------------------------------------------------------------------------------


@dataclass
class SwotView:
    quadrant: SwotQuadrant
    questions: list[str]
    entries: list[SwotEntry]


def swot_of(*, network: RegionalNetwork, theme: Theme) -> list[SwotView]:
    """The four quadrants with the seed's guiding questions and the network's entries."""
    entries: dict[str, list[SwotEntry]] = defaultdict(list)
    for entry in (
        SwotEntry.objects.filter(network=network, theme__key=theme.key)
        .select_related("created_by")
        .prefetch_related("improvement_points")
    ):
        entries[entry.quadrant].append(entry)
    return [
        SwotView(
            quadrant=quadrant,
            questions=quadrant.questions_for(theme.short_title),
            entries=entries.get(quadrant.key, []),
        )
        for quadrant in SWOT_QUADRANTS
    ]


# Figures of the reports ---------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    region: Region
    report: Report | None
    choice: str = ""
    figures: list[tuple[str, str]] = field(default_factory=list)
    explanation: str = ""
    withheld: bool = False  # the explanation looks like personal data (snapshots.py)

    def as_snapshot(self) -> dict[str, Any]:
        return {
            "region": self.region.name,
            "report_id": self.report.pk if self.report else None,
            "period": self.report.period_label if self.report else "",
            "status": self.report.get_status_display() if self.report else "",
            "choice": self.choice,
            "figures": [list(pair) for pair in self.figures],
            "explanation": self.explanation,
            "withheld": self.withheld,
        }


def _matching_indicator(candidates: list[Indicator], indicator: Indicator) -> Indicator | None:
    """In a report's catalogue version: the same indicator (same key), the earlier one it
    continues, or the later one that continues it (the `continues` lineage, first match)."""
    earlier = {link.get("key") for link in indicator.continues or []}
    for test in (
        lambda c: c.key == indicator.key,
        lambda c: c.key in earlier,
        lambda c: any(link.get("key") == indicator.key for link in c.continues or []),
    ):
        found = next((c for c in candidates if test(c)), None)
        if found is not None:
            return found
    return None


def _for_region(answer: Answer, region: Region) -> Answer:
    """A network report's answer as it holds for one region (its own answer, if given)."""
    if region.code not in answer.regional:
        return answer
    content = content_of(answer).for_region(region.code)
    return Answer(
        pk=answer.pk,
        report_id=answer.report_id,
        indicator_id=answer.indicator_id,
        choice=content.choice,
        explanation=content.explanation,
        figures=content.figures,
    )


def indicator_figures(
    *, scope: Scope, network: RegionalNetwork, indicator: Indicator
) -> list[FigureRow]:
    """Per region of the network, its latest report this scope may read and the answer to the
    indicator (or the indicator that continues it): what the evaluation is set beside. An
    explanation with personal data its report has not cleared is left out (snapshots.py)."""
    regions = list(network.regions.order_by("position", "name"))
    latest: dict[int, Report] = {}
    # A network's own report stands for each of its regions (issue 18), a region's report
    # for its region: the latest one (the region's own first in the same period) is shown.
    for report in reports_compared(scope=scope).filter(network=network):
        for region in [r for r in regions if report.region_id in (None, r.pk)]:
            current = latest.get(region.pk)
            rank = (report.period, report.region_id is not None, report.number)
            if current is None or rank > (
                current.period,
                current.region_id is not None,
                current.number,
            ):
                latest[region.pk] = report
    versions = {report.catalogue_version_id for report in latest.values()}
    by_version: dict[int, list[Indicator]] = defaultdict(list)
    for candidate in Indicator.objects.filter(version_id__in=versions).select_related(
        "answer_type"
    ):
        by_version[candidate.version_id].append(candidate)
    wanted: dict[int, Indicator] = {}
    for report in latest.values():
        match = _matching_indicator(by_version[report.catalogue_version_id], indicator)
        if match is not None:
            wanted[report.pk] = match
    answers = {
        answer.report_id: answer
        for answer in Answer.objects.filter(
            report_id__in=list(wanted), indicator_id__in=[i.pk for i in wanted.values()]
        )
    }
    clearances = report_clearances(wanted)
    rows = []
    for region in regions:
        shown = latest.get(region.pk)
        answer = answers.get(shown.pk) if shown else None
        if shown is None or answer is None or answer.indicator_id != wanted[shown.pk].pk:
            rows.append(FigureRow(region=region, report=shown))
            continue
        matched = wanted[shown.pk]
        choices = {c["key"]: c["label"] for c in matched.answer_type.all_choices}
        answer = _for_region(answer, region)
        withheld = explanation_flagged(answer.explanation, clearances.get(shown.pk, set()))
        rows.append(
            FigureRow(
                region=region,
                report=shown,
                choice=choices.get(answer.choice, ""),
                figures=[
                    (spec["label"], figure_display(spec, answer.figures.get(spec["key"])))
                    for spec in matched.fields
                    if answer.figures.get(spec["key"]) not in (None, "", [])
                ],
                explanation=withheld_text() if withheld else answer.explanation[:500],
                withheld=withheld,
            )
        )
    return rows


def evaluation_figures(*, scope: Scope, evaluation: Evaluation) -> list[dict[str, Any]]:
    """The figures recorded with an evaluation, without those of reports this viewer may
    not open (a concept of another network's region never shows), and scanned again: an
    explanation with personal data that was not cleared is not shown (snapshots.py)."""
    report_ids = [row["report_id"] for row in evaluation.figures if row.get("report_id")]
    visible = set(
        reports_visible(scope=scope).filter(pk__in=report_ids).values_list("pk", flat=True)
    )
    rows = [
        row
        for row in evaluation.figures
        if row.get("report_id") is None or row["report_id"] in visible
    ]
    return snapshot_rows_guarded(rows, report_clearances(visible))


# Peer audits --------------------------------------------------------------------------


def peer_audit_for(*, scope: Scope, audit_id: int) -> PeerAudit:
    """The audit if this scope may read it; PeerAudit.DoesNotExist otherwise."""
    return peer_audits_visible(scope).get(pk=audit_id)


def findings_of(*, audit: PeerAudit) -> QuerySet[Finding]:
    return (
        audit.findings.select_related("theme", "created_by", "responded_by")
        .prefetch_related("improvement_points")
        .order_by("theme__position", "created_at", "id")
    )


def peer_audits_of_report(*, scope: Scope, report: Report) -> QuerySet[PeerAudit]:
    """The audits of a report this scope may read, findings prefetched: the report's record."""
    return (
        peer_audits_visible(scope)
        .filter(report=report)
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("theme").order_by(
                    "theme__position", "created_at", "id"
                ),
            )
        )
    )


def peer_audits_of_network(*, scope: Scope, network: RegionalNetwork) -> QuerySet[PeerAudit]:
    return peer_audits_visible(scope).filter(
        Q(audited_network=network) | Q(auditor_network=network)
    )


def audit_invitations_open(*, scope: Scope) -> QuerySet[PeerAudit]:
    """Audits the user's networks were invited to and that still wait for them."""
    return peer_audits_visible(scope).filter(
        auditor_network_id__in=scope.network_ids,
        status__in=[AuditStatus.UITGENODIGD, AuditStatus.LOPEND],
    )


def reports_to_audit(*, scope: Scope, network: RegionalNetwork) -> QuerySet[Report]:
    """The finalised reports of the network's regions that another network may audit: not
    a version that a newer version replaces (issue 19)."""
    return reports_current(
        reports_visible(scope=scope).filter(
            region__network=network, status=ReportStatus.VASTGESTELD
        )
    ).order_by("region__position", "-period", "-number")
