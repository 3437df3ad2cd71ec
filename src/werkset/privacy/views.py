from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user
from werkset.reports.views import report_or_404

from .services import PrivacyError, privacy_hit_clear


@login_required
@require_POST
def privacy_clear(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    try:
        privacy_hit_clear(
            report=report,
            kind=request.POST.get("kind", ""),
            text=request.POST.get("text", ""),
            reason=request.POST.get("reason", ""),
            user=request_user(request),
        )
    except PrivacyError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("reports:detail", args=[report.pk]) + "#privacy")
