from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class WerksetAdminSite(admin.AdminSite):
    """Admin screens for the beheerder role (or a superuser made with createsuperuser)."""

    site_header = _("werkset administration")
    site_title = _("werkset administration")
    index_title = _("Administration")

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """Every admin class audits its changes in werkset's audit log (core/admin_audit)."""
        from .admin_audit import AuditedAdminMixin

        base = admin_class or admin.ModelAdmin
        audited = type(base.__name__, (AuditedAdminMixin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, audited, **options)

    def has_permission(self, request: HttpRequest) -> bool:
        from werkset.accounts.scope import scope_for_request

        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return user.is_superuser or scope_for_request(request).is_administrator


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
