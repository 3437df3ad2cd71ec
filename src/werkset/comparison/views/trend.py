"""The trend page: a region's figures and maturity over every period, beside the national
spread, read through lineage across catalogue versions."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkset.regions.models import Region

from ..charts import format_number
from ..exports import trend_table
from ..models import MaturityLevel
from ..selectors.maturity import Maturity
from ..selectors.trend import TREND_CACHE_SECONDS, Trend, TrendRow, region_trend, region_trend_key
from ..trend_chart import TrendChart, trend_chart
from .common import (
    comparing,
    export_format,
    export_meta,
    export_name,
    export_response,
    selection_from,
)

# The trend's table cells are formatted here, once per request (and kept: over_time_view),
# rather than by a {% blocktranslate %} per cell: with ten periods that is what the page's
# time went to.


@dataclass(frozen=True)
class TrendCell:
    own: str
    mark: str
    concept: bool
    national: str


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
    mixed: bool  # the region's reports use more than one catalogue version


@comparing
def over_time_view(request: HttpRequest) -> HttpResponse:
    """A region's trend over every period; the national part is cached per period
    (selectors.trend.region_trend)."""
    selection = selection_from(request, all_periods=True)
    regions = list(Region.objects.order_by("position", "name"))
    own = [r for r in regions if r.pk in selection.scope.full_view_region_ids]
    wanted = request.GET.get("regio", own[0].code if own else "")
    region = next((r for r in regions if r.code == wanted), None)
    inputs: dict[str, Any] = {
        "scope": selection.scope,
        "catalogue": selection.catalogue,
        "theme": selection.theme,
        "themes": selection.themes,
        "region": region,
        "versions": selection.versions,
        "overview": selection.overview,
    }
    if fmt := export_format(request):
        table = trend_table(region_trend(**inputs), region.name if region else "")
        return export_response(
            fmt,
            export_name(region.code if region else "", "verloop"),
            [table],
            export_meta(
                selection,
                (_("Region"), region.name if region else ""),
                # every period, oldest to newest
                period=" - ".join(dict.fromkeys([selection.periods[-1], selection.periods[0]]))
                if selection.periods
                else "",
            ),
        )
    # The trend's tables as shown are kept beside the trend itself, in the page's language:
    # reading them back costs less than the trend's objects and their formatting.
    key = region_trend_key(**inputs)
    tables_key = f"{key}:tabellen:3:{get_language()}" if key else None
    tables = cache.get(tables_key) if tables_key else None
    if tables is None:
        tables = _trend_tables(region_trend(**inputs), region)
        if tables_key:
            cache.set(tables_key, tables, TREND_CACHE_SECONDS)
    return render(
        request,
        "comparison/over_time.html",
        {
            **selection.context(),
            "regions": regions,
            "region": region,
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


def _trend_tables(trend: Trend, region: Region | None) -> TrendTables:
    name = region.name if region else ""
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
            _trend_row_view(row, trend.periods, name, index) for index, row in enumerate(trend.rows)
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
                    subject=_("the level of %(region)s") % {"region": name},
                    own_name=name,
                    scale_top=Decimal(len(MaturityLevel.choices)),
                ),
            )
            for index, (theme, cells) in enumerate(trend.maturity)
        ],
        mixed=len({c.version.pk for c in trend.columns if c.version}) > 1,
    )


def _trend_row_view(row: TrendRow, periods: list[str], name: str, index: int) -> TrendRowView:
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
        subject=_("the value of %(region)s") % {"region": name},
        own_name=name,
    )
    return TrendRowView(label, row.figure.unit, cells, chart)


def _maturity_cell(maturity: Maturity | None) -> MaturityCell:
    if maturity is None:
        return MaturityCell(0, "")
    return MaturityCell(maturity.level, maturity.get_level_display())
