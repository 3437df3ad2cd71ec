"""Reading a large workbook in the background queue (issue 17, finding 4).

The request only checks the file's size (upload_limits.upload_size_check) and stores it;
a worker then runs the same all-or-nothing import as a small workbook gets in the request
(excel_import.report_workbook_import), so a refused or failed import changes nothing.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.reports.models import Report
from werkset.reports.policy import report_may_write

from .models import ImportPhase, ImportStatus, WorkbookImport
from .problems import ImportRefused, problems_listed

logger = logging.getLogger(__name__)


def import_is_queued(size: int) -> bool:
    """Whether a workbook of `size` bytes is read by a worker rather than in the request."""
    return size > int(getattr(settings, "WERKSET_IMPORT_QUEUE_FROM_KB", 1024)) * 1024


def _enqueue(import_id: int) -> None:
    """Hand the import to the queue; without a broker it stays waiting (the page says so)
    and the next look at its page hands it over again."""
    # inside: tasks.py imports this module
    from .tasks import workbook_import_task

    try:
        workbook_import_task.delay(import_id)
    except BrokerUnavailable:
        logger.exception("Werkmapimport %s niet aan de wachtrij gegeven", import_id)


def workbook_import_queue(
    *, report: Report, user: User, filename: str, data: bytes
) -> WorkbookImport:
    """Keep the workbook for a worker; PermissionDenied unless `user` writes the report."""
    if not report_may_write(scope_for_user(user), report):
        raise PermissionDenied(_("Only the rapporteur of this report may change it."))
    with transaction.atomic():
        job = WorkbookImport.objects.create(
            report=report, requested_by=user, filename=filename[:200], size=len(data), data=data
        )
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _stale(job: WorkbookImport) -> bool:
    """Running for longer than a task may: its worker died (the message comes back)."""
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return (
        job.status == ImportStatus.RUNNING
        and job.started_at is not None
        and timezone.now() - job.started_at > limit
    )


def workbook_import_waiting_again(*, job: WorkbookImport) -> None:
    """Hand a job that waits long, or whose worker died, to the queue again."""
    waited = timezone.now() - job.requested_at > timedelta(seconds=30)
    if (job.status == ImportStatus.QUEUED and waited) or _stale(job):
        _enqueue(job.pk)


def workbook_import_claim(*, import_id: int) -> WorkbookImport | None:
    """Mark the import as being read by this worker; None when there is nothing to do."""
    with transaction.atomic():
        job = WorkbookImport.objects.select_for_update().filter(pk=import_id).first()
        if job is None or (job.status != ImportStatus.QUEUED and not _stale(job)):
            return None
        job.status = ImportStatus.RUNNING
        job.phase = ImportPhase.CHECKING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "phase", "started_at"])
    return job


def _phase(job: WorkbookImport, phase: str) -> None:
    job.phase = phase
    job.save(update_fields=["phase"])


def workbook_import_run(*, job: WorkbookImport) -> WorkbookImport:
    """Read the workbook into its report: all or nothing, as in the request; the result
    (counts and warnings, or every problem) is kept for the status page, the file is not."""
    # inside: keeps openpyxl off the import path of every request (views import this module)
    from .excel_import import report_workbook_import

    user = job.requested_by
    try:
        if user is None:
            raise PermissionDenied(_("The account that uploaded this workbook no longer exists."))
        result = report_workbook_import(
            data=bytes(job.data),
            user=user,
            report=job.report,
            progress=lambda phase: _phase(job, phase),
        )
    except ImportRefused as exc:
        job.status = ImportStatus.REFUSED
        job.problems = problems_listed(exc.problems)
        job.problem_count = len(exc.problems)
    except PermissionDenied as exc:
        job.status = ImportStatus.REFUSED
        job.problems = [str(exc) or _("You may not change this report.")]
        job.problem_count = 1
    else:
        job.status = ImportStatus.DONE
        job.changed = result.changed
        job.unchanged = result.unchanged
        job.warnings = problems_listed(result.warnings)
    job.data = b""
    job.finished_at = timezone.now()
    job.save()
    return job


def workbook_import_fail(*, job: WorkbookImport, reason: str) -> None:
    """The worker could not read it (too slow, or a fault): nothing was changed."""
    messages = {
        "timeout": _("Reading the workbook took too long; nothing has been changed."),
        "fault": _("The workbook could not be read because of a fault; nothing has been changed."),
    }
    job.status = ImportStatus.FAILED
    job.problems = [messages.get(reason, messages["fault"])]
    job.problem_count = 1
    job.data = b""
    job.finished_at = timezone.now()
    job.save()


def workbook_import_requeue(*, job: WorkbookImport) -> None:
    job.status = ImportStatus.QUEUED
    job.phase = ImportPhase.WAITING
    job.save(update_fields=["status", "phase"])
