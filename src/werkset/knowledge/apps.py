from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "werkset.knowledge"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from . import audit, receivers  # noqa: F401  (audit actions; the index follows the reports, ADR 27)
