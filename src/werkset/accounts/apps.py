from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "werkset.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (auth's log-in signals feed the audit log)
