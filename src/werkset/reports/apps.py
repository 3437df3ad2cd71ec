from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "werkset.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from . import models
        from .content_changes import content_register

        # What the report's pages keep under its content stamp (ADR 33).
        for model in (
            models.Answer,
            models.Comment,
            models.PracticeItem,
            models.Quote,
            models.ReportSection,
            models.SectionText,
            models.SourceDocument,
        ):
            content_register(model)
