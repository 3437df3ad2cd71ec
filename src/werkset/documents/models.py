"""A requested document of a report (PDF, Word, Excel), made by a worker off the request.

A finalised report never changes, so its documents are made once and kept; a new version
is a new report with its own documents. A concept's document belongs to the state of the
report it was made from (`stamp`); after an edit the next request makes a new one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.jobs import JobKind
from werkset.outputs.variants import DEFAULT_VARIANT, DocumentVariant
from werkset.reports.models import Report, ReportStatus


class DocumentFormat(models.TextChoices):
    PDF = "pdf", _("PDF document")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


# The worker's moves (core.jobs): queued, running, then ready or failed.
DOCUMENT_JOB = JobKind(
    results=(DocumentStatus.READY,),
    queued=DocumentStatus.QUEUED,
    running=DocumentStatus.RUNNING,
    failed=DocumentStatus.FAILED,
)


def document_path(document: "Document", filename: str) -> str:
    """Where the file lives: per report, version, format and layout (the report id is unique)."""
    return (
        f"documenten/rapportage-{document.report_id}/versie-{document.report_number}/"
        f"{document.format}/{document.variant}/{document.pk}-{filename}"
    )


class MadeDocument(models.Model):
    """What every document made by a worker records: its state, the error in Dutch, the
    attempts, who asked and when it was asked, started and finished (ADR 0016)."""

    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_done(self) -> bool:
        return self.status in {DocumentStatus.READY, DocumentStatus.FAILED}


class Document(MadeDocument):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="documents"
    )
    report_number = models.PositiveSmallIntegerField(_("report version"))
    report_status = models.CharField(
        _("report status"), max_length=20, choices=ReportStatus.choices
    )
    stamp = models.CharField(
        _("stamp"),
        max_length=64,
        blank=True,
        help_text=_("The state of the report the document was made from."),
    )
    format = models.CharField(_("format"), max_length=10, choices=DocumentFormat.choices)
    # The layout of a PDF or Word document; a workbook has one layout and keeps the default.
    variant = models.CharField(
        _("layout"), max_length=20, choices=DocumentVariant.choices, default=DEFAULT_VARIANT
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["report", "format", "variant", "status"], name="document_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.format} {self.variant} ({self.status})"


class SynthesisFormat(models.TextChoices):
    PDF = "pdf", _("PDF document")
    DOCX = "docx", _("Word document")


def synthesis_path(document: "SynthesisDocument", filename: str) -> str:
    """Where a synthesis lives: per period and format (the row id makes the name unique)."""
    return f"documenten/synthese/{document.format}/{document.pk}-{filename}"


class SynthesisDocument(MadeDocument):
    """The national synthesis of a period (issue 22), made by a worker off the request.

    It shows the finalised reports and their assessments as they were when it was made
    (`stamp`); a later change makes the next request make a new one."""

    period = models.CharField(_("period"), max_length=20)
    catalogue_version = models.ForeignKey(
        "catalogue.CatalogueVersion",
        verbose_name=_("catalogue version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    stamp = models.CharField(_("stamp"), max_length=64, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=SynthesisFormat.choices)
    # The address the region pages link to (taken from the request; the worker has none).
    site = models.CharField(_("site address"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=synthesis_path, max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("national synthesis")
        verbose_name_plural = _("national syntheses")
        indexes = [
            models.Index(
                fields=["period", "catalogue_version", "format", "status"],
                name="synthesis_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"synthese {self.period} {self.format} ({self.status})"
