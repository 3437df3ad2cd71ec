"""Every answer under /api/ names the API's full version (Dutch API Design Rules, API-57).

A middleware rather than the views: refusals before any view runs (a NUL byte, the second
log-in step), unknown paths and server errors carry the header too.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

API_VERSION_HEADER = "API-Version"


class ApiVersionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith("/api/"):
            response[API_VERSION_HEADER] = settings.WERKSET_API_VERSION
        return response
