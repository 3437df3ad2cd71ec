"""Every comparison as a Table (exports.writers), from what the pages' selectors return:
no second reading of the figures. Headers and labels in the language of the request (Dutch);
figures as numbers in their unit (Quantity), one column per figure and unit."""

from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator, Theme
from werkset.regions.models import Region
from werkset.reports.forms import figure_display

from ..selectors.assessments import AssessmentSummary, assessments
from ..selectors.bandwidth import SUMMED, Figure, bandwidth
from ..selectors.bottlenecks import CategoryCount, rode_draad
from ..selectors.entries import Entry, answers_for, comparison_entries, theme_indicators
from ..selectors.groups import Grouping
from ..selectors.maturity import maturities_for
from ..selectors.networks import SOURCE_LABELS, SUMMED_LABEL, NetworkEntry
from ..selectors.side_by_side import Cell, Row, side_by_side
from ..statistics import FIGURE_KINDS, Distribution, figure_number
from ..vocabulary import CRITERIA
from .writers import Column, Quantity, Table


def _status(entry: Entry | NetworkEntry) -> str:
    return _("Finalised") if entry.is_final else _("concept")


def figure_unit(spec: dict[str, Any]) -> str:
    """A figure's unit as its column names it (frequencies are compared per year)."""
    if spec["kind"] == "frequentie":
        return _("per year")
    if spec["kind"] == "euro":
        return "euro"
    return str(spec.get("unit", ""))


def _quantity(spec: dict[str, Any], value: Any) -> Quantity | None:
    """A stored figure in its unit, compared as the bandwidth compares it (statistics)."""
    number = figure_number(spec, value)
    return Quantity(number, spec["kind"]) if number is not None else None


def _stats(stats: Distribution | None, kind: str) -> list[Any]:
    if stats is None:
        return [0, None, None, None]
    return [
        stats.n,
        Quantity(stats.minimum, kind),
        Quantity(stats.median, kind),
        Quantity(stats.maximum, kind),
    ]


def _stat_columns(*, by_network: bool = False) -> list[Column]:
    return [
        Column("n", _("Number of networks") if by_network else _("Number of regions")),
        Column("min", _("Minimum")),
        Column("median", _("Median")),
        Column("max", _("Maximum")),
    ]


def _figure_columns(indicators: list[Indicator]) -> dict[tuple[str, str], Column]:
    """One column per figure and unit over the indicators (a label shared by several
    indicators in the same unit is one column: each row is one indicator)."""
    columns: dict[tuple[str, str], Column] = {}
    for indicator in indicators:
        for spec in indicator.fields:
            unit = figure_unit(spec) if spec["kind"] in FIGURE_KINDS else ""
            ident = (str(spec["label"]), unit)
            if ident not in columns:
                header = f"{spec['label']} ({unit})" if unit else str(spec["label"])
                key = "_".join(p for p in (slugify(spec["label"]), slugify(unit)) if p)
                columns[ident] = Column(key or spec["key"], header)
    return columns


def _unit_column(by_network: bool) -> Column:
    """The column that names the unit: a region, or a network (?eenheid=netwerk)."""
    return Column("network", _("Regional network")) if by_network else Column("region", _("Region"))


def _network_columns(by_network: bool) -> list[Column]:
    if not by_network:
        return []
    return [Column("source", _("Value of")), Column("regions", _("Per region"))]


def _parts_text(cell: Cell) -> str:
    """A network's regions' own answers in one cell of a download."""
    return "; ".join(
        f"{part.entry.name}: "
        + ", ".join(
            [part.choice_label] * bool(part.choice_label)
            + [f"{label} {value}" for label, value in part.figures]
        )
        for part in cell.parts
    )


def side_by_side_table(rows: list[Row], *, by_network: bool = False) -> Table:
    """Per indicator a row per region, or per network with where its value comes from and
    its regions' own answers (selectors.networks)."""
    figure_columns = _figure_columns([row.indicator for row in rows])
    idents = list(figure_columns)
    table = Table(
        _("Side by side"),
        [
            Column("indicator", _("Indicator")),
            Column("label", _("Question")),
            _unit_column(by_network),
            Column("status", _("Status")),
            Column("choice", _("Answer")),
            *figure_columns.values(),
            Column("explanation", _("Explanation")),
            *_network_columns(by_network),
        ],
    )
    for row in rows:
        specs = row.indicator.fields
        for cell in row.cells:
            values: dict[tuple[str, str], Any] = {}
            figures = cell.answer.figures if cell.answer else {}
            for spec in specs:
                raw = figures.get(spec["key"])
                if raw in (None, "", []):
                    continue
                if spec["kind"] in FIGURE_KINDS:
                    values[(str(spec["label"]), figure_unit(spec))] = _quantity(spec, raw)
                else:
                    values[(str(spec["label"]), "")] = figure_display(spec, raw)
            table.rows.append(
                [
                    row.indicator.key,
                    row.indicator.label,
                    cell.entry.name,
                    _status(cell.entry),
                    cell.choice_label,
                    *[values.get(ident) for ident in idents],
                    cell.answer.explanation if cell.answer else "",
                    *(
                        [_source_text(cell.source, cell.summed), _parts_text(cell)]
                        if by_network
                        else []
                    ),
                ]
            )
    return table


def _source_text(source: str, summed: list[str] | bool) -> str:
    label = str(SOURCE_LABELS[source]) if source in SOURCE_LABELS else ""
    if summed:
        label = f"{label} ({SUMMED_LABEL})" if label else str(SUMMED_LABEL)
    return label


def bandwidth_table(figures: list[Figure], *, by_network: bool = False) -> Table:
    table = Table(
        _("Bandwidth"),
        [
            Column("indicator", _("Indicator")),
            Column("label", _("Question")),
            Column("field", _("Field")),
            Column("figure", _("Figure")),
            Column("unit", _("Unit")),
            _unit_column(by_network),
            Column("status", _("Status")),
            Column("value", _("Value")),
            *_stat_columns(by_network=by_network),
            *([Column("source", _("Value of"))] if by_network else []),
        ],
    )
    for figure in figures:
        kind = figure.spec["kind"]
        head = [
            figure.indicator.key,
            figure.indicator.label,
            figure.spec["key"],
            figure.spec["label"],
        ]
        unit = figure_unit(figure.spec)
        summary = _stats(figure.stats, kind)
        for point in figure.points:
            table.rows.append(
                [
                    *head,
                    unit,
                    point.entry.name,
                    _status(point.entry),
                    Quantity(point.value, kind),
                    *summary,
                    *([_source_text(point.source, point.source == SUMMED)] if by_network else []),
                ]
            )
        if not figure.points:
            table.rows.append(
                [*head, unit, None, None, None, *summary, *([None] if by_network else [])]
            )
    return table


def grouping_table(result: Grouping) -> Table:
    table = Table(
        _("Groups"),
        [
            Column("split", _("Split by")),
            Column("group", _("Group")),
            Column("indicator", _("Indicator")),
            Column("label", _("Question")),
            Column("field", _("Figure")),
            Column("unit", _("Unit")),
            *_stat_columns(),
        ],
    )
    for grouped in result.figures:
        figure = grouped.figure
        for key, stats in grouped.groups.items():
            table.rows.append(
                [
                    result.split.label,
                    result.labels.get(key, key),
                    figure.indicator.key,
                    figure.indicator.label,
                    figure.spec["label"],
                    figure_unit(figure.spec),
                    *_stats(stats, figure.spec["kind"]),
                ]
            )
    return table


def maturity_table(entries: list[Entry], themes: list[Any], maturities: dict) -> Table:
    table = Table(
        _("Maturity"),
        [
            Column("region", _("Region")),
            Column("status", _("Status")),
            Column("theme", _("Theme")),
            Column("level", _("Level")),
            Column("level_label", _("Maturity")),
            Column("motivation", _("Motivation")),
        ],
    )
    for entry in entries:
        for theme in themes:
            maturity = maturities.get((entry.report.pk, theme.pk))
            table.rows.append(
                [
                    entry.region.name,
                    _status(entry),
                    theme.short_title,
                    maturity.level if maturity else None,
                    maturity.get_level_display() if maturity else _("not assessed"),
                    maturity.motivation if maturity else "",
                ]
            )
    return table


def assessment_table(summary: AssessmentSummary) -> Table:
    verdicts = {"ja": _("Yes"), "deels": _("Partly"), "nee": _("No")}
    table = Table(
        _("Toetsingskader"),
        [
            Column("region", _("Region")),
            Column("status", _("Status")),
            *[Column(c.key, str(c.title)) for c in CRITERIA],
            Column("actieoverleg", _("Is an Actieoverleg")),
        ],
    )
    for item in summary.assessments:
        verdict = (
            (str(item.verdict.label) if item.lower_frequency else _("Yes"))
            if item.is_actieoverleg
            else (_("No") if item.complete else _("not assessed"))
        )
        table.rows.append(
            [
                item.entry.region.name,
                _status(item.entry),
                *[
                    verdicts.get(item.answers[c.key].verdict, "") if c.key in item.answers else ""
                    for c in CRITERIA
                ],
                verdict,
            ]
        )
    return table


def bottleneck_table(categories: list[CategoryCount]) -> Table:
    table = Table(
        _("Bottlenecks"),
        [
            Column("category", _("Category code")),
            Column("category_title", _("Category")),
            Column("bottleneck", _("Bottleneck code")),
            Column("bottleneck_title", _("Bottleneck")),
            Column("n", _("Number of regions")),
            Column("region", _("Region")),
            Column("indicator", _("Indicator")),
            Column("quote", _("Quote")),
        ],
    )
    for category in categories:
        for count in category.bottlenecks:
            head = [
                category.category.key,
                str(category.category.title),
                count.bottleneck.key,
                str(count.bottleneck.title),
                count.n,
            ]
            for ref in count.quotes:
                table.rows.append(
                    [
                        *head,
                        ref.entry.region.name,
                        ref.answer.indicator.key,
                        ref.answer.explanation,
                    ]
                )
            if not count.quotes:
                table.rows.append([*head, None, None, None])
    return table


def trend_table(trend: Any, region_name: str, *, by_network: bool = False) -> Table:
    """A region's (or with `by_network` a regional network's) figures per period beside
    the national spread (selectors.trend_rows.Trend), over regions or over networks."""
    marks = {"samengevoegd": _("merged"), "gesplitst": _("parts added up")}
    table = Table(
        _("Over time"),
        [
            Column("indicator", _("Indicator")),
            Column("label", _("Question")),
            Column("field", _("Field")),
            Column("figure", _("Figure")),
            Column("unit", _("Unit")),
            Column("period", _("Period")),
            _unit_column(by_network),
            Column("network_value", _("Value of the network"))
            if by_network
            else Column("region_value", _("Value of the region")),
            Column("lineage", _("Read through lineage")),
            *_stat_columns(by_network=by_network),
            *([Column("source", _("Value of"))] if by_network else []),
        ],
    )
    for row in trend.rows:
        figure = row.figure
        kind = figure.spec["kind"]
        for period, point, stats in zip(trend.periods, row.own, row.national, strict=True):
            table.rows.append(
                [
                    figure.indicator.key,
                    figure.indicator.label,
                    figure.spec["key"],
                    figure.spec["label"],
                    figure_unit(figure.spec),
                    period,
                    region_name,
                    Quantity(point.value, kind) if point else None,
                    marks.get(point.relation, point.relation) if point else None,
                    *_stats(stats, kind),
                    *(
                        [_source_text(point.source, point.source == SUMMED) if point else None]
                        if by_network
                        else []
                    ),
                ]
            )
    return table


def period_export(
    *, scope: Any, period: str, catalogue: Any, versions: Any = None
) -> dict[str, Table]:
    """Every comparison of a period as named tables (the command and the index's download),
    in the terms of `catalogue`; reports of other versions of its line through lineage."""
    entries = comparison_entries(scope=scope, period=period, catalogue=catalogue, versions=versions)
    indicators = theme_indicators(catalogue=catalogue, theme=None)
    answers = answers_for(entries=entries, indicators=indicators, versions=versions)
    themes = list(Theme.objects.filter(version=catalogue).order_by("position"))
    return {
        "answers": side_by_side_table(
            side_by_side(entries=entries, indicators=indicators, answers=answers)
        ),
        "bandwidth": bandwidth_table(
            bandwidth(entries=entries, indicators=indicators, answers=answers)
        ),
        "maturity": maturity_table(entries, themes, maturities_for(entries=entries, themes=themes)),
        "toetsingskader": assessment_table(
            assessments(entries=entries, total_regions=Region.objects.count())
        ),
        "bottlenecks": bottleneck_table(rode_draad(entries=entries)),
    }
