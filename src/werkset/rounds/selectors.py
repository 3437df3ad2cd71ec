"""Reads of reporting rounds: the open rounds a report may start in, and the status matrix
of networks and regions by rounds (issue 19) in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import Report, ReportStatus

from .models import ReportingRound, RoundStatus


def rounds_all() -> QuerySet[ReportingRound]:
    return ReportingRound.objects.select_related("catalogue_version", "opened_by", "closed_by")


def rounds_open() -> QuerySet[ReportingRound]:
    return (
        ReportingRound.objects.filter(status=RoundStatus.OPEN)
        .select_related("catalogue_version")
        .order_by("-period")
    )


def round_open_for(period: str) -> ReportingRound | None:
    """The open round of a period, if there is one."""
    return rounds_open().filter(period=period).first()


NOT_STARTED = "niet_gestart"
# A unit has reported in a round once a version of its report reached one of these.
SUBMITTED_STATES = (ReportStatus.TER_BESPREKING, ReportStatus.VOORGELEGD, ReportStatus.VASTGESTELD)
PER_REGION = "per_regio"

STATE_LABELS: dict[str, Any] = {
    NOT_STARTED: _("Not started yet"),
    ReportStatus.CONCEPT: _("Concept"),
    ReportStatus.TER_BESPREKING: _("Under discussion"),
    ReportStatus.VOORGELEGD: _("Put forward"),
    ReportStatus.VASTGESTELD: _("Finalised"),
    PER_REGION: _("Reports per region"),
}


@dataclass(frozen=True)
class Cell:
    """Where one unit stands in one round: the state of the latest version of the report
    that stands for it (its own, or its network's: `via_network`), since when, and whether
    it is overdue (past the deadline and no version finalised)."""

    state: str
    since: date | None = None
    number: int = 0
    overdue: bool = False
    via_network: bool = False
    # A network that reports per region: how many of its regions are finalised.
    regions_finalised: int = 0
    regions_total: int = 0

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def waits_for_unit(self) -> bool:
        """The one rule of "who has reported": the unit of this row has not yet put its own
        report to the network (no version under discussion, put forward or finalised).
        A region covered by its network's own report waits for nothing of its own (the
        network's row says how far that report is), nor does a network that reports per
        region (its regions' rows say it)."""
        if self.via_network or self.state == PER_REGION:
            return False
        return self.state not in SUBMITTED_STATES


@dataclass(frozen=True)
class MatrixRow:
    network: RegionalNetwork
    region: Region | None
    cells: list[Cell]

    @property
    def unit(self) -> Region | RegionalNetwork:
        return self.region if self.region is not None else self.network


@dataclass
class StatusMatrix:
    rounds: list[ReportingRound]
    rows: list[MatrixRow] = field(default_factory=list)
    today: date | None = None


@dataclass(frozen=True)
class _Latest:
    status: str
    since: date | None
    number: int
    ever_final: bool


def _day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value


def _latest_reports(rounds: list[ReportingRound]) -> dict[tuple[int, int | None, str], _Latest]:
    """Per (network, region or None, period): the latest version of its report, one query.
    A report of the round's own catalogue version goes before one of another version."""
    versions = {r.period: r.catalogue_version_id for r in rounds}
    rows = (
        Report.objects.filter(period__in=list(versions))
        .order_by()
        .values(
            "network_id",
            "region_id",
            "period",
            "catalogue_version_id",
            "number",
            "status",
            "decided_on",
            "finalised_at",
        )
        .annotate(last_change=Max("status_changes__changed_at"))
    )
    grouped: dict[tuple[int, int | None, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["network_id"], row["region_id"], row["period"])].append(row)
    latest = {}
    for key, reports in grouped.items():
        own_version = versions[key[2]]
        best = max(reports, key=lambda r: (r["catalogue_version_id"] == own_version, r["number"]))
        final = best["status"] == ReportStatus.VASTGESTELD
        since = (best["decided_on"] or _day(best["finalised_at"])) if final else None
        latest[key] = _Latest(
            status=best["status"],
            since=since or _day(best["last_change"]),
            number=best["number"],
            ever_final=any(r["status"] == ReportStatus.VASTGESTELD for r in reports),
        )
    return latest


def _cell(found: _Latest | None, *, late: bool, via_network: bool = False) -> Cell:
    if found is None:
        return Cell(state=NOT_STARTED, overdue=late)
    return Cell(
        state=found.status,
        since=found.since,
        number=found.number,
        overdue=late and not found.ever_final,
        via_network=via_network,
    )


def _network_rows(
    network: RegionalNetwork,
    regions: Iterable[Region],
    rounds: list[ReportingRound],
    latest: dict[tuple[int, int | None, str], _Latest],
    today: date,
) -> list[MatrixRow]:
    regions = list(regions)
    network_cells: list[Cell] = []
    region_cells: dict[int, list[Cell]] = {region.pk: [] for region in regions}
    for reporting_round in rounds:
        late = today > reporting_round.deadline
        own = latest.get((network.pk, None, reporting_round.period))
        cells = {
            region.pk: (
                _cell(latest[key], late=late)
                if (key := (network.pk, region.pk, reporting_round.period)) in latest
                else _cell(own, late=late, via_network=own is not None)
            )
            for region in regions
        }
        if own is None and any(c.state != NOT_STARTED for c in cells.values()):
            network_cells.append(
                Cell(
                    state=PER_REGION,
                    overdue=any(c.overdue for c in cells.values()),
                    regions_finalised=sum(
                        c.state == ReportStatus.VASTGESTELD for c in cells.values()
                    ),
                    regions_total=len(cells),
                )
            )
        else:
            network_cells.append(_cell(own, late=late))
        for region_id, cell in cells.items():
            region_cells[region_id].append(cell)
    return [MatrixRow(network=network, region=None, cells=network_cells)] + [
        MatrixRow(network=network, region=region, cells=region_cells[region.pk])
        for region in regions
    ]


def status_matrix(
    *, today: date | None = None, rounds: list[ReportingRound] | None = None
) -> StatusMatrix:
    """Networks and their regions by rounds (newest round first; all rounds, or `rounds`):
    four queries, whatever the number of networks, regions, rounds and reports."""
    today = today or timezone.localdate()
    if rounds is None:
        rounds = list(rounds_all().order_by("-period"))
    networks = RegionalNetwork.objects.order_by("position", "name").prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("position", "name"))
    )
    latest = _latest_reports(rounds) if rounds else {}
    matrix = StatusMatrix(rounds=rounds, today=today)
    for network in networks:
        matrix.rows += _network_rows(network, network.regions.all(), rounds, latest, today)
    return matrix


def units_not_submitted(
    *, rounds: list[ReportingRound], today: date | None = None
) -> dict[int, list[MatrixRow]]:
    """Per round (by id): the matrix rows (networks and regions) whose unit has not reported
    in it (Cell.waits_for_unit); three queries, whatever the number of rounds and units."""
    if not rounds:
        return {}
    matrix = status_matrix(today=today, rounds=rounds)
    waiting: dict[int, list[MatrixRow]] = {r.pk: [] for r in matrix.rounds}
    for row in matrix.rows:
        for reporting_round, cell in zip(matrix.rounds, row.cells, strict=True):
            if cell.waits_for_unit:
                waiting[reporting_round.pk].append(row)
    return waiting


def rounds_overdue(*, on: date) -> QuerySet[ReportingRound]:
    """The open rounds whose deadline has passed."""
    return rounds_open().filter(deadline__lt=on)
