"""Every change made in the admin lands in werkset's own audit log too (issue 17).

Django's admin keeps its own history (LogEntry) that nobody reads. The beheerder can make
someone superuser, move a region to another network or delete an organisation there; the
audit log must show it. WerksetAdminSite gives every registered ModelAdmin this mixin, so no
admin class can forget it. The values recorded are the object's own columns after the
change, leaving out secrets (passwords, keys, tokens).
"""

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .models import AuditAction
from .services import audit_record

SECRET_HINTS = ("password", "key", "secret", "token", "hash", "seed")


def _values(obj: Model) -> dict[str, str]:
    values = {}
    for field in obj._meta.concrete_fields:
        if any(hint in field.name for hint in SECRET_HINTS):
            continue
        value = getattr(obj, field.name, None)
        values[field.name] = "" if value is None else str(value)[:200]
    return values


def _record(request: HttpRequest, obj: Model, what: str, message: Any) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.ADMIN_CHANGED,
        target=obj,
        summary=_("Admin: %(model)s '%(object)s' %(what)s")
        % {"model": obj._meta.verbose_name, "object": str(obj)[:100], "what": what},
        detail={"admin_message": message, "values": _values(obj)},
    )


class AuditedAdminMixin:
    """Mirrors the admin's additions, changes and deletions into the audit log."""

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _record(request, obj, _("added"), message)
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _record(request, obj, _("changed"), message)
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            _record(request, obj, _("deleted"), "")
        return super().log_deletions(request, queryset)  # type: ignore[misc]
