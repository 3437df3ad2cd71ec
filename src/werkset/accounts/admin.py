"""Admin screens for the beheerder; role changes go through the services (audited)."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from .admin_sso import SingleSignOnLinkAdminMixin
from .models import RoleAssignment, User
from .scope import scope_for_request
from .services import role_assign, role_revoke, two_factor_disable


def is_emergency_account(request: HttpRequest) -> bool:
    """A superuser without the beheerder role: the technical emergency account made with
    `werkset createsuperuser`. The role makes its holder a superuser too (for the admin
    screens), so is_superuser alone does not tell them apart."""
    return bool(request.user.is_superuser) and not scope_for_request(request).is_administrator


class PasswordWithoutChangeWidget(ReadOnlyPasswordHashWidget):
    """The stock summary of the password hash, without the button to the password form."""

    template_name = "accounts/widgets/password_without_change.html"


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
class WerksetUserAdmin(SingleSignOnLinkAdminMixin, UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Organisation"), {"fields": ("organisation",)}),
        (_("Single sign-on"), {"fields": ("oidc_subject",)}),
    )
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["is_active", "organisation", "role_assignments__role"]
    inlines = [RoleAssignmentInline]
    actions = ["reset_two_factor"]

    # Setting someone else's password would let the beheerder log in as them (issue 17).
    # Only the technical emergency account keeps the stock password form.
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if not is_emergency_account(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Nor may the beheerder make anyone, themselves included, a superuser (who could)."""
        fields = list(super().get_readonly_fields(request, obj))
        if not is_emergency_account(request):
            fields.append("is_superuser")
        return fields

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        password = form.base_fields.get("password")
        if obj is not None and password is not None and not is_emergency_account(request):
            password.widget = PasswordWithoutChangeWidget()
            password.help_text = _(
                "Only the user sets their own password; the beheerder cannot change it."
            )
        return form

    @admin.action(description=_("Reset two-factor authentication (lost phone)"))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        done = 0
        for user in queryset:
            try:
                two_factor_disable(user=user, disabled_by=request.user)  # type: ignore[arg-type]
            except ValidationError as error:
                self.message_user(
                    request, f"{user.get_username()}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                done += 1
        self.message_user(
            request,
            _("Reset for %(count)s account(s); they set up an app again at the next log-in.")
            % {"count": done},
            messages.SUCCESS,
        )


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
        self._revoke(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleAssignment]) -> None:
        for assignment in queryset:
            self._revoke(request, assignment)

    def _revoke(self, request: HttpRequest, assignment: RoleAssignment) -> None:
        try:
            role_revoke(assignment=assignment, revoked_by=request.user)  # type: ignore[arg-type]
        except ValidationError as refused:
            self.message_user(request, refused.messages[0], level=messages.ERROR)
