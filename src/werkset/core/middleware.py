"""Request and response hardening that holds for every page and the API (issue 17).

- A NUL byte in the path or a parameter is refused with 400 before any view sees it:
  PostgreSQL cannot store one, and a view that passed it on answered 500.
- Signed-in pages and downloads are never kept by a browser or proxy cache (they show
  reports and names that the next user of a shared computer may not see).
- Browser features werkset never uses are switched off (Permissions-Policy).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from werkset.core.problems import is_api_request, problem_response

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    for params in (request.GET, request.POST):
        for key, values in params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


def _refused(request: HttpRequest) -> HttpResponse:
    detail = _("The request contains a character that is not allowed (a NUL byte).")
    if is_api_request(request):
        return problem_response(status=400, title=_("Invalid input"), detail=detail)
    return render(request, "400.html", {"detail": detail}, status=400)


class HardeningMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = _refused(request) if _has_nul(request) else self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
