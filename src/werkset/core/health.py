"""/healthz and /readyz for the load balancer and the orchestrator (issue 20).

Both answer without log-in and show no data. /healthz says the process answers; /readyz
says whether it can do its work: the database, the cache and (where one is configured) the
task queue's broker are reachable. Each check says only "ok" or "fout"; the reason goes to
the log, not to the anonymous caller.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> None:
    connection.ensure_connection()
    if not connection.is_usable():
        raise ConnectionError("database connection not usable")


def _cache() -> None:
    cache.set("werkset:readyz", "ok", 10)
    if cache.get("werkset:readyz") != "ok":
        raise ConnectionError("cache did not return what was stored")


def _queue() -> None:
    """The task queue's broker answers (a short timeout: the whole of /readyz stays ≤ 2 s)."""
    # inside: the embedded default runs tasks in-process and never reaches a broker
    from kombu import Connection

    with Connection(
        settings.WERKSET_BROKER_URL, connect_timeout=1, transport_options={"socket_timeout": 1}
    ) as broker:
        broker.ensure_connection(max_retries=0, timeout=1)


READINESS_CHECKS: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache}


def readiness_checks() -> dict[str, Callable[[], None]]:
    """The checks for this installation: the queue only where a broker is configured."""
    if settings.WERKSET_BROKER_URL:
        return {**READINESS_CHECKS, "queue": _queue}
    return READINESS_CHECKS


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in readiness_checks().items():
        try:
            check()
        except Exception:
            logger.exception("Gereedheidscontrole '%s' mislukt", name)
            results[name] = "fout"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "fout", "checks": results}, status=200 if ready else 503
    )
