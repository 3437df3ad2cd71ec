"""A requested document of a report (PDF, Word, Excel), made by a worker off the request.

A finalised report never changes, so its documents are made once and kept; a new version
is a new report with its own documents. A concept's document belongs to the state of the
report it was made from (`stamp`); after an edit the next request makes a new one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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


def document_path(document: "Document", filename: str) -> str:
    """Where the file lives: per report, version, format and layout (the report id is unique)."""
    return (
        f"documenten/rapportage-{document.report_id}/versie-{document.report_number}/"
        f"{document.format}/{document.variant}/{document.pk}-{filename}"
    )


class Document(models.Model):
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
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=300, blank=True)
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
        ordering = ["-requested_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["report", "format", "variant", "status"], name="document_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.format} {self.variant} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status in {DocumentStatus.READY, DocumentStatus.FAILED}
