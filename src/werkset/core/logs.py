"""Logs as one JSON object per line in production, each with the request's id (issue 20).

Every request gets an id: the one the reverse proxy sent in X-Request-ID when it looks like
an id, a new one otherwise. It is bound for the request's duration, so every log line
written while handling it (by werkset, Django or a library) carries it, and it is returned
in the response's X-Request-ID header, so a person reporting a problem can quote it.
"""

import re
import uuid
from collections.abc import Callable
from typing import Any

import structlog
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

_PRE_CHAIN: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def json_formatter() -> structlog.stdlib.ProcessorFormatter:
    """The logging formatter for production: stdlib records as JSON lines."""
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_PRE_CHAIN,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
    )


def request_id_of(request: HttpRequest) -> str:
    offered = str(request.headers.get(REQUEST_ID_HEADER, ""))
    return offered if _VALID_ID.match(offered) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        # Cleared when the next request starts, not when this one ends: Django logs a 404
        # ("Not Found") after the middleware has returned, and that line needs the id too.
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response
