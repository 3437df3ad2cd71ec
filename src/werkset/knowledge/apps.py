from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "werkset.knowledge"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (finalised reports enter the index, ADR 25)
