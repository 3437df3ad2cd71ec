"""The trend page: a region's (or with ?eenheid=netwerk a regional network's) figures and
maturity over every period, beside the national spread, read through lineage across
catalogue versions."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkset.accounts.scope import Scope
from werkset.regions.models import Region, RegionalNetwork
from werkset.regions.selectors import regions_in_order

from ..charts import format_number
from ..exports import trend_table
from ..models import MaturityLevel
from ..selectors.maturity import Maturity
from ..selectors.trend import region_trend, region_trend_key
from ..selectors.trend_network import network_trend, network_trend_key
from ..selectors.trend_reads import TREND_CACHE_SECONDS
from ..selectors.trend_rows import Trend, TrendRow
from ..trend_chart import TrendChart, trend_chart
from .common import (
    UNIT_NETWORK,
    Selection,
    comparing,
    export_format,
    export_meta,
    export_name,
    export_response,
    selection_from,
)
from .period import point_source

# The trend's table cells are formatted here, once per request (and kept: over_time_view),
# rather than by a {% blocktranslate %} per cell: with ten periods that is what the page's
# time went to.


@dataclass(frozen=True)
class TrendCell:
    own: str
    mark: str
    concept: bool
    national: str
    source: str = ""  # a network's value: where it comes from (selectors.networks)


@dataclass(frozen=True)
class TrendRowView:
    label: str
    unit: str
    cells: list[TrendCell]
    chart: TrendChart | None = None


@dataclass(frozen=True)
class MaturityCell:
    level: int
    label: str


@dataclass(frozen=True)
class MaturityRowView:
    theme: str
    cells: list[MaturityCell]
    chart: TrendChart | None = None


@dataclass(frozen=True)
class TrendTables:
    """What the trend page shows of a trend, as plain values (cheap to keep and read)."""

    periods: list[str]
    columns: list[tuple[str, str]]  # period, catalogue version of the region's own report
    rows: list[TrendRowView]
    maturity: list[MaturityRowView]
    mixed: bool  # the region's (network's) reports use more than one catalogue version


@comparing
def over_time_view(request: HttpRequest) -> HttpResponse:
    """A region's trend over every period, or a regional network's (?eenheid=netwerk
    &netwerk=<code>, ADR 31); the national part is cached per period and unit
    (selectors.trend.region_trend, network_trend)."""
    selection = selection_from(request, all_periods=True)
    regions = regions_in_order()
    full_view = selection.scope.full_view_region_ids
    own = [r for r in regions if r.pk in full_view]
    inputs: dict[str, Any] = {
        "scope": selection.scope,
        "catalogue": selection.catalogue,
        "theme": selection.theme,
        "themes": selection.themes,
        "versions": selection.versions,
        "overview": selection.overview,
    }
    if selection.by_network:
        networks = list(RegionalNetwork.objects.order_by("position", "name"))
        network = _network_wanted(request, networks, regions, own, selection.scope)
        return _over_time(
            request, selection, inputs, regions=regions, networks=networks, network=network
        )
    # the viewer's own region, else (the unit was just switched) the network's first region
    asked = request.GET.get("netwerk")
    network_id = (
        RegionalNetwork.objects.filter(code=asked).values_list("pk", flat=True).first()
        if asked
        else None
    )
    switched = [r for r in regions if r.network_id == network_id]
    default = next(iter(own or switched), None)
    wanted = request.GET.get("regio", default.code if default else "")
    region = next((r for r in regions if r.code == wanted), None)
    return _over_time(request, selection, {**inputs, "region": region}, regions=regions)


def _network_wanted(
    request: HttpRequest,
    networks: list[RegionalNetwork],
    regions: list[Region],
    own: list[Region],
    scope: Scope,
) -> RegionalNetwork | None:
    """The network asked for (?netwerk=), else the network of the region asked for (the
    unit was just switched), else the viewer's own network, else the first."""
    by_code = {n.code: n for n in networks}
    by_id = {n.pk: n for n in networks}
    if (wanted := by_code.get(request.GET.get("netwerk", ""))) is not None:
        return wanted
    region = next((r for r in regions if r.code == request.GET.get("regio")), None)
    mine = [r.network_id for r in own] + sorted(scope.member_network_ids)
    for network_id in [region.network_id] if region else mine:
        if network_id in by_id:
            return by_id[network_id]
    return networks[0] if networks else None


def _over_time(
    request: HttpRequest,
    selection: Selection,
    inputs: dict[str, Any],
    *,
    regions: list[Region],
    networks: list[RegionalNetwork] | None = None,
    network: RegionalNetwork | None = None,
) -> HttpResponse:
    """The page or its download, of a region or (`networks` given) of a network."""
    by_network = networks is not None
    unit = network if by_network else inputs.get("region")
    name = unit.name if unit else ""
    code = unit.code if unit else ""

    def trend() -> Trend:
        if by_network:
            return network_trend(**inputs, network=network, regions=regions)
        return region_trend(**inputs)

    if fmt := export_format(request):
        table = trend_table(trend(), name, by_network=by_network)
        return export_response(
            fmt,
            export_name(code, "verloop", *(["netwerk"] if by_network else [])),
            [table],
            export_meta(
                selection,
                (_("Regional network") if by_network else _("Region"), name),
                # every period, oldest to newest
                period=" - ".join(dict.fromkeys([selection.periods[-1], selection.periods[0]]))
                if selection.periods
                else "",
            ),
        )
    # The trend's tables as shown are kept beside the trend itself, in the page's language:
    # reading them back costs less than the trend's objects and their formatting.
    key = (
        network_trend_key(**inputs, network=network, regions=regions)
        if by_network
        else region_trend_key(**inputs)
    )
    tables_key = f"{key}:tabellen:4:{get_language()}" if key else None
    tables = cache.get(tables_key) if tables_key else None
    if tables is None:
        tables = _trend_tables(trend(), name, by_network=by_network)
        if tables_key:
            cache.set(tables_key, tables, TREND_CACHE_SECONDS)
    return render(
        request,
        "comparison/over_time.html",
        {
            **selection.context(),
            "regions": regions,
            "region": inputs.get("region"),
            "networks": networks or [],
            "network": network,
            "unit_name": name,
            # the downloads' query of the unit in view (none in view: the page's default)
            "unit_query": urlencode(
                {"eenheid": UNIT_NETWORK, "netwerk": code} if by_network else {"regio": code}
            ),
            "trend_periods": tables.periods,
            "trend_columns": tables.columns,
            "trend_rows": tables.rows,
            "maturity_rows": tables.maturity,
            "mixed_versions": tables.mixed,
            # the page's own note says more than the general one
            "read_through_lineage": selection.context()["read_through_lineage"]
            and not tables.mixed,
        },
    )


def _trend_tables(trend: Trend, name: str, *, by_network: bool = False) -> TrendTables:
    if by_network:
        level_of = _("the level of the network %(network)s") % {"network": name}
        absent = _("The network has no value in any period.")
    else:
        level_of = _("the level of %(region)s") % {"region": name}
        absent = None
    return TrendTables(
        periods=list(trend.periods),
        columns=[
            (
                column.period,
                _("version %(edition)s") % {"edition": column.version.edition}
                if column.version
                else "",
            )
            for column in trend.columns
        ],
        rows=[
            _trend_row_view(row, trend.periods, name, index, by_network=by_network)
            for index, row in enumerate(trend.rows)
        ],
        maturity=[
            MaturityRowView(
                theme.short_title,
                [_maturity_cell(m) for m in cells],
                trend_chart(
                    chart_id=f"verloop-volwassenheid-{index}",
                    title=_("Maturity of %(theme)s") % {"theme": theme.short_title},
                    periods=trend.periods,
                    own=[Decimal(m.level) if m else None for m in cells],
                    subject=level_of,
                    own_name=name,
                    scale_top=Decimal(len(MaturityLevel.choices)),
                    absent=absent,
                ),
            )
            for index, (theme, cells) in enumerate(trend.maturity)
        ],
        mixed=len({c.version.pk for c in trend.columns if c.version}) > 1,
    )


def _trend_row_view(
    row: TrendRow, periods: list[str], name: str, index: int, *, by_network: bool = False
) -> TrendRowView:
    national = _("median %(median)s (%(minimum)s–%(maximum)s, n = %(n)s)")  # noqa: RUF001
    marks = {"samengevoegd": _("merged"), "gesplitst": _("parts added up")}
    cells = [
        TrendCell(
            own=format_number(point.value) if point else "–",  # noqa: RUF001
            mark=marks.get(point.relation, "") if point else "",
            concept=bool(point and not point.is_final),
            national=national
            % {
                "median": format_number(st.median),
                "minimum": format_number(st.minimum),
                "maximum": format_number(st.maximum),
                "n": st.n,
            }
            if st
            else "",
            source=point_source(point.source) if point else "",
        )
        for point, st in row.cells
    ]
    label = f"{row.figure.indicator.label}: {row.figure.spec['label']}"
    chart = trend_chart(
        chart_id=f"verloop-cijfer-{index}",
        title=f"{label} ({row.figure.unit})",
        periods=periods,
        own=[point.value if point else None for point in row.own],
        national=row.national,
        subject=_("the value of the network %(network)s") % {"network": name}
        if by_network
        else _("the value of %(region)s") % {"region": name},
        own_name=name,
        absent=_("The network has no value in any period.") if by_network else None,
    )
    return TrendRowView(label, row.figure.unit, cells, chart)


def _maturity_cell(maturity: Maturity | None) -> MaturityCell:
    if maturity is None:
        return MaturityCell(0, "")
    return MaturityCell(maturity.level, maturity.get_level_display())
