"""Errors as problem details (RFC 9457), as the Dutch API Design Rules ask."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


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
    title = str(getattr(exc, "default_detail", "")) or "Fout"
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
    headers = {k: v for k, v in response.items() if k.lower() != "content-type"}
    result = problem(status_code=response.status_code, title=title, detail=detail, extra=extra)
    for name, value in headers.items():
        result[name] = value
    return result


__all__ = ["problem", "problem_exception_handler", "status"]
