from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutputsConfig(AppConfig):
    name = "werkset.outputs"
    verbose_name = _("Outputs: documents, workbooks and archives")
