from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "werkset.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Every app's audit.py declares its audit actions (core/audit.py, ADR 14).
        autodiscover_modules("audit")
