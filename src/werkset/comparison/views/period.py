"""The comparisons of one period: the index, side by side, bandwidth, groups, maturity,
toetsingskader and bottlenecks."""

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator, Theme
from werkset.documents.selectors import syntheses_latest
from werkset.regions.models import Region, RegionalNetwork

from ..charts import bandwidth_svg, format_number
from ..exports import (
    assessment_table,
    bandwidth_table,
    bottleneck_table,
    grouping_table,
    jsonable,
    maturity_table,
    period_export,
    rows_as_dicts,
    side_by_side_table,
)
from ..models import MaturityLevel
from ..policy import synthesis_may_request
from ..selectors.assessments import assessments
from ..selectors.bandwidth import SUMMED, Figure, bandwidth
from ..selectors.bottlenecks import rode_draad
from ..selectors.entries import Entry
from ..selectors.groups import (
    Grouping,
    Split,
    choice_indicators,
    grouping,
    network_grouping,
    network_key,
)
from ..selectors.maturity import NetworkMaturity, maturities_for, network_maturities
from ..selectors.networks import SOURCE_LABELS, SUMMED_LABEL, NetworkEntry
from ..selectors.side_by_side import Row, side_by_side
from ..tilemap import TILE_POSITIONS
from ..vocabulary import CRITERIA
from .common import (
    COMPARISON_CACHE_SECONDS,
    Selection,
    comparing,
    export_format,
    export_meta,
    export_name,
    export_response,
    finalised_key,
    selected_entries,
    selected_units,
    selection_from,
    theme_answers,
    unit_answers,
)

DEFAULT_SPLIT = "vt-zsm.ontwikkel.vt-aan-zsm-tafel"


def _theme_meta(selection: Selection) -> list[tuple[str, Any]]:
    return [(_("Theme"), selection.theme.short_title)] if selection.theme else []


@comparing
def index(request: HttpRequest) -> HttpResponse:
    selection = selection_from(request)
    if request.GET.get("formaat") in ("csv", "xlsx", "json") and selection.period:
        tables = period_export(
            scope=selection.scope,
            period=selection.period,
            catalogue=selection.catalogue,
            versions=selection.versions,
        )
        if request.GET["formaat"] == "json":
            document = {
                "period": selection.period,
                **{name: rows_as_dicts(table) for name, table in tables.items()},
            }
            response = HttpResponse(
                json.dumps(jsonable(document), ensure_ascii=False, indent=2),
                content_type="application/json",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="{export_name(selection.period)}.json"'
            )
            return response
        if request.GET["formaat"] == "xlsx":
            return export_response(
                "xlsx", export_name(selection.period), list(tables.values()), export_meta(selection)
            )
        return export_response(
            "csv", export_name(selection.period, "antwoorden"), [tables["answers"]], []
        )
    context = selection.context()
    if synthesis_may_request(selection.scope) and selection.period and selection.catalogue:
        context["may_synthesise"] = True
        context["syntheses"] = syntheses_latest(
            period=selection.period, catalogue=selection.catalogue
        )
    return render(request, "comparison/index.html", context)


def _unit_page(page: str, selection: Selection) -> str:
    return f"{page}:netwerk" if selection.by_network else page


def _unit_meta(selection: Selection) -> list[tuple[str, Any]]:
    return [(_("Per"), _("regional network"))] if selection.by_network else []


class SideBySideTable:
    """The side-by-side table's rows, read when the template asks for them: not at all
    when the page's kept rows are shown (comparison/side_by_side.html)."""

    def __init__(
        self, selection: Selection, entries: list[Entry], units: list[Entry] | list[NetworkEntry]
    ) -> None:
        self.selection = selection
        self.entries = entries
        self.units = units

    @cached_property
    def rows(self) -> list[Row]:
        indicators, answers = unit_answers(self.selection, self.entries, self.units)
        return side_by_side(entries=self.units, indicators=indicators, answers=answers)


@comparing
def side_by_side_view(request: HttpRequest) -> HttpResponse:
    selection = selection_from(request)
    entries = selected_entries(selection)
    units = selected_units(selection, entries)
    table = SideBySideTable(selection, entries, units)
    if fmt := export_format(request):
        theme_key = selection.theme.key if selection.theme else ""
        return export_response(
            fmt,
            export_name(selection.period, theme_key, *_unit_name(selection)),
            [side_by_side_table(table.rows, by_network=selection.by_network)],
            export_meta(selection, *_theme_meta(selection), *_unit_meta(selection)),
        )
    return render(
        request,
        "comparison/side_by_side.html",
        {
            **selection.context(),
            "entries": entries,
            "units": units,
            "unit_choice": True,
            "source_labels": SOURCE_LABELS,
            "summed_label": SUMMED_LABEL,
            "table": table,
            "cache_key": finalised_key(_unit_page("naast-elkaar", selection), selection, entries),
            "cache_seconds": COMPARISON_CACHE_SECONDS,
        },
    )


def _unit_name(selection: Selection) -> list[str]:
    return ["netwerken"] if selection.by_network else []


@dataclass(frozen=True)
class PointView:
    """A region's value in a figure's table, as shown."""

    region: str
    is_own: bool
    is_final: bool
    value: str
    source: str = ""  # a network's value: where it comes from (selectors.networks)


@dataclass(frozen=True)
class FigureView:
    """A figure of the bandwidth page: its chart and its table's numbers, as shown."""

    figure: Figure
    svg: str
    minimum: str
    median: str
    maximum: str
    points: list[PointView]


def point_source(source: str) -> str:
    """Where a network's value comes from, as its row (or trend cell) says it
    (selectors.networks)."""
    if source == SUMMED:
        return str(SUMMED_LABEL)
    return str(SOURCE_LABELS[source]) if source in SOURCE_LABELS else ""


def _figure_view(figure: Figure, index: int) -> FigureView:
    stats = figure.stats
    return FigureView(
        figure=figure,
        svg=bandwidth_svg(figure, chart_id=f"chart-{index}"),
        minimum=format_number(stats.minimum) if stats else "",
        median=format_number(stats.median) if stats else "",
        maximum=format_number(stats.maximum) if stats else "",
        points=[
            PointView(
                p.entry.name,
                p.entry.is_own,
                p.entry.is_final,
                format_number(p.value),
                point_source(p.source),
            )
            for p in figure.points
        ],
    )


def _figures(selection: Selection, entries: list[Entry]) -> list[Figure]:
    units = selected_units(selection, entries)
    indicators, answers = unit_answers(selection, entries, units)
    return bandwidth(entries=units, indicators=indicators, answers=answers)


class BandwidthFigures:
    """The bandwidth page's figures, read and drawn when the template asks for them: not at
    all when the page's kept figures are shown (comparison/bandwidth.html)."""

    def __init__(self, selection: Selection, entries: list[Entry]) -> None:
        self.selection = selection
        self.entries = entries

    @cached_property
    def figures(self) -> list[FigureView]:
        figures = _figures(self.selection, self.entries)
        return [_figure_view(figure, index) for index, figure in enumerate(figures)]


@comparing
def bandwidth_view(request: HttpRequest) -> HttpResponse:
    selection = selection_from(request)
    entries = selected_entries(selection)
    if fmt := export_format(request):
        theme_key = selection.theme.key if selection.theme else ""
        return export_response(
            fmt,
            export_name(selection.period, theme_key, "bandbreedte", *_unit_name(selection)),
            [bandwidth_table(_figures(selection, entries), by_network=selection.by_network)],
            export_meta(selection, *_theme_meta(selection), *_unit_meta(selection)),
        )
    return render(
        request,
        "comparison/bandwidth.html",
        {
            **selection.context(),
            "entries": entries,
            "unit_choice": True,
            "page": BandwidthFigures(selection, entries),
            "cache_key": finalised_key(_unit_page("bandbreedte", selection), selection, entries),
            "cache_seconds": COMPARISON_CACHE_SECONDS,
        },
    )


@comparing
def bandwidth_svg_view(request: HttpRequest) -> HttpResponse:
    """One chart as a standalone SVG file (?figuur=<indicator key>.<field key>)."""
    selection = selection_from(request)
    figures = _figures(selection, selected_entries(selection))
    figure = next((f for f in figures if f.slug == request.GET.get("figuur")), None)
    if figure is None:
        raise Http404
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + bandwidth_svg(
        figure, chart_id="chart", standalone=True
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{export_name(selection.period, figure.slug)}.svg"'
    )
    return response


class GroupsPage:
    """The groups page's comparison, computed when the template asks for it: not at all
    when the page's kept result is shown (comparison/groups.html)."""

    def __init__(self, selection: Selection, entries: list[Entry], split: Indicator | None):
        self.selection = selection
        self.entries = entries
        self.split = split

    @cached_property
    def result(self) -> Grouping:
        indicators, answers = theme_answers(
            self.selection, self.entries, *([self.split] if self.split else [])
        )
        if self.split is not None:
            return grouping(
                entries=self.entries, split=self.split, indicators=indicators, answers=answers
            )
        return network_grouping(
            entries=self.entries,
            indicators=indicators,
            answers=answers,
            networks=RegionalNetwork.objects.order_by("position", "name"),
            label=_("Regional network"),
        )


@comparing
def groups_view(request: HttpRequest) -> HttpResponse:
    selection = selection_from(request, default_theme=DEFAULT_SPLIT.split(".")[0])
    splits = choice_indicators(catalogue=selection.catalogue) if selection.catalogue else []
    wanted = request.GET.get("splits", DEFAULT_SPLIT)
    by_network = wanted == network_key()
    split = None
    if not by_network:
        split = next(
            (i for i in splits if i.key == wanted),
            # the item that continues it in a later version (VT aan de ZSM-tafel in 2.0)
            next(
                (i for i in splits if any(link["key"] == wanted for link in i.continues)),
                splits[0] if splits else None,
            ),
        )
        by_network = split is None
    context: dict[str, Any] = {
        **selection.context(),
        "splits": splits,
        # the network grouping stands in as a Split (key and label) where a question would
        "split": split or Split(network_key(), _("Regional network")),
        "split_key": split.key if split else network_key(),
        "network_key": network_key(),
    }
    if selection.catalogue is not None:
        entries = selected_entries(selection)
        page = GroupsPage(selection, entries, split)
        if fmt := export_format(request):
            return export_response(
                fmt,
                export_name(selection.period, context["split_key"]),
                [grouping_table(page.result)],
                export_meta(selection, (_("Split by"), context["split"].label)),
            )
        context["page"] = page
        context["cache_key"] = finalised_key(f"groepen:{context['split_key']}", selection, entries)
        context["cache_seconds"] = COMPARISON_CACHE_SECONDS
    return render(request, "comparison/groups.html", context)


@dataclass
class MaturityRow:
    entry: Entry
    cells: list[tuple[Theme, Any]]


@dataclass(frozen=True)
class NetworkCell:
    """A network's maturity for one theme, as shown (selectors.maturity.NetworkMaturity)."""

    level: int
    n: int
    regions: int
    median: str
    levels: list[tuple[str, int]]


def _network_cell(found: NetworkMaturity) -> NetworkCell:
    median = format_number(found.median) if found.median is not None else ""
    return NetworkCell(found.level, found.n, found.regions, median, found.levels)


@dataclass
class NetworkMaturityRow:
    """A network on the maturity page: its cell per theme and its tile for the theme shown."""

    network: RegionalNetwork
    cells: list[NetworkCell]
    tile: NetworkCell | None


@comparing
def maturity_view(request: HttpRequest) -> HttpResponse:
    selection = selection_from(request)
    entries = selected_entries(selection)
    maturities = maturities_for(entries=entries, themes=selection.themes)
    if fmt := export_format(request):
        return export_response(
            fmt,
            export_name(selection.period, "volwassenheid"),
            [maturity_table(entries, selection.themes, maturities)],
            export_meta(selection),
        )
    rows = [
        MaturityRow(e, [(t, maturities.get((e.report.pk, t.pk))) for t in selection.themes])
        for e in entries
    ]
    by_region = {e.region.pk: e for e in entries}
    theme = selection.theme
    tiles = []
    regions = list(Region.objects.order_by("position", "name"))
    networks = list(RegionalNetwork.objects.order_by("position", "name"))
    per_network = network_maturities(
        networks=networks,
        regions=regions,
        entries=entries,
        maturities=maturities,
        themes=selection.themes,
    )
    network_rows = [
        NetworkMaturityRow(
            network,
            [_network_cell(per_network[(network.pk, t.pk)]) for t in selection.themes],
            _network_cell(per_network[(network.pk, theme.pk)]) if theme else None,
        )
        for network in networks
    ]
    for region in regions:
        entry = by_region.get(region.pk)
        maturity = maturities.get((entry.report.pk, theme.pk)) if entry and theme else None
        tiles.append(
            {
                "region": region,
                "entry": entry,
                "maturity": maturity,
                "placed": region.code in TILE_POSITIONS,
                "own": region.pk in selection.scope.full_view_region_ids,
            }
        )
    return render(
        request,
        "comparison/maturity.html",
        {
            **selection.context(),
            "rows": rows,
            "tiles": tiles,
            "network_rows": network_rows,
            "levels": MaturityLevel.choices,
        },
    )


@comparing
def toetsingskader_view(request: HttpRequest) -> HttpResponse:
    selection = selection_from(request)
    entries = selected_entries(selection)
    summary = assessments(entries=entries, total_regions=Region.objects.count())
    if fmt := export_format(request):
        return export_response(
            fmt,
            export_name(selection.period, "toetsingskader"),
            [assessment_table(summary)],
            export_meta(selection),
        )
    return render(
        request,
        "comparison/toetsingskader.html",
        {**selection.context(), "summary": summary, "criteria": CRITERIA},
    )


@comparing
def bottlenecks_view(request: HttpRequest) -> HttpResponse:
    selection = selection_from(request)
    entries = selected_entries(selection)
    categories = rode_draad(entries=entries)
    if fmt := export_format(request):
        return export_response(
            fmt,
            export_name(selection.period, "knelpunten"),
            [bottleneck_table(categories)],
            export_meta(selection),
        )
    final = sum(1 for e in entries if e.is_final)
    return render(
        request,
        "comparison/bottlenecks.html",
        {**selection.context(), "categories": categories, "regions_compared": final},
    )
