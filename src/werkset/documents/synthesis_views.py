"""The national synthesis's pages: request it for a period, follow it being made, download
it. Only the national role (comparison/policy.py); anyone else gets 403."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.catalogue.models import CatalogueVersion
from werkset.comparison.policy import synthesis_may_read
from werkset.core.mail import absolute_url

from .models import DocumentStatus, SynthesisDocument
from .selectors import document_is_waiting
from .synthesis_services import CONTENT_TYPES, synthesis_filename, synthesis_request

POLL_SECONDS = 2
MAX_FIELD = 40  # a period or version slug is far shorter


def _national(request: HttpRequest) -> None:
    if not synthesis_may_read(scope_for_request(request)):
        raise PermissionDenied


def _context(document: SynthesisDocument) -> dict[str, object]:
    return {
        "document": document,
        "waiting": document_is_waiting(document),
        "poll_seconds": POLL_SECONDS,
    }


@login_required
@require_POST
def synthesis_request_view(request: HttpRequest) -> HttpResponse:
    """Request the synthesis of the period (periode, versie, formaat) and follow it."""
    _national(request)
    period = request.POST.get("periode", "")[:MAX_FIELD]
    slug = request.POST.get("versie", "")[:MAX_FIELD]
    catalogue = CatalogueVersion.objects.filter(slug=slug).first()
    error = None
    if catalogue is None:
        error = _("Choose a catalogue version.")
    else:
        try:
            document = synthesis_request(
                period=period,
                catalogue=catalogue,
                format=request.POST.get("formaat", "")[:MAX_FIELD],
                user=request_user(request),
                site=absolute_url("/", request=request).rstrip("/"),
            )
        except ValueError as exc:
            error = str(exc)
        else:
            return redirect("comparison:synthesis", document_id=document.pk)
    return render(
        request,
        "documents/synthesis_refused.html",
        {"error": error, "back": reverse("comparison:index") + f"?periode={period}"},
        status=400,
    )


@never_cache
@login_required
def synthesis_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    _national(request)
    document = get_object_or_404(SynthesisDocument, pk=document_id)
    return render(request, "documents/synthesis_detail.html", _context(document))


@never_cache
@login_required
def synthesis_status(request: HttpRequest, document_id: int) -> HttpResponse:
    """The state alone, which the page asks for again until the synthesis is done."""
    _national(request)
    document = get_object_or_404(SynthesisDocument, pk=document_id)
    return render(request, "documents/_synthesis_status.html", _context(document))


@login_required
def synthesis_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    _national(request)
    document = get_object_or_404(SynthesisDocument, pk=document_id)
    if document.status != DocumentStatus.READY or not document.file:
        raise Http404
    response = FileResponse(
        default_storage.open(document.file.name, "rb"),
        as_attachment=True,
        filename=synthesis_filename(document),
        content_type=CONTENT_TYPES[document.format],  # type: ignore[index]
    )
    response["Cache-Control"] = "no-store"
    return response
