from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "werkset.regions"
    verbose_name = _("Regions and organisations")

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)
