"""The theme page's section "Beoordeling van dit thema" posts here (issue 19): the writer's
maturity, toetsingskader and bottleneck codes of one theme, saved all or nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.privacy.feedback import privacy_warn
from werkset.reports.policy import report_may_assess
from werkset.reports.views import report_or_404

from ..selectors.report_assessment import report_themes
from ..services import ComparisonError, theme_assessment_save
from ..theme_section import assessment_section


@login_required
@require_POST
def theme_assessment_view(request: HttpRequest, report_id: int, theme_key: str) -> HttpResponse:
    report = report_or_404(request, report_id)
    theme = get_object_or_404(report_themes(report=report), key=theme_key)
    scope = scope_for_request(request)
    if not report_may_assess(scope, report):
        raise PermissionDenied
    section = assessment_section(report=report, theme=theme, scope=scope, data=request.POST)
    if section.is_valid():
        try:
            theme_assessment_save(
                report=report,
                theme=theme,
                maturity=section.maturity_input(),
                criteria=section.criteria_input(),
                codes=section.codes_input(),
                user=request_user(request),
                scope=scope,
            )
        except ComparisonError as exc:
            section.failure = str(exc)
        else:
            messages.success(request, _("The assessment of this theme has been saved."))
            privacy_warn(request, *section.texts())
            return redirect(reverse("reports:theme", args=[report.pk, theme.key]) + "#beoordeling")
    # Nothing is saved; the section comes back with the input and what to correct.
    return render(
        request,
        "comparison/theme_assessment_form.html",
        {"report": report, "theme": theme, "assessment": section},
        status=400,
    )
