"""Granting and withdrawing roles, and the second log-in step; each change is audited."""

import base64
import logging
import secrets
import time
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.regions.models import Region, RegionalNetwork

from .models import NETWORK_ROLES, Role, RoleAssignment, User
from .selectors import two_factor_required

logger = logging.getLogger(__name__)


def role_scope_validate(
    *, role: str, region: Region | None, network: RegionalNetwork | None
) -> None:
    if role not in Role.values:
        raise ValidationError(_("Unknown role '%(role)s'.") % {"role": role}, code="unknown_role")
    if role == Role.RAPPORTEUR and (region is None) == (network is None):
        raise ValidationError(
            _(
                "A rapporteur writes the report of one region or of one regional network: "
                "choose a region or a network."
            ),
            code="scope",
        )
    if role in NETWORK_ROLES and (network is None or region is not None):
        raise ValidationError(
            _("A network member belongs to a regional network: choose a network, not a region."),
            code="scope",
        )
    if role in (Role.LANDELIJK, Role.BEHEERDER) and (region is not None or network is not None):
        raise ValidationError(
            _("This role is national: it takes no region and no network."), code="scope"
        )


def role_assign(
    *,
    user: User,
    role: str,
    region: Region | None = None,
    network: RegionalNetwork | None = None,
    assigned_by: User | None,
) -> RoleAssignment:
    """Give a user a role in its scope; an administrator also gets the admin screens."""
    role_scope_validate(role=role, region=region, network=network)
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        if RoleAssignment.objects.filter(
            user=locked_user, role=role, region=region, network=network
        ).exists():
            raise ValidationError(_("This user already has this role."), code="duplicate")
        assignment = RoleAssignment.objects.create(
            user=locked_user, role=role, region=region, network=network
        )
        if role == Role.BEHEERDER and not (locked_user.is_staff and locked_user.is_superuser):
            # The admin screens hold accounts, roles, regions and the read-only catalogue
            # and audit log; report content is not there, and scope ignores is_superuser.
            locked_user.is_staff = True
            locked_user.is_superuser = True
            locked_user.save(update_fields=["is_staff", "is_superuser"])
        audit_record(
            actor=assigned_by,
            action=AuditAction.ROLE_ASSIGNED,
            target=locked_user,
            summary=_("%(user)s got the role %(role)s")
            % {"user": locked_user.get_username(), "role": assignment},
            detail={
                "role": role,
                "region": region.code if region else None,
                "network": network.code if network else None,
            },
        )
    user.refresh_from_db(fields=["is_staff", "is_superuser"])
    return assignment


def last_administrator_refuse(*, user: User) -> None:
    """ValidationError when `user` is the last active beheerder: someone must always be able to
    manage the accounts. Locks the beheerder assignments, so that two beheerders who remove
    each other at the same moment cannot both succeed; call it inside the transaction."""
    holders = set(
        RoleAssignment.objects.select_for_update(of=("self",))
        .filter(role=Role.BEHEERDER, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    if holders == {user.pk}:
        raise ValidationError(
            _(
                "%(user)s is the last active beheerder: give another person that role first, "
                "so that someone can still manage the accounts."
            )
            % {"user": user.display_name},
            code="last_administrator",
        )


def role_revoke(*, assignment: RoleAssignment, revoked_by: User | None) -> None:
    """Withdraw a role; losing the administrator role also takes away the admin screens.
    The last active beheerder keeps the role (last_administrator_refuse)."""
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=assignment.user_id)
        if assignment.role == Role.BEHEERDER:
            last_administrator_refuse(user=locked_user)
        description = str(assignment)
        detail = {
            "role": assignment.role,
            "region": assignment.region.code if assignment.region else None,
            "network": assignment.network.code if assignment.network else None,
        }
        assignment.delete()
        still_administrator = RoleAssignment.objects.filter(
            user=locked_user, role=Role.BEHEERDER
        ).exists()
        if assignment.role == Role.BEHEERDER and not still_administrator:
            locked_user.is_staff = False
            locked_user.is_superuser = False
            locked_user.save(update_fields=["is_staff", "is_superuser"])
        audit_record(
            actor=revoked_by,
            action=AuditAction.ROLE_REVOKED,
            target=locked_user,
            summary=_("%(user)s lost the role %(role)s")
            % {"user": locked_user.get_username(), "role": description},
            detail=detail,
        )


RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "werkset"


def totp_key_new() -> str:
    """A fresh secret for an authenticator app, as the hex string TOTPDevice stores."""
    return secrets.token_hex(20)


def totp_key_for_display(key: str) -> str:
    """The secret in base32 groups of four, for typing into an app by hand."""
    encoded = base64.b32encode(bytes.fromhex(key)).decode("ascii").rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def _normalised_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _recovery_codes_replace(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_enable(*, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Connect an authenticator app once it has produced a right code.

    Returns the device and the recovery codes, which are shown once and never again.
    """
    code = _normalised_code(code)
    if not (code.isdigit() and len(code) == 6):
        raise ValidationError(_("Enter the 6 digits your app shows."), code="format")
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        if TOTPDevice.objects.filter(user=locked_user, confirmed=True).exists():
            raise ValidationError(
                _("Two-factor authentication is already set up for this account."),
                code="exists",
            )
        TOTPDevice.objects.filter(user=locked_user).delete()
        totp = TOTP(bytes.fromhex(key))
        totp.time = time.time()
        if not totp.verify(int(code), tolerance=1):
            raise ValidationError(
                _(
                    "That code is not right. Check that the time on your phone is correct "
                    "and enter the code that is shown now."
                ),
                code="wrong",
            )
        device = TOTPDevice.objects.create(
            user=locked_user, name=TOTP_DEVICE_NAME, key=key, confirmed=True, last_t=totp.t()
        )
        codes = _recovery_codes_replace(user=locked_user)
        audit_record(
            actor=locked_user,
            action=AuditAction.TWO_FACTOR_ENABLED,
            target=locked_user,
            summary=_("%(user)s set up two-factor authentication")
            % {"user": locked_user.get_username()},
        )
    return device, codes


def two_factor_verify(*, user: User, code: str) -> Device:
    """Check the second step: a code from the app, or one recovery code (used up).

    Not one atomic block around the outcome: a wrong code must leave its trace (the
    device's throttling and the audit record) even though the step fails.
    """
    code = _normalised_code(code)
    device: Device | None = None
    throttled = False
    with transaction.atomic():
        if code.isdigit() and len(code) == 6:
            totp_device = (
                TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            )
            if totp_device is not None:
                throttled = not totp_device.verify_is_allowed()[0]
                if not throttled and totp_device.verify_token(code):
                    device = totp_device
            action = AuditAction.TWO_FACTOR_VERIFIED
        else:
            static_device = (
                StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            )
            if static_device is not None:
                throttled = not static_device.verify_is_allowed()[0]
                if not throttled and static_device.verify_token(code):
                    device = static_device
            action = AuditAction.TWO_FACTOR_RECOVERY_USED
        if device is not None:
            audit_record(
                actor=user,
                action=action,
                target=user,
                summary=_("%(user)s passed the second log-in step") % {"user": user.get_username()},
                detail={"recovery_code": action == AuditAction.TWO_FACTOR_RECOVERY_USED},
            )
        else:
            audit_record(
                actor=user,
                action=AuditAction.TWO_FACTOR_FAILED,
                target=user,
                summary=_("Wrong code in the second log-in step of %(user)s")
                % {"user": user.get_username()},
                detail={"throttled": throttled},
            )
    if device is None:
        if throttled:
            raise ValidationError(
                _("Too many wrong codes in a row. Wait a minute and try again."),
                code="throttled",
            )
        raise ValidationError(
            _("That code is not right. Enter the code your app shows now, or a recovery code."),
            code="wrong",
        )
    return device


def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        if not TOTPDevice.objects.filter(user=locked_user, confirmed=True).exists():
            raise ValidationError(_("Set up two-factor authentication first."), code="not_enabled")
        codes = _recovery_codes_replace(user=locked_user)
        audit_record(
            actor=locked_user,
            action=AuditAction.TWO_FACTOR_CODES_RENEWED,
            target=locked_user,
            summary=_("%(user)s made new recovery codes") % {"user": locked_user.get_username()},
        )
    return codes


def two_factor_disable(*, user: User, disabled_by: User) -> None:
    """Switch the second step off. A user may do so only where the role does not require it;
    a beheerder may reset it for someone who lost the phone and the codes (set up anew at
    the next log-in)."""
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        by_self = disabled_by.pk == locked_user.pk
        if by_self and two_factor_required(user=locked_user):
            raise ValidationError(
                _("Your role requires two-factor authentication; it cannot be switched off."),
                code="required",
            )
        if not by_self and not disabled_by.is_superuser:
            raise ValidationError(
                _("Only a beheerder can reset someone else's two-factor authentication."),
                code="forbidden",
            )
        TOTPDevice.objects.filter(user=locked_user).delete()
        StaticDevice.objects.filter(user=locked_user).delete()
        audit_record(
            actor=disabled_by,
            action=AuditAction.TWO_FACTOR_DISABLED,
            target=locked_user,
            summary=_("Two-factor authentication of %(user)s switched off")
            % {"user": locked_user.get_username()},
            detail={"by_self": by_self},
        )


class RoleClaim(NamedTuple):
    """A role as the identity provider names it: the role and a region or network code."""

    role: str
    scope: str = ""


def user_create_from_claims(
    *, subject: str, username: str, first_name: str, last_name: str, email: str
) -> User:
    """A new account for someone who logs in through single sign-on; no password."""
    with transaction.atomic():
        base = username[:140] or subject[:140]
        candidate, number = base, 1
        while User.objects.filter(username=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        user = User(
            username=candidate,
            oidc_subject=subject,
            first_name=first_name[:150],
            last_name=last_name[:150],
            email=email[:254],
        )
        user.set_unusable_password()
        user.save()
        audit_record(
            actor=None,
            action=AuditAction.USER_CREATED,
            target=user,
            summary=_("Account %(user)s created at the first single sign-on")
            % {"user": user.get_username()},
            detail={"source": "oidc"},
        )
    return user


def user_sso_link(*, user: User, subject: str | None, changed_by: User | None) -> User:
    """Link an existing account to the person's identity at the provider (its `sub`), or
    unlink it (empty). The beheerder does this when single sign-on creates no accounts;
    werkset never links on an e-mail address."""
    wanted = (subject or "").strip() or None
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        previous = locked_user.oidc_subject
        if previous == wanted:
            return locked_user
        if wanted and User.objects.filter(oidc_subject=wanted).exclude(pk=user.pk).exists():
            raise ValidationError(
                _("Another account is already linked to this single sign-on identity."),
                code="taken",
            )
        locked_user.oidc_subject = wanted
        locked_user.save(update_fields=["oidc_subject"])
        audit_record(
            actor=changed_by,
            action=AuditAction.USER_SSO_LINKED,
            target=locked_user,
            summary=(
                _("%(user)s linked to single sign-on identity '%(subject)s'")
                if wanted
                else _("Single sign-on link of %(user)s removed")
            )
            % {"user": locked_user.get_username(), "subject": wanted},
            detail={"subject": wanted, "previous": previous},
        )
    return locked_user


# A rapporteur of a network's own report is claimed as "rapporteur:netwerk:<network code>"
# (region and network codes overlap: limburg, oost-brabant).
NETWORK_CLAIM_PREFIX = "netwerk:"


def _claim_scope(assignment: RoleAssignment) -> str:
    if assignment.region is not None:
        return assignment.region.code
    if assignment.network is None:
        return ""
    if assignment.role == Role.RAPPORTEUR:
        return f"{NETWORK_CLAIM_PREFIX}{assignment.network.code}"
    return assignment.network.code


def roles_sync_from_claims(
    *, user: User, wanted: set[RoleClaim], managed_roles: set[str] | None = None
) -> None:
    """Make the user's roles those the identity provider gives, through role_assign and
    role_revoke (each audited). Unknown regions or networks are ignored. Only roles in
    `managed_roles` (what the provider may give) are touched: a beheerder role given in the
    admin stays when the provider may not give it."""
    managed = set(Role.values) if managed_roles is None else managed_roles
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        current = {
            RoleClaim(role=assignment.role, scope=_claim_scope(assignment)): assignment
            for assignment in RoleAssignment.objects.filter(user=user).select_related(
                "region", "network"
            )
        }
        for claim, assignment in current.items():
            if claim.role in managed and claim not in wanted:
                try:
                    role_revoke(assignment=assignment, revoked_by=None)
                except ValidationError as refused:
                    # the last beheerder keeps the role, whatever the provider says
                    logger.warning("rol niet ingetrokken bij aanmelden: %s", refused.messages[0])
        for claim in {c for c in wanted if c.role in managed} - set(current):
            region = network = None
            if claim.role == Role.RAPPORTEUR and claim.scope.startswith(NETWORK_CLAIM_PREFIX):
                code = claim.scope.removeprefix(NETWORK_CLAIM_PREFIX)
                network = RegionalNetwork.objects.filter(code=code).first()
                if network is None:
                    continue
            elif claim.role == Role.RAPPORTEUR:
                region = Region.objects.filter(code=claim.scope).first()
                if region is None:
                    continue
            elif claim.role in NETWORK_ROLES:
                network = RegionalNetwork.objects.filter(code=claim.scope).first()
                if network is None:
                    continue
            role_assign(
                user=user, role=claim.role, region=region, network=network, assigned_by=None
            )
