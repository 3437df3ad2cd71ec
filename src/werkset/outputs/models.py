"""A large workbook read by a worker, off the request (issue 17, finding 4).

Parsing a workbook of several megabytes in the web request held a gunicorn worker for its
whole duration; three at once took the log-in page down. A workbook above
WERKSET_IMPORT_QUEUE_FROM_KB is kept here until a worker has read it, and the writer
follows it on a status page. The uploaded bytes are emptied as soon as it has been read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.jobs import JobKind
from werkset.reports.models import Report


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being read")
    DONE = "done", _("Imported")
    REFUSED = "refused", _("Not imported")
    FAILED = "failed", _("Failed")


class ImportPhase(models.TextChoices):
    WAITING = "", _("waiting for a worker")
    CHECKING = "checking", _("checking the file's size, sheets and cells")
    READING = "reading", _("reading every answer and checking it")
    SAVING = "saving", _("saving the changed answers")


FINISHED = {ImportStatus.DONE, ImportStatus.REFUSED, ImportStatus.FAILED}

# The worker's moves (core.jobs): queued, running, then done, refused or failed.
IMPORT_JOB = JobKind(
    results=(ImportStatus.DONE, ImportStatus.REFUSED),
    queued=ImportStatus.QUEUED,
    running=ImportStatus.RUNNING,
    failed=ImportStatus.FAILED,
)


class WorkbookImport(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    phase = models.CharField(
        _("phase"), max_length=10, choices=ImportPhase.choices, blank=True, default=""
    )
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    # The workbook itself, until it has been read (at most WERKSET_UPLOAD_MAX_MB).
    data = models.BinaryField(_("workbook"), blank=True, editable=False)
    changed = models.PositiveIntegerField(_("answers changed"), default=0)
    unchanged = models.PositiveIntegerField(_("answers unchanged"), default=0)
    # The Dutch lines a page lists (problems.problems_listed: short, at most LISTED_MAX).
    problems = models.JSONField(_("problems"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("number of problems"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("workbook import")
        verbose_name_plural = _("workbook imports")

    def __str__(self) -> str:
        return f"{self.report} {self.filename} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status in FINISHED
