from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonConfig(AppConfig):
    name = "werkset.comparison"
    verbose_name = _("Comparing regions")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (a new version keeps the assessments)
