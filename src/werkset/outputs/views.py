"""Downloads of a report (PDF, Word, Excel, JSON, print view) and the workbook upload."""

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.reports.policy import report_may_write, report_shows_discussion
from werkset.reports.views import report_or_404

from .models import WorkbookImport
from .problems import ImportRefused, problems_listed
from .queued_import import import_is_queued, workbook_import_queue, workbook_import_waiting_again
from .services import FORMATS, report_export
from .story import report_html
from .upload_limits import upload_size_check
from .variants import DEFAULT_VARIANT, DocumentVariant

POLL_SECONDS = 2


@login_required
def report_download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    report = report_or_404(request, report_id)
    if fmt == "json" and not report_shows_discussion(scope_for_request(request), report):
        # The archive holds every answer's history and the discussion: the region's own.
        raise PermissionDenied
    variant = request.GET.get("variant", DEFAULT_VARIANT)
    if variant not in DocumentVariant.values:
        return HttpResponseBadRequest(_("Choose the layout: report or questionnaire."))
    exported = report_export(report=report, fmt=fmt, user=request_user(request), variant=variant)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
@login_required
def report_print(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report as one printable HTML page (also what the PDF is made from), in the
    layout `?variant=` names (the report layout by default)."""
    report = report_or_404(request, report_id)
    variant = request.GET.get("variant", DEFAULT_VARIANT)
    if variant not in DocumentVariant.values:
        return HttpResponseBadRequest(_("Choose the layout: report or questionnaire."))
    return HttpResponse(report_html(report=report, variant=variant))


@login_required
@require_POST
def report_workbook_upload(request: HttpRequest, report_id: int) -> HttpResponse:
    """A filled-in workbook: checked completely; with any error nothing is written. The
    page lists at most the first problems, each quoting little of the file (problems.py)."""
    # Here, not at the top: keeps openpyxl and jsonschema off start-up (no cycle).
    from .excel_import import report_workbook_import

    report = report_or_404(request, report_id)
    if not report_may_write(scope_for_request(request), report):
        raise PermissionDenied
    upload = request.FILES.get("workbook")
    problems: list[str] = []
    count = 1
    if upload is None:
        problems = [_("Choose an Excel workbook (.xlsx) to upload.")]
    elif not (upload.name or "").lower().endswith(".xlsx"):
        problems = [_("Only Excel workbooks (.xlsx) can be uploaded.")]
    else:
        try:
            upload_size_check(upload.size or 0)  # before the file is read into memory
            if import_is_queued(upload.size or 0):
                job = workbook_import_queue(
                    report=report,
                    user=request_user(request),
                    filename=upload.name or "",
                    data=upload.read(),
                )
                return redirect("outputs:import_detail", report_id=report.pk, import_id=job.pk)
            result = report_workbook_import(
                data=upload.read(), user=request_user(request), report=report
            )
        except ImportRefused as exc:
            problems = problems_listed(exc.problems)
            count = len(exc.problems)
        else:
            messages.success(
                request,
                _("Workbook imported: %(changed)s answer(s) changed, %(unchanged)s unchanged.")
                % {"changed": result.changed, "unchanged": result.unchanged},
            )
            for warning in problems_listed(result.warnings):
                messages.warning(request, warning)
            return redirect("reports:detail", report_id=report.pk)
    return render(
        request,
        "outputs/import_refused.html",
        {"report": report, "problems": problems, "count": count},
        status=400,
    )


def _import_or_404(request: HttpRequest, report_id: int, import_id: int) -> WorkbookImport:
    """A queued import of a report the user may write (404 for a report not visible)."""
    report = report_or_404(request, report_id)
    if not report_may_write(scope_for_request(request), report):
        raise PermissionDenied
    return get_object_or_404(
        WorkbookImport.objects.select_related("report__region"), pk=import_id, report=report
    )


def _import_context(job: WorkbookImport) -> dict[str, object]:
    return {"report": job.report, "job": job, "poll_seconds": POLL_SECONDS}


@never_cache
@login_required
def workbook_import_detail(request: HttpRequest, report_id: int, import_id: int) -> HttpResponse:
    """A large workbook being read by a worker: its phase, then its result."""
    job = _import_or_404(request, report_id, import_id)
    workbook_import_waiting_again(job=job)
    return render(request, "outputs/import_detail.html", _import_context(job))


@never_cache
@login_required
def workbook_import_status(request: HttpRequest, report_id: int, import_id: int) -> HttpResponse:
    """The state alone, which the page asks for again until the import is done."""
    job = _import_or_404(request, report_id, import_id)
    return render(request, "outputs/_import_status.html", _import_context(job))
