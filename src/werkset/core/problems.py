"""Problem details (RFC 9457) for answers under /api/ that no API view gives: refusals by a
middleware, unknown paths and server errors. The API's own errors come from api/exceptions.py.
"""

from django.http import HttpRequest, JsonResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def is_autosave_request(request: HttpRequest) -> bool:
    """A save by the page's script (autosave.js), which reads JSON whatever the outcome."""
    return request.headers.get("X-Werkset-Autosave") == "1"


def problem_response(*, status: int, title: str, detail: str = "") -> JsonResponse:
    body: dict[str, str | int] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
