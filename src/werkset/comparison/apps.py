from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonConfig(AppConfig):
    name = "werkset.comparison"
    verbose_name = _("Comparing regions")
