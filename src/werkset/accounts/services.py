"""Granting and withdrawing roles; each change is atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.regions.models import Region, RegionalNetwork

from .models import Role, RoleAssignment, User


def _validate_role_scope(
    *, role: str, region: Region | None, network: RegionalNetwork | None
) -> None:
    if role not in Role.values:
        raise ValidationError(_("Unknown role '%(role)s'.") % {"role": role}, code="unknown_role")
    if role == Role.RAPPORTEUR and (region is None or network is not None):
        raise ValidationError(
            _("A rapporteur works for exactly one region: choose a region, not a network."),
            code="scope",
        )
    if role == Role.NETWERKLID and (network is None or region is not None):
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
    _validate_role_scope(role=role, region=region, network=network)
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


def role_revoke(*, assignment: RoleAssignment, revoked_by: User | None) -> None:
    """Withdraw a role; losing the administrator role also takes away the admin screens."""
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=assignment.user_id)
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
