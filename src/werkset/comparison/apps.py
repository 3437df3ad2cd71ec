from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonConfig(AppConfig):
    name = "werkset.comparison"
    verbose_name = _("Comparing regions")

    def ready(self) -> None:
        from werkset.reports.content_changes import content_register

        from . import receivers  # noqa: F401  (a new version keeps the assessments)
        from .models import BottleneckCode, CriterionAnswer, ThemeMaturity

        # The assessments are shown on the theme page, kept under the report's stamp.
        content_register(ThemeMaturity)
        content_register(CriterionAnswer)
        content_register(BottleneckCode, report_lookup="answer__report_id")
