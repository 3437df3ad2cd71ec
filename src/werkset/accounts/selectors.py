from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Invitation, RoleAssignment, User
from .policy import people_condition, two_factor_required_for
from .scope import Scope


def role_assignments_for_user(*, user: User | AnonymousUser) -> QuerySet[RoleAssignment]:
    if not user.is_authenticated:
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("region__network", "network")
        .prefetch_related("network__regions")
    )


def two_factor_required(*, user: User) -> bool:
    """policy.two_factor_required_for, with the user's roles as stored."""
    roles = RoleAssignment.objects.filter(user=user).values_list("role", flat=True)
    return two_factor_required_for(user, list(roles))


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


def people_for_scope(*, scope: Scope) -> QuerySet[User]:
    """The accounts a beheerder or coordinator sees on the account pages (accounts/policy.py)."""
    condition = people_condition(scope)
    if condition is None:
        return User.objects.none()
    ids = User.objects.filter(condition).values("pk")
    return (
        User.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("role_assignments__region", "role_assignments__network")
        .order_by("last_name", "first_name", "username")
    )


def open_invitations_for_scope(*, scope: Scope) -> QuerySet[Invitation]:
    """Invitations not yet accepted nor expired, in the networks this user manages."""
    now = timezone.now()
    invitations = Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=now)
    if not scope.is_administrator:
        ids = scope.coordinating_network_ids
        invitations = invitations.filter(Q(network_id__in=ids) | Q(region__network_id__in=ids))
    return invitations.select_related("region", "network", "invited_by").order_by(
        "-created_at", "-id"
    )
