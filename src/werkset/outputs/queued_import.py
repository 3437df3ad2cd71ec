"""Reading a large workbook in the background queue (issue 17, finding 4).

The request only checks the file's size (upload_limits.upload_size_check) and stores it;
a worker then runs the same all-or-nothing import as a small workbook gets in the request
(excel_import.report_workbook_import), so a refused or failed import changes nothing.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.jobs import job_claimable, job_move, job_stale, job_waiting
from werkset.reports.models import Report
from werkset.reports.policy import report_may_write

from .models import IMPORT_JOB, ImportPhase, ImportStatus, WorkbookImport
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


def workbook_import_waiting_again(*, job: WorkbookImport) -> None:
    """Hand a job that waits long, or whose worker died, to the queue again (the same
    threshold as a waiting document: core.jobs.job_waiting)."""
    if job_waiting(IMPORT_JOB, job) or job_stale(IMPORT_JOB, job):
        _enqueue(job.pk)


def workbook_import_claim(*, import_id: int) -> WorkbookImport | None:
    """Mark the import as being read by this worker; None when there is nothing to do."""
    with transaction.atomic():
        job = WorkbookImport.objects.select_for_update().filter(pk=import_id).first()
        if job is None or not job_claimable(IMPORT_JOB, job):
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
        status = ImportStatus.REFUSED
        outcome: dict[str, object] = {
            "problems": problems_listed(exc.problems),
            "problem_count": len(exc.problems),
        }
    except PermissionDenied as exc:
        status = ImportStatus.REFUSED
        outcome = {
            "problems": [str(exc) or _("You may not change this report.")],
            "problem_count": 1,
        }
    else:
        status = ImportStatus.DONE
        outcome = {
            "changed": result.changed,
            "unchanged": result.unchanged,
            "warnings": problems_listed(result.warnings),
        }
    if not job_move(IMPORT_JOB, job, to=status, data=b"", finished_at=timezone.now(), **outcome):
        logger.warning("Werkmapimport %s was niet meer bezig: uitkomst niet bewaard", job.pk)
    return job


def workbook_import_fail(*, job: WorkbookImport, reason: str) -> None:
    """The worker could not read it (too slow, or a fault): nothing was changed. A job
    that is finished already (a fault after its result was saved) stays as it is."""
    messages = {
        "timeout": _("Reading the workbook took too long; nothing has been changed."),
        "fault": _("The workbook could not be read because of a fault; nothing has been changed."),
    }
    moved = job_move(
        IMPORT_JOB,
        job,
        to=ImportStatus.FAILED,
        problems=[messages.get(reason, messages["fault"])],
        problem_count=1,
        data=b"",
        finished_at=timezone.now(),
    )
    if not moved:
        logger.warning(
            "Werkmapimport %s was al klaar: de fout (%s) verandert het niet", job.pk, reason
        )


def workbook_import_requeue(*, job: WorkbookImport) -> None:
    """Back in the queue after a passing fault; only a running job goes back."""
    if not job_move(IMPORT_JOB, job, to=ImportStatus.QUEUED, phase=ImportPhase.WAITING):
        logger.info("Werkmapimport %s is niet bezig: niet opnieuw in de wachtrij", job.pk)
