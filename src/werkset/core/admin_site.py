from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from werkset.accounts.scope import scope_for_request

from .admin_audit import AuditedAdminMixin


class WerksetAdminSite(admin.AdminSite):
    """Admin screens for the beheerder role (or a superuser made with createsuperuser)."""

    site_header = _("werkset administration")
    site_title = _("werkset administration")
    index_title = _("Administration")

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """Every admin class audits its changes in werkset's audit log (core/admin_audit)."""
        base = admin_class or admin.ModelAdmin
        audited = type(base.__name__, (AuditedAdminMixin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, audited, **options)

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return user.is_superuser or scope_for_request(request).is_administrator
