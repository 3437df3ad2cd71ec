"""The worker's tasks: making a report's document and the national synthesis (ADR 0016)."""

import logging
from collections.abc import Callable
from typing import Any

from celery import Task, shared_task  # type: ignore[import-untyped]
from celery.exceptions import SoftTimeLimitExceeded  # type: ignore[import-untyped]
from django.db import InterfaceError, OperationalError

from .services import document_claim, document_fail, document_make, document_requeue
from .synthesis_services import (
    synthesis_claim,
    synthesis_fail,
    synthesis_make,
    synthesis_requeue,
)

logger = logging.getLogger(__name__)

# Faults that pass: the database or another service briefly away. Anything else is a
# fault of the document itself and is not tried again.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3
RETRY_SECONDS = 5  # the first wait; it doubles with each attempt


def _run(
    task: Task,
    document_id: int,
    *,
    claim: Callable[..., Any],
    make: Callable[..., Any],
    fail: Callable[..., None],
    requeue: Callable[..., None],
) -> None:
    """Claim, make, and on a fault retry (a passing one) or record the failure."""
    document = claim(document_id=document_id)
    if document is None:
        logger.info("Document %s: niets te doen", document_id)
        return
    try:
        make(document=document)
    except TRANSIENT_ERRORS as exc:
        if task.request.is_eager or task.request.retries >= MAX_RETRIES:
            logger.exception("Document %s mislukt na %s pogingen", document_id, document.attempts)
            fail(document=document, reason="transient")
            return
        logger.warning("Document %s: tijdelijke fout, opnieuw proberen", document_id)
        requeue(document=document)
        raise task.retry(exc=exc, countdown=RETRY_SECONDS * 2**task.request.retries) from exc
    except SoftTimeLimitExceeded:
        logger.exception("Document %s duurde te lang", document_id)
        fail(document=document, reason="timeout")
    except Exception:
        logger.exception("Document %s kon niet worden gemaakt", document_id)
        fail(document=document, reason="render")


@shared_task(bind=True, name="werkset.documents.render", max_retries=MAX_RETRIES, acks_late=True)
def document_render(self: Task, document_id: int) -> None:
    """Make one document; safe to run twice (a second run finds nothing to do)."""
    _run(
        self,
        document_id,
        claim=document_claim,
        make=document_make,
        fail=document_fail,
        requeue=document_requeue,
    )


@shared_task(bind=True, name="werkset.documents.synthesis", max_retries=MAX_RETRIES, acks_late=True)
def synthesis_render(self: Task, document_id: int) -> None:
    """Make one national synthesis; safe to run twice."""
    _run(
        self,
        document_id,
        claim=synthesis_claim,
        make=synthesis_make,
        fail=synthesis_fail,
        requeue=synthesis_requeue,
    )
