"""The Celery app: documents are made by workers, off the web request (ADR 0016).

Settings come from Django's settings with the CELERY_ prefix (conf/base.py). Without a
broker (`WERKSET_BROKER_URL` empty, the embedded default) tasks run in the process that
starts them, so `make run` needs no Redis. A worker: `celery -A werkset.conf.celery worker`.

The request id (core/logs.py) travels with a task in a message header and is bound again
while the task runs, so the task's log lines carry the id of the request that started it.
"""

import os
from typing import Any

import structlog
from celery import Celery, signals  # type: ignore[import-untyped]

from werkset.manage import settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())

REQUEST_ID_HEADER = "werkset_request_id"

app = Celery("werkset")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Context variables bound per running task, to be reset when it ends (task id -> tokens).
_bound: dict[str, Any] = {}


@signals.before_task_publish.connect
def _pass_request_id(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    """Put the current request's id in the task message's headers."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


@signals.task_prerun.connect
def _bind_request_id(task_id: str = "", task: Any = None, **kwargs: Any) -> None:
    """Bind the request id the message carried while the task runs (not in eager mode,
    where the request's own context is still bound)."""
    request_id = getattr(getattr(task, "request", None), REQUEST_ID_HEADER, None)
    if request_id:
        _bound[task_id] = structlog.contextvars.bind_contextvars(
            request_id=request_id, task_id=task_id
        )


@signals.task_postrun.connect
def _unbind_request_id(task_id: str = "", **kwargs: Any) -> None:
    tokens = _bound.pop(task_id, None)
    if tokens:
        structlog.contextvars.reset_contextvars(**tokens)
