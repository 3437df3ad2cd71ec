"""Comparison pages. Every view asks the scope on the server; the data comes from
selectors in a fixed number of queries, whatever the number of regions."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkset.accounts.scope import Scope, request_user, scope_for_request
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.regions.models import Region
from werkset.reports.models import Answer
from werkset.reports.views import report_or_404

from . import selectors as s
from .charts import bandwidth_svg, format_number
from .exports import (
    assessment_rows,
    bandwidth_rows,
    bottleneck_rows,
    csv_response,
    grouping_rows,
    jsonable,
    maturity_rows,
    period_export,
    rows_as_dicts,
    side_by_side_rows,
)
from .forms import BottleneckForm, CriterionForm, MaturityForm
from .models import CriterionAnswer, MaturityLevel, ThemeMaturity
from .services import (
    ComparisonError,
    bottleneck_codes_set,
    can_assess,
    can_code,
    criterion_save,
    maturity_save,
)
from .tables import side_by_side_rows_html, trend_maturity_rows_html, trend_rows_html
from .tilemap import TILE_POSITIONS
from .vocabulary import CRITERIA

DEFAULT_SPLIT = "vt-zsm.ontwikkel.vt-aan-zsm-tafel"


def _comparing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a content role (administrators manage accounts, not content)."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_for_request(request).can_compare:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@dataclass
class Selection:
    scope: Scope
    catalogue: CatalogueVersion | None
    periods: list[str]
    period: str
    themes: list[Theme]
    theme: Theme | None
    versions: list[CatalogueVersion] = field(default_factory=list)
    in_use: set[int] = field(default_factory=set)
    overview: s.PeriodOverview | None = None

    def context(self) -> dict[str, Any]:
        return {
            "periods": self.periods,
            "period": self.period,
            "themes": self.themes,
            "theme": self.theme,
            "catalogue": self.catalogue,
            "versions": self.versions,
            # reports of another version are read through lineage (a note on the page)
            "read_through_lineage": bool(
                self.catalogue and self.in_use and self.in_use != {self.catalogue.pk}
            ),
        }


def _selection(
    request: HttpRequest, *, default_theme: str | None = None, all_periods: bool = False
) -> Selection:
    """What to compare, from the query string. The catalogue version the comparison is
    read in (?versie=) defaults to the newest one the reports in view use: those of the
    period, or of every period for the trend (`all_periods`); reports of other versions
    of the same line are read through lineage."""
    scope = scope_for_request(request)
    all_themes = s.catalogue_themes_all()
    versions = list({t.version_id: t.version for t in all_themes}.values())
    # The trend (all periods) keeps its table by the stamps of the finalised reports.
    overview = s.period_overview(scope=scope, stamped=all_periods)
    period = request.GET.get("periode", "")
    if period not in overview.periods:
        period = overview.default
    in_use = (
        set().union(*overview.versions.values())
        if all_periods
        else overview.versions.get(period, set())
    )
    catalogue = next(
        (v for v in versions if v.slug == request.GET.get("versie")), None
    ) or s.lens_default(versions=versions, in_use=in_use)
    themes = [t for t in all_themes if catalogue and t.version_id == catalogue.pk]
    wanted = request.GET.get("thema", default_theme or "")
    theme = next((t for t in themes if t.key == wanted), themes[0] if themes else None)
    return Selection(
        scope, catalogue, overview.periods, period, themes, theme, versions, in_use, overview
    )


def _wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("formaat") == "csv"


def _name(*parts: str) -> str:
    return "-".join(p.replace(".", "_") for p in ["vergelijking", *parts] if p)


@_comparing
def index(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    if request.GET.get("formaat") in ("csv", "json") and selection.period:
        tables = period_export(
            scope=selection.scope,
            period=selection.period,
            catalogue=selection.catalogue,
            versions=selection.versions,
        )
        if request.GET["formaat"] == "json":
            document = {
                "period": selection.period,
                **{name: rows_as_dicts(*table) for name, table in tables.items()},
            }
            response = HttpResponse(
                json.dumps(jsonable(document), ensure_ascii=False, indent=2),
                content_type="application/json",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="{_name(selection.period)}.json"'
            )
            return response
        header, rows = tables["answers"]
        return csv_response(_name(selection.period, "antwoorden"), header, rows)
    return render(request, "comparison/index.html", selection.context())


# Finalised reports never change (a correction is a new report). What the side-by-side and
# bandwidth pages show of a set of finalised reports is therefore kept (ADR 0011), under a
# key of everything it is made of: the page, language, period, catalogue version and theme,
# and per region its report (id and version), name and whether it is the viewer's own.
# Which reports a viewer may see is decided on every request (comparison_entries); a page
# with a concept in it is always made afresh.
COMPARISON_CACHE_SECONDS = 7 * 24 * 3600


def _finalised_key(page: str, selection: Selection, entries: list[s.Entry]) -> str | None:
    catalogue, theme = selection.catalogue, selection.theme
    if catalogue is None or theme is None or not entries:
        return None
    if not all(entry.is_final for entry in entries):
        return None
    parts = (
        get_language(),
        selection.period,
        (catalogue.pk, catalogue.content_hash, str(catalogue.loaded_at)),
        (theme.pk, theme.key),
        [
            (e.report.pk, e.report.catalogue_version_id, e.region.pk, e.region.name, e.is_own)
            for e in entries
        ],
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"werkset:vergelijking:1:{page}:{digest}"


def _entries(selection: Selection) -> list[s.Entry]:
    """The reports this comparison shows: per region its latest in the selected period."""
    return s.comparison_entries(
        scope=selection.scope,
        period=selection.period,
        catalogue=selection.catalogue,
        versions=selection.versions,
    )


def _theme_answers(
    selection: Selection, entries: list[s.Entry], *extra: Indicator
) -> tuple[list[Indicator], dict[tuple[int, int], Answer]]:
    """The selected theme's indicators and the entries' answers to them (and to `extra`),
    read through lineage with the versions the selection already holds."""
    indicators = (
        s.theme_indicators(catalogue=selection.catalogue, theme=selection.theme)
        if selection.catalogue
        else []
    )
    answers = s.answers_for(
        entries=entries, indicators=[*extra, *indicators], versions=selection.versions
    )
    return list(indicators), answers


@_comparing
def side_by_side_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    entries = _entries(selection)
    wants_csv = _wants_csv(request)
    key = None if wants_csv else _finalised_key("naast-elkaar", selection, entries)
    rows_html = cache.get(key) if key else None
    if rows_html is None:
        indicators, answers = _theme_answers(selection, entries)
        rows = s.side_by_side(entries=entries, indicators=indicators, answers=answers)
        if wants_csv:
            theme_key = selection.theme.key if selection.theme else ""
            return csv_response(_name(selection.period, theme_key), *side_by_side_rows(rows))
        rows_html = side_by_side_rows_html(rows)
        if key:
            cache.set(key, rows_html, COMPARISON_CACHE_SECONDS)
    return render(
        request,
        "comparison/side_by_side.html",
        # rendered by comparison.tables, every value escaped there
        {**selection.context(), "entries": entries, "rows_html": mark_safe(rows_html)},  # noqa: S308
    )


def _figures(selection: Selection) -> tuple[list[s.Entry], list[s.Figure]]:
    entries = _entries(selection)
    indicators, answers = _theme_answers(selection, entries)
    return entries, s.bandwidth(entries=entries, indicators=indicators, answers=answers)


@_comparing
def bandwidth_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    if _wants_csv(request):
        figures = _figures(selection)[1]
        theme_key = selection.theme.key if selection.theme else ""
        return csv_response(
            _name(selection.period, theme_key, "bandbreedte"), *bandwidth_rows(figures)
        )
    entries = _entries(selection)
    key = _finalised_key("bandbreedte", selection, entries)
    figures_html = cache.get(key) if key else None
    if figures_html is None:
        indicators, answers = _theme_answers(selection, entries)
        figures = s.bandwidth(entries=entries, indicators=indicators, answers=answers)
        charts = [
            (figure, bandwidth_svg(figure, chart_id=f"chart-{index}"))
            for index, figure in enumerate(figures)
        ]
        figures_html = render_to_string(
            "comparison/_bandwidth_figures.html",
            {"charts": charts, "period": selection.period, "theme": selection.theme},
        )
        if key:
            cache.set(key, figures_html, COMPARISON_CACHE_SECONDS)
    return render(
        request,
        "comparison/bandwidth.html",
        # rendered from comparison/_bandwidth_figures.html above
        {**selection.context(), "entries": entries, "figures_html": mark_safe(figures_html)},  # noqa: S308
    )


@_comparing
def bandwidth_svg_view(request: HttpRequest) -> HttpResponse:
    """One chart as a standalone SVG file (?figuur=<indicator key>.<field key>)."""
    selection = _selection(request)
    figures = _figures(selection)[1]
    figure = next((f for f in figures if f.slug == request.GET.get("figuur")), None)
    if figure is None:
        raise Http404
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + bandwidth_svg(
        figure, chart_id="chart", standalone=True
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_name(selection.period, figure.slug)}.svg"'
    )
    return response


@_comparing
def groups_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request, default_theme=DEFAULT_SPLIT.split(".")[0])
    splits = s.choice_indicators(catalogue=selection.catalogue) if selection.catalogue else []
    wanted = request.GET.get("splits", DEFAULT_SPLIT)
    split = next(
        (i for i in splits if i.key == wanted),
        # the item that continues it in a later version (VT aan de ZSM-tafel in 2.0)
        next(
            (i for i in splits if any(link["key"] == wanted for link in i.continues)),
            splits[0] if splits else None,
        ),
    )
    context: dict[str, Any] = {**selection.context(), "splits": splits, "split": split}
    if split is not None and selection.catalogue is not None:
        entries = _entries(selection)
        indicators, answers = _theme_answers(selection, entries, split)
        result = s.grouping(entries=entries, split=split, indicators=indicators, answers=answers)
        if _wants_csv(request):
            return csv_response(_name(selection.period, split.key), *grouping_rows(result))
        context["result"] = result
        context["group_keys"] = list(result.members)
    return render(request, "comparison/groups.html", context)


@dataclass
class MaturityRow:
    entry: s.Entry
    cells: list[tuple[Theme, Any]]


@_comparing
def maturity_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    entries = _entries(selection)
    maturities = s.maturities_for(entries=entries, themes=selection.themes)
    if _wants_csv(request):
        return csv_response(
            _name(selection.period, "volwassenheid"),
            *maturity_rows(entries, selection.themes, maturities),
        )
    rows = [
        MaturityRow(e, [(t, maturities.get((e.report.pk, t.pk))) for t in selection.themes])
        for e in entries
    ]
    by_region = {e.region.pk: e for e in entries}
    theme = selection.theme
    tiles = []
    for region in Region.objects.order_by("position", "name"):
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
        {**selection.context(), "rows": rows, "tiles": tiles, "levels": MaturityLevel.choices},
    )


@_comparing
def toetsingskader_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    entries = _entries(selection)
    summary = s.assessments(entries=entries, total_regions=Region.objects.count())
    if _wants_csv(request):
        return csv_response(_name(selection.period, "toetsingskader"), *assessment_rows(summary))
    return render(
        request,
        "comparison/toetsingskader.html",
        {**selection.context(), "summary": summary, "criteria": CRITERIA},
    )


@_comparing
def bottlenecks_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    entries = _entries(selection)
    categories = s.rode_draad(entries=entries)
    if _wants_csv(request):
        return csv_response(_name(selection.period, "knelpunten"), *bottleneck_rows(categories))
    final = sum(1 for e in entries if e.is_final)
    return render(
        request,
        "comparison/bottlenecks.html",
        {**selection.context(), "categories": categories, "regions_compared": final},
    )


@_comparing
def over_time_view(request: HttpRequest) -> HttpResponse:
    """A region's trend over every period, read through lineage across catalogue versions;
    the national part is cached per period (selectors.region_trend)."""
    selection = _selection(request, all_periods=True)
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
    if _wants_csv(request):
        return _trend_csv(s.region_trend(**inputs), region)
    # The trend's tables as shown are kept beside the trend itself, in the page's language:
    # reading them back costs less than the trend's objects and their formatting.
    key = s.region_trend_key(**inputs)
    tables_key = f"{key}:tabellen:{get_language()}" if key else None
    tables = cache.get(tables_key) if tables_key else None
    if tables is None:
        tables = _trend_tables(s.region_trend(**inputs))
        if tables_key:
            cache.set(tables_key, tables, s.TREND_CACHE_SECONDS)
    return render(
        request,
        "comparison/over_time.html",
        {
            **selection.context(),
            "regions": regions,
            "region": region,
            "trend_periods": tables["periods"],
            "trend_columns": tables["columns"],
            "trend_rows_html": mark_safe(tables["rows_html"]),  # noqa: S308 (tables.py escapes)
            "maturity_rows_html": mark_safe(tables["maturity_rows_html"]),  # noqa: S308
            "mixed_versions": tables["mixed"],
            # the page's own note says more than the general one
            "read_through_lineage": selection.context()["read_through_lineage"]
            and not tables["mixed"],
        },
    )


def _trend_csv(trend: s.Trend, region: Region | None) -> HttpResponse:
    header = [
        "indicator",
        "field",
        "period",
        "region_value",
        "lineage",
        "n",
        "min",
        "median",
        "max",
    ]
    rows = [
        [
            row.figure.indicator.key,
            row.figure.spec["key"],
            period,
            point.value if point else "",
            point.relation if point else "",
            *([st.n, st.minimum, st.median, st.maximum] if st else [0, "", "", ""]),
        ]
        for row in trend.rows
        for period, point, st in zip(trend.periods, row.own, row.national, strict=True)
    ]
    return csv_response(_name(region.code if region else "", "verloop"), header, rows)


def _trend_tables(trend: s.Trend) -> dict[str, Any]:
    """What the trend page shows of a trend, as plain values and escaped HTML."""
    return {
        "periods": list(trend.periods),
        "columns": [
            (
                column.period,
                _("version %(edition)s") % {"edition": column.version.edition}
                if column.version
                else "",
            )
            for column in trend.columns
        ],
        # The table bodies are written in Python (tables.py, ADR 0011): hundreds of cells.
        "rows_html": str(trend_rows_html([_trend_row_view(row) for row in trend.rows])),
        "maturity_rows_html": str(
            trend_maturity_rows_html(
                [(theme, [_maturity_view(m) for m in cells]) for theme, cells in trend.maturity]
            )
        ),
        "mixed": len({c.version.pk for c in trend.columns if c.version}) > 1,
    }


# The trend's table cells are formatted here, once per request, rather than by a
# {% blocktranslate %} per cell: with ten periods that is what the page's time went to.


@dataclass(frozen=True)
class TrendCell:
    own: str
    mark: str
    concept: bool
    national: str


def _trend_row_view(row: s.TrendRow) -> tuple[str, str, list[TrendCell]]:
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
    return label, row.figure.unit, cells


@dataclass(frozen=True)
class MaturityCell:
    level: int
    label: str


def _maturity_view(maturity: s.Maturity | None) -> MaturityCell:
    if maturity is None:
        return MaturityCell(0, "")
    return MaturityCell(maturity.level, maturity.get_level_display())


@_comparing
def report_assessment_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report's maturity per theme and toetsingskader; editable while it is open."""
    report = report_or_404(request, report_id)
    scope = scope_for_request(request)
    editable = can_assess(scope, report)
    all_themes = list(Theme.objects.filter(version=report.catalogue_version).order_by("position"))
    # Werkset 2.0 asks the maturity in the report itself; only the other themes are set here.
    asked = s.themes_asking_maturity(version=report.catalogue_version)
    themes = [t for t in all_themes if t.pk not in asked]
    current = {m.theme_id: m for m in ThemeMaturity.objects.filter(report=report)}
    shown = s.maturities_for(entries=[s.Entry(report, report.is_final, True)], themes=all_themes)
    criteria = {c.criterion: c for c in CriterionAnswer.objects.filter(report=report)}
    data = request.POST if request.method == "POST" else None
    if data is not None and not editable:
        raise PermissionDenied
    maturity_forms = [
        MaturityForm(
            data,
            theme=theme,
            initial={
                "level": current[theme.pk].level if theme.pk in current else None,
                "motivation": current[theme.pk].motivation if theme.pk in current else "",
            },
        )
        for theme in themes
    ]
    criterion_forms = [
        CriterionForm(
            data,
            criterion=c.key,
            initial={
                "verdict": criteria[c.key].verdict if c.key in criteria else "",
                "explanation": criteria[c.key].explanation if c.key in criteria else "",
            },
        )
        for c in CRITERIA
    ]
    if data is not None:
        forms_ok = all(f.is_valid() for f in [*maturity_forms, *criterion_forms])
        if forms_ok:
            user = request_user(request)
            try:
                for mform in maturity_forms:
                    maturity_save(
                        report=report,
                        theme=mform.theme,
                        level=mform.cleaned_data["level"],
                        motivation=mform.cleaned_data["motivation"],
                        user=user,
                        scope=scope,
                    )
                for cform in criterion_forms:
                    criterion_save(
                        report=report,
                        criterion=cform.criterion.key,
                        verdict=cform.cleaned_data["verdict"],
                        explanation=cform.cleaned_data["explanation"],
                        user=user,
                        scope=scope,
                    )
            except ComparisonError as exc:
                raise Http404 from exc
            messages.success(request, _("Maturity and toetsingskader saved."))
            return redirect("comparison:report_assessment", report_id=report.pk)
    return render(
        request,
        "comparison/report_assessment.html",
        {
            "report": report,
            "editable": editable,
            "maturity_forms": maturity_forms,
            "criterion_forms": criterion_forms,
            "current": [(t, shown.get((report.pk, t.pk))) for t in all_themes],
            "maturity_in_report": bool(asked),
            "criteria": [(c, criteria.get(c.key)) for c in CRITERIA],
        },
    )


@_comparing
def report_bottlenecks_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """Code the report's explained answers with bottlenecks (analysis, also after finalising)."""
    report = report_or_404(request, report_id)
    scope = scope_for_request(request)
    editable = can_code(scope, report)
    answers = list(
        Answer.objects.filter(report=report)
        .exclude(explanation="")
        .select_related("indicator__theme")
        .order_by("indicator__position")
    )
    codes = s.codes_for_report(report=report)
    data = request.POST if request.method == "POST" else None
    if data is not None and not editable:
        raise PermissionDenied
    forms_ = [
        BottleneckForm(data, answer_id=a.pk, initial={"codes": sorted(codes.get(a.pk, set()))})
        for a in answers
    ]
    if data is not None and all(f.is_valid() for f in forms_):
        user = request_user(request)
        for answer, form in zip(answers, forms_, strict=True):
            wanted = set(form.cleaned_data["codes"])
            if wanted != codes.get(answer.pk, set()):
                bottleneck_codes_set(answer=answer, codes=wanted, user=user, scope=scope)
        messages.success(request, _("Bottleneck codes saved."))
        return redirect("comparison:report_bottlenecks", report_id=report.pk)
    return render(
        request,
        "comparison/report_bottlenecks.html",
        {
            "report": report,
            "editable": editable,
            "items": list(zip(answers, forms_, strict=True)),
            "codes": codes,
        },
    )
