"""Every comparison as rows (CSV) or a document (JSON), for the pages and the command."""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from .selectors.assessments import AssessmentSummary
from .selectors.bandwidth import Figure
from .selectors.bottlenecks import CategoryCount
from .selectors.entries import Entry
from .selectors.groups import Grouping
from .selectors.side_by_side import Row
from .vocabulary import CRITERIA

Rows = list[list[Any]]


def _safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe("" if v is None else v) for v in row])
    return buffer.getvalue()


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _status(entry: Entry) -> str:
    return "vastgesteld" if entry.is_final else "concept"


def side_by_side_rows(rows: list[Row]) -> tuple[list[str], Rows]:
    header = ["indicator", "label", "region", "status", "choice", "figures", "explanation"]
    out: Rows = []
    for row in rows:
        for cell in row.cells:
            out.append(
                [
                    row.indicator.key,
                    row.indicator.label,
                    cell.entry.region.name,
                    _status(cell.entry),
                    cell.choice_label,
                    "; ".join(f"{label}: {value}" for label, value in cell.figures),
                    cell.answer.explanation if cell.answer else "",
                ]
            )
    return header, out


def bandwidth_rows(figures: list[Figure]) -> tuple[list[str], Rows]:
    header = [
        "indicator",
        "field",
        "unit",
        "region",
        "status",
        "value",
        "n",
        "min",
        "median",
        "max",
    ]
    out: Rows = []
    for figure in figures:
        stats = figure.stats
        summary = (
            [stats.n, stats.minimum, stats.median, stats.maximum] if stats else ["", "", "", ""]
        )
        for point in figure.points:
            out.append(
                [
                    figure.indicator.key,
                    figure.spec["key"],
                    figure.unit,
                    point.entry.region.name,
                    _status(point.entry),
                    point.value,
                    *summary,
                ]
            )
        if not figure.points:
            out.append(
                [figure.indicator.key, figure.spec["key"], figure.unit, "", "", "", *summary]
            )
    return header, out


def grouping_rows(result: Grouping) -> tuple[list[str], Rows]:
    header = ["split", "group", "indicator", "field", "unit", "n", "min", "median", "max"]
    out: Rows = []
    for grouped in result.figures:
        for key, stats in grouped.groups.items():
            out.append(
                [
                    result.split.key,
                    result.labels.get(key, key),
                    grouped.figure.indicator.key,
                    grouped.figure.spec["key"],
                    grouped.figure.unit,
                    *(
                        [stats.n, stats.minimum, stats.median, stats.maximum]
                        if stats
                        else [0, "", "", ""]
                    ),
                ]
            )
    return header, out


def maturity_rows(
    entries: list[Entry], themes: list[Any], maturities: dict
) -> tuple[list[str], Rows]:
    header = ["region", "status", "theme", "level", "motivation"]
    out: Rows = []
    for entry in entries:
        for theme in themes:
            maturity = maturities.get((entry.report.pk, theme.pk))
            out.append(
                [
                    entry.region.name,
                    _status(entry),
                    theme.key,
                    maturity.level if maturity else "",
                    maturity.motivation if maturity else "",
                ]
            )
    return header, out


def assessment_rows(summary: AssessmentSummary) -> tuple[list[str], Rows]:
    header = ["region", "status", *[c.key for c in CRITERIA], "actieoverleg"]
    out: Rows = []
    for item in summary.assessments:
        verdict = "wel" if item.is_actieoverleg else ("geen" if item.complete else "")
        out.append(
            [
                item.entry.region.name,
                _status(item.entry),
                *[item.answers[c.key].verdict if c.key in item.answers else "" for c in CRITERIA],
                verdict,
            ]
        )
    return header, out


def bottleneck_rows(categories: list[CategoryCount]) -> tuple[list[str], Rows]:
    header = ["category", "bottleneck", "n", "region", "indicator", "quote"]
    out: Rows = []
    for category in categories:
        for count in category.bottlenecks:
            for ref in count.quotes:
                out.append(
                    [
                        category.category.key,
                        count.bottleneck.key,
                        count.n,
                        ref.entry.region.name,
                        ref.answer.indicator.key,
                        ref.answer.explanation,
                    ]
                )
            if not count.quotes:
                out.append([category.category.key, count.bottleneck.key, 0, "", "", ""])
    return header, out


def jsonable(value: Any) -> Any:
    """Decimals as strings, so JSON keeps the exact figures."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def rows_as_dicts(header: Sequence[str], rows: Rows) -> list[dict[str, Any]]:
    return [jsonable(dict(zip(header, row, strict=True))) for row in rows]


def period_export(
    *, scope: Any, period: str, catalogue: Any, versions: Any = None
) -> dict[str, tuple[list[str], Rows]]:
    """Every comparison of a period as named tables (the command and the index's download),
    in the terms of `catalogue`; reports of other versions of its line through lineage."""
    from werkset.catalogue.models import Theme
    from werkset.regions.models import Region

    from .selectors.assessments import assessments
    from .selectors.bandwidth import bandwidth
    from .selectors.bottlenecks import rode_draad
    from .selectors.entries import answers_for, comparison_entries, theme_indicators
    from .selectors.maturity import maturities_for
    from .selectors.side_by_side import side_by_side

    entries = comparison_entries(scope=scope, period=period, catalogue=catalogue, versions=versions)
    indicators = theme_indicators(catalogue=catalogue, theme=None)
    answers = answers_for(entries=entries, indicators=indicators, versions=versions)
    themes = list(Theme.objects.filter(version=catalogue).order_by("position"))
    return {
        "answers": side_by_side_rows(
            side_by_side(entries=entries, indicators=indicators, answers=answers)
        ),
        "bandwidth": bandwidth_rows(
            bandwidth(entries=entries, indicators=indicators, answers=answers)
        ),
        "maturity": maturity_rows(entries, themes, maturities_for(entries=entries, themes=themes)),
        "toetsingskader": assessment_rows(
            assessments(entries=entries, total_regions=Region.objects.count())
        ),
        "bottlenecks": bottleneck_rows(rode_draad(entries=entries)),
    }
