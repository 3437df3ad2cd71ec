"""The admin's app config, apart from the site (admin_site.py): INSTALLED_APPS imports this
module before the models are ready, the site is imported (default_site) once they are."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# Models whose stock admin (registered by the library) shows secrets. django-otp's device
# admins show every TOTP key and QR code and the unused recovery codes, and let the
# beheerder add or replace someone's second factor and so log in as them, unaudited (issue
# 17). The beheerder resets a second step with the audited action on the account instead
# (accounts.admin, accounts.services.two_factor_disable).
HIDDEN_MODELS = ("otp_totp.TOTPDevice", "otp_static.StaticDevice")


class WerksetAdminConfig(AdminConfig):
    default_site = "werkset.core.admin_site.WerksetAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscover: every app's admin module has registered its models
        assert self.apps is not None  # set when the registry is populated, before ready()
        for label in HIDDEN_MODELS:
            model = self.apps.get_model(label)
            if admin.site.is_registered(model):
                admin.site.unregister(model)
