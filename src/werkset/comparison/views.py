"""Comparison pages. Every view asks the scope on the server; the data comes from
selectors in a fixed number of queries, whatever the number of regions."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from werkset.accounts.scope import Scope, request_user, scope_for_request
from werkset.catalogue.models import CatalogueVersion, Theme
from werkset.regions.models import Region
from werkset.reports.models import Answer
from werkset.reports.views import report_or_404

from . import selectors as s
from .charts import bandwidth_svg
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

    def context(self) -> dict[str, Any]:
        return {
            "periods": self.periods,
            "period": self.period,
            "themes": self.themes,
            "theme": self.theme,
            "catalogue": self.catalogue,
        }


def _selection(request: HttpRequest, *, default_theme: str | None = None) -> Selection:
    scope = scope_for_request(request)
    catalogue = s.catalogue_default()
    periods, default_period = s.periods_available(scope=scope)
    period = request.GET.get("periode", "")
    if period not in periods:
        period = default_period
    themes = list(Theme.objects.filter(version=catalogue).order_by("position")) if catalogue else []
    wanted = request.GET.get("thema", default_theme or "")
    theme = next((t for t in themes if t.key == wanted), themes[0] if themes else None)
    return Selection(scope, catalogue, periods, period, themes, theme)


def _wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("formaat") == "csv"


def _name(*parts: str) -> str:
    return "-".join(p.replace(".", "_") for p in ["vergelijking", *parts] if p)


@_comparing
def index(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    if request.GET.get("formaat") in ("csv", "json") and selection.period:
        tables = period_export(
            scope=selection.scope, period=selection.period, catalogue=selection.catalogue
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


@_comparing
def side_by_side_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    entries = s.comparison_entries(
        scope=selection.scope, period=selection.period, catalogue=selection.catalogue
    )
    indicators = (
        s.theme_indicators(catalogue=selection.catalogue, theme=selection.theme)
        if selection.catalogue
        else []
    )
    answers = s.answers_for(entries=entries, indicators=indicators)
    rows = s.side_by_side(entries=entries, indicators=indicators, answers=answers)
    if _wants_csv(request):
        key = selection.theme.key if selection.theme else ""
        return csv_response(_name(selection.period, key), *side_by_side_rows(rows))
    return render(
        request,
        "comparison/side_by_side.html",
        {**selection.context(), "entries": entries, "rows": rows},
    )


def _figures(selection: Selection) -> tuple[list[s.Entry], list[s.Figure]]:
    entries = s.comparison_entries(
        scope=selection.scope, period=selection.period, catalogue=selection.catalogue
    )
    indicators = (
        s.theme_indicators(catalogue=selection.catalogue, theme=selection.theme)
        if selection.catalogue
        else []
    )
    answers = s.answers_for(entries=entries, indicators=indicators)
    return entries, s.bandwidth(entries=entries, indicators=indicators, answers=answers)


@_comparing
def bandwidth_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    entries, figures = _figures(selection)
    if _wants_csv(request):
        key = selection.theme.key if selection.theme else ""
        return csv_response(_name(selection.period, key, "bandbreedte"), *bandwidth_rows(figures))
    charts = [
        (figure, bandwidth_svg(figure, chart_id=f"chart-{index}"))
        for index, figure in enumerate(figures)
    ]
    return render(
        request,
        "comparison/bandwidth.html",
        {**selection.context(), "entries": entries, "charts": charts},
    )


@_comparing
def bandwidth_svg_view(request: HttpRequest) -> HttpResponse:
    """One chart as a standalone SVG file (?figuur=<indicator key>.<field key>)."""
    selection = _selection(request)
    _entries, figures = _figures(selection)
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
    split = next((i for i in splits if i.key == wanted), splits[0] if splits else None)
    context: dict[str, Any] = {**selection.context(), "splits": splits, "split": split}
    if split is not None and selection.catalogue is not None:
        entries = s.comparison_entries(
            scope=selection.scope, period=selection.period, catalogue=selection.catalogue
        )
        indicators = s.theme_indicators(catalogue=selection.catalogue, theme=selection.theme)
        answers = s.answers_for(entries=entries, indicators=[split, *indicators])
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
    entries = s.comparison_entries(
        scope=selection.scope, period=selection.period, catalogue=selection.catalogue
    )
    maturities = s.maturities_for(entries=entries)
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
    entries = s.comparison_entries(
        scope=selection.scope, period=selection.period, catalogue=selection.catalogue
    )
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
    entries = s.comparison_entries(
        scope=selection.scope, period=selection.period, catalogue=selection.catalogue
    )
    categories = s.rode_draad(entries=entries)
    if _wants_csv(request):
        return csv_response(_name(selection.period, "knelpunten"), *bottleneck_rows(categories))
    final = sum(1 for e in entries if e.is_final)
    return render(
        request,
        "comparison/bottlenecks.html",
        {**selection.context(), "categories": categories, "regions_compared": final},
    )


@dataclass
class TrendRow:
    figure: s.Figure
    own: list[Any]
    national: list[Any]


@_comparing
def over_time_view(request: HttpRequest) -> HttpResponse:
    selection = _selection(request)
    regions = list(Region.objects.order_by("position", "name"))
    own = [r for r in regions if r.pk in selection.scope.full_view_region_ids]
    wanted = request.GET.get("regio", own[0].code if own else "")
    region = next((r for r in regions if r.code == wanted), None)
    per_period = s.entries_per_period(scope=selection.scope, catalogue=selection.catalogue)
    periods = list(per_period)
    all_entries = [e for entries in per_period.values() for e in entries]
    indicators = (
        s.theme_indicators(catalogue=selection.catalogue, theme=selection.theme)
        if selection.catalogue
        else []
    )
    answers = s.answers_for(entries=all_entries, indicators=indicators)
    figures_per_period = {
        period: s.bandwidth(entries=entries, indicators=indicators, answers=answers)
        for period, entries in per_period.items()
    }
    trend: list[TrendRow] = []
    if periods:
        for index, figure in enumerate(figures_per_period[periods[0]]):
            row = TrendRow(figure=figure, own=[], national=[])
            for period in periods:
                current = figures_per_period[period][index]
                point = next(
                    (p for p in current.points if region and p.entry.region.pk == region.pk), None
                )
                row.own.append(point)
                row.national.append(current.stats)
            trend.append(row)
    maturities = s.maturities_for(entries=all_entries)
    maturity_rows_: list[tuple[Theme, list[Any]]] = []
    for theme in selection.themes:
        cells = []
        for period in periods:
            entry = next(
                (e for e in per_period[period] if region and e.region.pk == region.pk), None
            )
            cells.append(maturities.get((entry.report.pk, theme.pk)) if entry else None)
        maturity_rows_.append((theme, cells))
    if _wants_csv(request):
        header = ["indicator", "field", "period", "region_value", "n", "min", "median", "max"]
        rows = [
            [
                row.figure.indicator.key,
                row.figure.spec["key"],
                period,
                point.value if point else "",
                *([st.n, st.minimum, st.median, st.maximum] if st else [0, "", "", ""]),
            ]
            for row in trend
            for period, point, st in zip(periods, row.own, row.national, strict=True)
        ]
        return csv_response(_name(region.code if region else "", "verloop"), header, rows)
    return render(
        request,
        "comparison/over_time.html",
        {
            **selection.context(),
            "regions": regions,
            "region": region,
            "trend_periods": periods,
            "trend": trend,
            "maturity_rows": maturity_rows_,
        },
    )


@_comparing
def report_assessment_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report's maturity per theme and toetsingskader; editable while it is open."""
    report = report_or_404(request, report_id)
    scope = scope_for_request(request)
    editable = can_assess(scope, report)
    themes = list(Theme.objects.filter(version=report.catalogue_version).order_by("position"))
    current = {m.theme_id: m for m in ThemeMaturity.objects.filter(report=report)}
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
            "current": [(t, current.get(t.pk)) for t in themes],
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
