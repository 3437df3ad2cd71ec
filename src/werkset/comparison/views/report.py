"""The maturity, toetsingskader and bottleneck codes of one report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from werkset.accounts.scope import request_user, scope_for_request
from werkset.privacy.feedback import privacy_warn
from werkset.reports.policy import report_may_assess, report_may_code
from werkset.reports.views import report_or_404

from ..forms import BottleneckForm, CriterionForm, MaturityForm
from ..selectors.bottlenecks import codes_for_report, report_explained_answers
from ..selectors.maturity import report_maturities, themes_asking_maturity
from ..selectors.report_assessment import (
    report_criterion_answers,
    report_maturity_rows,
    report_themes,
)
from ..services import ComparisonError, bottleneck_codes_set_many, report_assessment_save
from ..vocabulary import CRITERIA
from .common import comparing


@comparing
def report_assessment_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report's maturity per theme and toetsingskader on one page (the theme pages ask
    them too, each theme's own); editable by its writer while it is open."""
    report = report_or_404(request, report_id)
    scope = scope_for_request(request)
    editable = report_may_assess(scope, report)
    all_themes = list(report_themes(report=report))
    # Werkset 2.0 asks the maturity in the report itself; only the other themes are set here.
    asked = themes_asking_maturity(version=report.catalogue_version)
    themes = [t for t in all_themes if t.pk not in asked]
    current = {m.theme_id: m for m in report_maturity_rows(report=report)}
    shown = report_maturities(report_ids=[report.pk], themes=all_themes)
    criteria = {c.criterion: c for c in report_criterion_answers(report=report)}
    data = request.POST if request.method == "POST" else None
    if data is not None and not editable:
        raise PermissionDenied
    maturity_forms = [
        MaturityForm(data, theme=theme, current=current.get(theme.pk)) for theme in themes
    ]
    criterion_forms = [
        CriterionForm(data, criterion=c.key, current=criteria.get(c.key)) for c in CRITERIA
    ]
    error = ""
    if data is not None and all(f.is_valid() for f in [*maturity_forms, *criterion_forms]):
        try:
            report_assessment_save(
                report=report,
                maturities={f.theme: f.as_input() for f in maturity_forms},
                criteria=[f.as_input() for f in criterion_forms],
                user=request_user(request),
                scope=scope,
            )
        except ComparisonError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Maturity and toetsingskader saved."))
            privacy_warn(
                request,
                *(f.cleaned_data["motivation"] for f in maturity_forms),
                *(f.cleaned_data["explanation"] for f in criterion_forms),
            )
            return redirect("comparison:report_assessment", report_id=report.pk)
    return render(
        request,
        "comparison/report_assessment.html",
        {
            "report": report,
            "editable": editable,
            "error": error,
            "maturity_forms": maturity_forms,
            "criterion_forms": criterion_forms,
            "current": [(t, shown.get((report.pk, t.pk)), current.get(t.pk)) for t in all_themes],
            "maturity_in_report": bool(asked),
            "criteria": [(c, criteria.get(c.key)) for c in CRITERIA],
        },
        status=400 if error else 200,
    )


@comparing
def report_bottlenecks_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """Code the report's explained answers with bottlenecks (analysis, also after finalising)."""
    report = report_or_404(request, report_id)
    scope = scope_for_request(request)
    editable = report_may_code(scope, report)
    answers = list(report_explained_answers(report=report))
    codes = codes_for_report(report=report)
    data = request.POST if request.method == "POST" else None
    if data is not None and not editable:
        raise PermissionDenied
    forms_ = [
        BottleneckForm(data, answer_id=a.pk, initial={"codes": sorted(codes.get(a.pk, set()))})
        for a in answers
    ]
    error = ""
    if data is not None and all(f.is_valid() for f in forms_):
        try:
            bottleneck_codes_set_many(
                report=report,
                codes={
                    answer: set(form.cleaned_data["codes"])
                    for answer, form in zip(answers, forms_, strict=True)
                },
                user=request_user(request),
                scope=scope,
            )
        except ComparisonError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Bottleneck codes saved."))
            return redirect("comparison:report_bottlenecks", report_id=report.pk)
    return render(
        request,
        "comparison/report_bottlenecks.html",
        {
            "report": report,
            "editable": editable,
            "error": error,
            "items": list(zip(answers, forms_, strict=True)),
            "codes": codes,
        },
        status=400 if error else 200,
    )
