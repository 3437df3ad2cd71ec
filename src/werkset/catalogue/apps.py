from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "werkset.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)
