"""Removing a concept (after a confirmation page) and putting a removed one back
(reports/undo.py, ADR 20). Withdrawing a finalised report is a step of the workflow
(workflow_views.report_transition_view, step `withdraw`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from werkset.accounts.scope import request_user, scope_for_request

from .models import Report
from .policy import REMOVED_KEPT_DAYS, report_may_remove, report_may_write
from .selectors import report_removed
from .services import ReportError
from .undo import report_remove, report_restore
from .views import report_or_404


@login_required
@require_http_methods(["GET", "POST"])
def report_remove_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """GET: what removing the concept means; POST: remove it."""
    report = report_or_404(request, report_id)
    scope = scope_for_request(request)
    if not report_may_write(scope, report):
        raise PermissionDenied
    if not report_may_remove(scope, report):
        messages.error(
            request,
            _("Only a concept can be removed: this report is %(status)s.")
            % {"status": report.get_status_display().lower()},
        )
        return redirect("reports:detail", report_id=report.pk)
    if request.method == "GET":
        return render(
            request,
            "reports/remove_confirm.html",
            {"report": report, "kept_days": REMOVED_KEPT_DAYS},
        )
    workspace = report.get_workspace_url()
    try:
        report_remove(report=report, user=request_user(request))
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:detail", report_id=report.pk)
    messages.success(
        request,
        _(
            "The concept has been removed. Under “Removed concepts” you can restore it for "
            "%(days)s days."
        )
        % {"days": REMOVED_KEPT_DAYS},
    )
    return redirect(workspace)


@login_required
@require_POST
def report_restore_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """Put a removed concept back (its rapporteurs only; anyone else: 404)."""
    try:
        report = report_removed(scope=scope_for_request(request), report_id=report_id)
    except Report.DoesNotExist as exc:
        raise Http404 from exc
    try:
        report_restore(report=report, user=request_user(request))
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect(report.get_workspace_url())
    messages.success(request, _("The concept has been restored."))
    return redirect("reports:detail", report_id=report.pk)
