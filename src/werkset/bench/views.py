"""The baseline: a signed-in request through the full middleware stack and session that
renders a minimal template. Every page is measured as a multiple of it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def baseline(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/baseline.html", {"name": request.user.get_username()})
