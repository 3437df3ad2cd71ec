from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role, RoleAssignment, User


def role_assignments_for_user(*, user: User | AnonymousUser) -> QuerySet[RoleAssignment]:
    if not user.is_authenticated:
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("region__network", "network")
        .prefetch_related("network__regions")
    )


# Roles that must log in with a second factor: they see every region (landelijk) or hold
# the admin screens (beheerder). Everyone else may switch it on.
TWO_FACTOR_ROLES = (Role.LANDELIJK, Role.BEHEERDER)


def two_factor_required(*, user: User) -> bool:
    return bool(
        user.is_staff
        or user.is_superuser
        or RoleAssignment.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists()
    )


def two_factor_device(*, user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_remaining(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_step_for_user(*, user: User) -> str:
    """What a freshly logged-in user still has to do: 'verify', 'setup' or '' (nothing)."""
    if two_factor_device(user=user) is not None:
        return "verify"
    if two_factor_required(user=user):
        return "setup"
    return ""
