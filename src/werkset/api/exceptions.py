"""Errors as problem details (RFC 9457), as the Dutch API Design Rules ask."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _problem_title(exc: exceptions.APIException) -> str:
    """A short Dutch title per kind of error. DRF's own Dutch texts miss some (ValidationError),
    keep placeholders ("{method}") or speak informally, so the titles are werkset's."""
    titles = [
        (exceptions.ValidationError, _("Invalid input")),
        (exceptions.ParseError, _("The request could not be read")),
        (exceptions.NotAuthenticated, _("Not logged in")),
        (exceptions.AuthenticationFailed, _("Logging in failed")),
        (exceptions.PermissionDenied, _("No access")),
        (exceptions.NotFound, _("Not found")),
        (exceptions.MethodNotAllowed, _("Method not allowed")),
        (exceptions.NotAcceptable, _("Response format not available")),
        (exceptions.UnsupportedMediaType, _("Content type not supported")),
        (exceptions.Throttled, _("Too many requests")),
    ]
    for kind, title in titles:
        if isinstance(exc, kind):
            return title
    return _("Error")


def _problem_detail(exc: exceptions.APIException, detail: str) -> str:
    """DRF's default details where its Dutch is informal or wrong; specific details stay."""
    if isinstance(exc, exceptions.PermissionDenied) and detail == str(exc.default_detail):
        return _("You do not have access to this action.")
    if isinstance(exc, exceptions.Throttled):
        return _("Too many requests in a short time. Try again later.")
    return detail


def problem(
    *, status_code: int, title: str, detail: str = "", extra: dict[str, Any] | None = None
) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status_code}
    if detail:
        body["detail"] = detail
    body.update(extra or {})
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    title = _problem_title(exc) if isinstance(exc, exceptions.APIException) else _("Error")
    extra: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError) and isinstance(data, dict):
        extra["invalid-params"] = [
            {"name": name, "reason": " ".join(str(m) for m in messages)}
            if isinstance(messages, list)
            else {"name": name, "reason": str(messages)}
            for name, messages in data.items()
        ]
        detail = ""
    elif isinstance(data, dict) and "detail" in data:
        detail = str(data["detail"])
    else:
        detail = str(data)
    if isinstance(exc, exceptions.APIException):
        detail = _problem_detail(exc, detail)
    headers = {k: v for k, v in response.items() if k.lower() != "content-type"}
    result = problem(status_code=response.status_code, title=title, detail=detail, extra=extra)
    for name, value in headers.items():
        result[name] = value
    return result


__all__ = ["problem", "problem_exception_handler", "status"]
