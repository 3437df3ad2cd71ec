"""Managing someone's account in the product: deactivate, reactivate, reset the second step,
give or withdraw a role; and one's own password. Who may do so is decided in
accounts/policy.py and checked here again; each change is audited."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkset.core.services import audit_record
from werkset.regions.models import Region, RegionalNetwork

from .audit import AccountAuditAction
from .models import RoleAssignment, User
from .policy import may_change_role, may_manage_user
from .scope import scope_for_user
from .services import last_administrator_refuse, role_assign, role_revoke, role_scope_validate


def _locked_managed(*, user: User, by: User) -> User:
    if not may_manage_user(scope_for_user(by), actor=by, user=user):
        raise PermissionDenied
    return User.objects.select_for_update().get(pk=user.pk)


def user_deactivate(*, user: User, deactivated_by: User) -> User:
    """The account can no longer log in (its sessions and API tokens stop working);
    nothing else changes, so reactivating gives everything back."""
    with transaction.atomic():
        locked = _locked_managed(user=user, by=deactivated_by)
        if not locked.is_active:
            raise ValidationError(_("This account is already deactivated."), code="inactive")
        last_administrator_refuse(user=locked)
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        audit_record(
            actor=deactivated_by,
            action=AccountAuditAction.USER_DEACTIVATED,
            target=locked,
            summary=_("Account %(user)s deactivated") % {"user": locked.get_username()},
        )
    return locked


def user_reactivate(*, user: User, reactivated_by: User) -> User:
    with transaction.atomic():
        locked = _locked_managed(user=user, by=reactivated_by)
        if locked.is_active:
            raise ValidationError(_("This account is already active."), code="active")
        locked.is_active = True
        locked.save(update_fields=["is_active"])
        audit_record(
            actor=reactivated_by,
            action=AccountAuditAction.USER_REACTIVATED,
            target=locked,
            summary=_("Account %(user)s reactivated") % {"user": locked.get_username()},
        )
    return locked


def two_factor_reset(*, user: User, reset_by: User) -> None:
    """For a lost phone: the app and the recovery codes are removed; the person connects an
    app again at the next log-in (where the role requires it) or may do so."""
    with transaction.atomic():
        locked = _locked_managed(user=user, by=reset_by)
        removed = TOTPDevice.objects.filter(user=locked).delete()[0]
        removed += StaticDevice.objects.filter(user=locked).delete()[0]
        if not removed:
            raise ValidationError(
                _("This account has no second log-in step to reset."), code="none"
            )
        audit_record(
            actor=reset_by,
            action=AccountAuditAction.TWO_FACTOR_RESET,
            target=locked,
            summary=_("Second log-in step of %(user)s reset") % {"user": locked.get_username()},
        )


def person_role_add(
    *,
    user: User,
    role: str,
    region: Region | None,
    network: RegionalNetwork | None,
    added_by: User,
) -> RoleAssignment:
    """Give someone a role on the person page (role_assign audits it). A role that needs
    the second step asks for it at the person's next request (accounts/middleware.py)."""
    role_scope_validate(role=role, region=region, network=network)
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        if not may_change_role(
            scope_for_user(added_by),
            actor=added_by,
            user=user,
            role=role,
            region=region,
            network=network,
        ):
            raise PermissionDenied
        return role_assign(
            user=user, role=role, region=region, network=network, assigned_by=added_by
        )


def person_role_revoke(*, assignment: RoleAssignment, revoked_by: User) -> None:
    """Withdraw someone's role on the person page (role_revoke audits it)."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=assignment.user_id)
        if not may_change_role(
            scope_for_user(revoked_by),
            actor=revoked_by,
            user=assignment.user,
            role=assignment.role,
            region=assignment.region,
            network=assignment.network,
        ):
            raise PermissionDenied
        role_revoke(assignment=assignment, revoked_by=revoked_by)


def password_set(*, user: User, password: str, through_reset: bool) -> User:
    """One's own new password (the change form, or a reset link), checked by the validators."""
    validate_password(password, user=user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(password)
        locked.save(update_fields=["password"])
        audit_record(
            actor=locked,
            action=(
                AccountAuditAction.PASSWORD_RESET
                if through_reset
                else AccountAuditAction.PASSWORD_CHANGED
            ),
            target=locked,
            summary=(
                _("%(user)s set a new password through a reset link")
                if through_reset
                else _("%(user)s changed their password")
            )
            % {"user": locked.get_username()},
        )
    user.password = locked.password
    return locked
