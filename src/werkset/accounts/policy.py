"""Who may manage whose account: the one rule for invitations and account management.

The beheerder manages every account and may give every role. A network's coordinator
manages the people of their own network only: they see people who have a role there,
invite people with a role of that network or of one of its regions (rapporteur, netwerklid,
vaststeller), withdraw such invitations, and deactivate, reactivate, reset the second step
of, or give and revoke those roles to someone all of whose roles lie in their network.
Nobody manages their own account here, and a coordinator never touches an account with a
national role or admin access. Views, services and the menu ask
this module; the services check it again.
"""

from collections.abc import Collection

from django.db.models import Q

from werkset.regions.models import Region, RegionalNetwork

from .models import Invitation, Role, RoleAssignment, User
from .scope import Scope

# Roles that must log in with a second factor: they see every region (landelijk), hold
# the admin screens (beheerder) or manage a network's accounts (coordinator). Everyone
# else may switch it on.
TWO_FACTOR_ROLES = (Role.LANDELIJK, Role.BEHEERDER, Role.COORDINATOR)


def two_factor_required_for(user: User, roles: Collection[str]) -> bool:
    """Whether this user must log in with a second factor, given their roles: admin
    access, or one of TWO_FACTOR_ROLES."""
    return bool(user.is_staff or user.is_superuser or set(roles) & set(TWO_FACTOR_ROLES))


# What a coordinator may give, always within their own network.
COORDINATOR_GRANTS = (Role.RAPPORTEUR, Role.NETWERKLID, Role.VASTSTELLER)


def may_manage_accounts(scope: Scope) -> bool:
    """Whether the account pages (people, invitations) are open to this user at all."""
    return scope.is_administrator or bool(scope.coordinating_network_ids)


def grantable_roles(scope: Scope) -> list[str]:
    """The roles this user may invite someone with, in the order of Role."""
    if scope.is_administrator:
        return list(Role.values)
    if scope.coordinating_network_ids:
        return [role for role in Role.values if role in COORDINATOR_GRANTS]
    return []


def manageable_networks(scope: Scope) -> list[RegionalNetwork]:
    """The networks (with their regions) whose roles this user may give."""
    networks = RegionalNetwork.objects.order_by("position").prefetch_related("regions")
    if scope.is_administrator:
        return list(networks)
    return list(networks.filter(pk__in=scope.coordinating_network_ids))


def may_grant(
    scope: Scope, *, role: str, region: Region | None, network: RegionalNetwork | None
) -> bool:
    """Whether this user may give `role` in that region or network (scope checked apart)."""
    if scope.is_administrator:
        return role in Role.values
    if role not in COORDINATOR_GRANTS:
        return False
    network_id = network.pk if network is not None else region.network_id if region else None
    return network_id in scope.coordinating_network_ids


def people_condition(scope: Scope) -> Q | None:
    """The accounts this user sees on the account pages, as a condition; None: none."""
    if scope.is_administrator:
        return Q()
    ids = scope.coordinating_network_ids
    if not ids:
        return None
    return (
        Q(role_assignments__network_id__in=ids)
        | Q(role_assignments__region__network_id__in=ids)
        | Q(invitations__network_id__in=ids)
        | Q(invitations__region__network_id__in=ids)
    )


def may_manage_user(scope: Scope, *, actor: User, user: User) -> bool:
    """Whether this user may deactivate, reactivate or reset the second step of `user`."""
    if user.pk == actor.pk:
        return False
    if scope.is_administrator:
        return True
    ids = scope.coordinating_network_ids
    if not ids or user.is_staff or user.is_superuser:
        return False
    assignments = list(
        RoleAssignment.objects.filter(user=user).values_list(
            "role", "network_id", "region__network_id"
        )
    )
    if not assignments:
        # No role left: theirs when they came in through an invitation of the network.
        return (
            User.objects.filter(pk=user.pk)
            .filter(Q(invitations__network_id__in=ids) | Q(invitations__region__network_id__in=ids))
            .exists()
        )
    return all(
        role in COORDINATOR_GRANTS and (network_id or region_network_id) in ids
        for role, network_id, region_network_id in assignments
    )


def may_change_role(
    scope: Scope,
    *,
    actor: User,
    user: User,
    role: str,
    region: Region | None,
    network: RegionalNetwork | None,
) -> bool:
    """Whether this user may give `user` that role, or take it away, on the person page: the
    beheerder any role, a coordinator the roles they invite with in their own network, and
    only for people they manage; nobody on their own account."""
    return may_manage_user(scope, actor=actor, user=user) and may_grant(
        scope, role=role, region=region, network=network
    )


def may_withdraw_invitation(scope: Scope, *, invitation: Invitation) -> bool:
    """Whether this user may withdraw an open invitation: whoever may give its role there."""
    return may_grant(
        scope, role=invitation.role, region=invitation.region, network=invitation.network
    )
