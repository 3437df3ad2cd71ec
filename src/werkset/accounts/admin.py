"""Admin screens for the beheerder; role changes go through the services (audited)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import RoleAssignment, User
from .services import role_assign, role_revoke


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ["role", "region", "network", "assigned_at"]
    readonly_fields = ["role", "region", "network", "assigned_at"]
    can_delete = False
    verbose_name_plural = _("Roles (change them under Role assignments)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class WerksetUserAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Organisation"), {"fields": ("organisation",)}),
    )
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["is_active", "organisation", "role_assignments__role"]
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "network", "assigned_at"]
    list_filter = ["role", "network"]
    search_fields = ["user__username", "user__last_name"]
    fields = ["user", "role", "region", "network"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool
    ) -> None:
        assignment = role_assign(
            user=obj.user,
            role=obj.role,
            region=obj.region,
            network=obj.network,
            assigned_by=request.user,  # type: ignore[arg-type]
        )
        obj.pk = assignment.pk

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        role_revoke(assignment=obj, revoked_by=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleAssignment]) -> None:
        for assignment in queryset:
            role_revoke(assignment=assignment, revoked_by=request.user)  # type: ignore[arg-type]
