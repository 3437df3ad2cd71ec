"""The worker's task for large workbooks (issue 17, finding 4; written as documents.tasks)."""

import logging

from celery import Task, shared_task  # type: ignore[import-untyped]
from celery.exceptions import SoftTimeLimitExceeded  # type: ignore[import-untyped]
from django.db import InterfaceError, OperationalError

from .queued_import import (
    workbook_import_claim,
    workbook_import_fail,
    workbook_import_requeue,
    workbook_import_run,
)

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3
RETRY_SECONDS = 5


@shared_task(
    bind=True, name="werkset.outputs.workbook_import", max_retries=MAX_RETRIES, acks_late=True
)
def workbook_import_task(self: Task, import_id: int) -> None:
    """Read one queued workbook; safe to run twice (a second run finds nothing to do)."""
    job = workbook_import_claim(import_id=import_id)
    if job is None:
        logger.info("Werkmapimport %s: niets te doen", import_id)
        return
    try:
        workbook_import_run(job=job)
    except TRANSIENT_ERRORS as exc:
        if self.request.is_eager or self.request.retries >= MAX_RETRIES:
            logger.exception("Werkmapimport %s mislukt", import_id)
            workbook_import_fail(job=job, reason="fault")
            return
        workbook_import_requeue(job=job)
        raise self.retry(exc=exc, countdown=RETRY_SECONDS * 2**self.request.retries) from exc
    except SoftTimeLimitExceeded:
        logger.exception("Werkmapimport %s duurde te lang", import_id)
        workbook_import_fail(job=job, reason="timeout")
    except Exception:
        logger.exception("Werkmapimport %s kon niet worden gelezen", import_id)
        workbook_import_fail(job=job, reason="fault")
