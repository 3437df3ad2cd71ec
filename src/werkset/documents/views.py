"""A report's documents: request one, follow it being made, download it (ADR 0016).

Access is the report's: `report_or_404` answers 404 for a report the user may not see,
and a document is only found through its report.
"""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from werkset.accounts.scope import request_user
from werkset.outputs.services import FORMATS, VARIANT_FORMATS, report_filename
from werkset.outputs.variants import DEFAULT_VARIANT, DocumentVariant
from werkset.reports.models import Report
from werkset.reports.views import report_or_404

from .models import Document, DocumentFormat, DocumentStatus
from .selectors import document_is_waiting
from .services import document_request

POLL_SECONDS = 2


def _document_or_404(report: Report, document_id: int) -> Document:
    return get_object_or_404(Document, pk=document_id, report=report)


def _status_context(report: Report, document: Document) -> dict[str, object]:
    return {
        "report": report,
        "document": document,
        "waiting": document_is_waiting(document),
        "poll_seconds": POLL_SECONDS,
    }


@login_required
@require_http_methods(["GET", "POST"])
def document_request_view(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    """GET: a page with one button; POST: request the document and follow it."""
    if fmt not in DocumentFormat.values:
        raise Http404
    report = report_or_404(request, report_id)
    context = {
        "report": report,
        "format": DocumentFormat(fmt),
        "variants": DocumentVariant.choices if fmt in VARIANT_FORMATS else [],
        "default_variant": DEFAULT_VARIANT,
    }
    if request.method == "POST":
        variant = request.POST.get("variant", DEFAULT_VARIANT)
        if variant not in DocumentVariant.values:
            context["error"] = _("Choose the layout: report or questionnaire.")
            return render(request, "documents/document_request.html", context, status=400)
        document = document_request(
            report=report, format=fmt, user=request_user(request), variant=variant
        )
        return redirect("documents:detail", report_id=report.pk, document_id=document.pk)
    return render(request, "documents/document_request.html", context)


@never_cache
@login_required
def document_detail(request: HttpRequest, report_id: int, document_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    document = _document_or_404(report, document_id)
    return render(request, "documents/document_detail.html", _status_context(report, document))


@never_cache
@login_required
def document_status(request: HttpRequest, report_id: int, document_id: int) -> HttpResponse:
    """The state alone, which the page asks for again until the document is done."""
    report = report_or_404(request, report_id)
    document = _document_or_404(report, document_id)
    return render(request, "documents/_status.html", _status_context(report, document))


@login_required
def document_download(request: HttpRequest, report_id: int, document_id: int) -> HttpResponseBase:
    report = report_or_404(request, report_id)
    document = _document_or_404(report, document_id)
    if document.status != DocumentStatus.READY or not document.file:
        raise Http404
    response = FileResponse(
        default_storage.open(document.file.name, "rb"),
        as_attachment=True,
        filename=report_filename(report, document.format, document.variant),
        content_type=FORMATS[document.format],
    )
    response["Cache-Control"] = "no-store"
    return response
