"""The worker's tasks: making a report's document (ADR 0016)."""

import logging

from celery import Task, shared_task  # type: ignore[import-untyped]
from celery.exceptions import SoftTimeLimitExceeded  # type: ignore[import-untyped]
from django.db import InterfaceError, OperationalError

from .services import document_claim, document_fail, document_make, document_requeue

logger = logging.getLogger(__name__)

# Faults that pass: the database or another service briefly away. Anything else is a
# fault of the document itself and is not tried again.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3
RETRY_SECONDS = 5  # the first wait; it doubles with each attempt


@shared_task(bind=True, name="werkset.documents.render", max_retries=MAX_RETRIES, acks_late=True)
def document_render(self: Task, document_id: int) -> None:
    """Make one document; safe to run twice (a second run finds nothing to do)."""
    document = document_claim(document_id=document_id)
    if document is None:
        logger.info("Document %s: niets te doen", document_id)
        return
    try:
        document_make(document=document)
    except TRANSIENT_ERRORS as exc:
        if self.request.is_eager or self.request.retries >= MAX_RETRIES:
            logger.exception("Document %s mislukt na %s pogingen", document_id, document.attempts)
            document_fail(document=document, reason="transient")
            return
        logger.warning("Document %s: tijdelijke fout, opnieuw proberen", document_id)
        document_requeue(document=document)
        raise self.retry(exc=exc, countdown=RETRY_SECONDS * 2**self.request.retries) from exc
    except SoftTimeLimitExceeded:
        logger.exception("Document %s duurde te lang", document_id)
        document_fail(document=document, reason="timeout")
    except Exception:
        logger.exception("Document %s kon niet worden gemaakt", document_id)
        document_fail(document=document, reason="render")
