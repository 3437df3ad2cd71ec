"""What a user may see and do, computed once per request from the role assignments.

Every view and API endpoint asks this module; menus only mirror it. Roles are the
only source of access: Django's is_superuser grants admin screens, never content.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest

from werkset.regions.models import Region, RegionalNetwork
from werkset.regions.selectors import regions_in_order

from .models import Role, RoleAssignment, User

# Roles that manage accounts and give no content of their own.
ACCOUNT_ROLES = frozenset({Role.BEHEERDER, Role.COORDINATOR})


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str]
    writable_region_ids: frozenset[int]
    network_ids: frozenset[int]
    # The regions of the networks this user is netwerklid or rapporteur of.
    network_region_ids: frozenset[int]
    # The networks whose people this user is: netwerklid, rapporteur of the network or of
    # one of its regions (the improvement cycle's members; improvement/rules.py).
    member_network_ids: frozenset[int]
    # The networks whose own report this user writes (rapporteur of the network).
    writable_network_ids: frozenset[int] = frozenset()
    # The networks whose decisions this user records (chair or secretary, issue 19).
    deciding_network_ids: frozenset[int] = frozenset()
    # The networks whose people's accounts this user manages (coordinator, issue 21;
    # what that allows is decided in accounts/policy.py).
    coordinating_network_ids: frozenset[int] = frozenset()

    @property
    def is_national(self) -> bool:
        return Role.LANDELIJK in self.roles

    @property
    def is_administrator(self) -> bool:
        return Role.BEHEERDER in self.roles

    @property
    def full_view_region_ids(self) -> frozenset[int]:
        """Regions whose work in progress this user may read (own region or own network)."""
        return self.writable_region_ids | self.network_region_ids

    def can_write_region(self, region: Region) -> bool:
        return region.pk in self.writable_region_ids

    def can_write_network(self, network: RegionalNetwork) -> bool:
        return network.pk in self.writable_network_ids

    def can_view_region_in_progress(self, region: Region) -> bool:
        return region.pk in self.full_view_region_ids

    def can_view_network_in_progress(self, network: RegionalNetwork) -> bool:
        """The network's own report in progress: for the network's people."""
        return network.pk in self.member_network_ids

    @property
    def can_read_catalogue(self) -> bool:
        return bool(self.roles)

    @property
    def can_compare(self) -> bool:
        """Comparisons are content: every role but a pure administrator or coordinator."""
        return bool(self.roles - ACCOUNT_ROLES)

    @property
    def can_improve(self) -> bool:
        """The improvement cycle and peer audits are content: not for a pure administrator
        or coordinator. What each role may read or change there is decided in
        improvement/rules.py."""
        return bool(self.roles - ACCOUNT_ROLES)


EMPTY_SCOPE = Scope(frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def network_people(network_id: int) -> Q:
    """The users whose Scope.member_network_ids holds this network, as a condition on users
    (the same rule read the other way): its netwerklid members, its own rapporteurs, its
    chair or secretary, and the rapporteurs of its regions."""
    return Q(
        role_assignments__role__in=(Role.NETWERKLID, Role.RAPPORTEUR, Role.VASTSTELLER),
        role_assignments__network_id=network_id,
    ) | Q(role_assignments__role=Role.RAPPORTEUR, role_assignments__region__network_id=network_id)


def scope_for_user(user: User | AnonymousUser) -> Scope:
    # The signed-in user of a request carries the request's scope (scope_for_request), so
    # the services that check it again in the same request do not read it twice.
    known: Scope | None = getattr(user, "_werkset_request_scope", None)
    if known is not None:
        return known
    if not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    # The region's network comes with the join that the assignments' ordering makes anyway.
    assignments = list(
        RoleAssignment.objects.filter(user=user).values_list(
            "role", "region_id", "network_id", "region__network_id"
        )
    )
    network_ids = frozenset(
        network_id for role, _, network_id, _ in assignments if role == Role.NETWERKLID
    )
    writable_network_ids = frozenset(
        network_id
        for role, _, network_id, _ in assignments
        if role == Role.RAPPORTEUR and network_id is not None
    )
    deciding = frozenset(
        network_id for role, _, network_id, _ in assignments if role == Role.VASTSTELLER
    )
    followed = network_ids | writable_network_ids | deciding
    network_region_ids = (
        frozenset(r.pk for r in regions_in_order() if r.network_id in followed)
        if followed
        else frozenset()
    )
    return Scope(
        roles=frozenset(role for role, _, _, _ in assignments),
        writable_region_ids=frozenset(
            region_id
            for role, region_id, _, _ in assignments
            if role == Role.RAPPORTEUR and region_id is not None
        ),
        network_ids=network_ids,
        network_region_ids=network_region_ids,
        member_network_ids=followed
        | frozenset(
            region_network
            for role, _, _, region_network in assignments
            if role == Role.RAPPORTEUR and region_network is not None
        ),
        writable_network_ids=writable_network_ids,
        deciding_network_ids=deciding,
        coordinating_network_ids=frozenset(
            network_id for role, _, network_id, _ in assignments if role == Role.COORDINATOR
        ),
    )


def scope_for_request(request: HttpRequest) -> Scope:
    """The request's scope, computed at most once per request."""
    cached: Scope | None = getattr(request, "_werkset_scope", None)
    if cached is None:
        cached = scope_for_user(request.user)
        request._werkset_scope = cached  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            # request.user lives as long as the request (loaded per request).
            setattr(request.user, "_werkset_request_scope", cached)  # noqa: B010
    return cached


def request_user(request: HttpRequest) -> User:
    """The signed-in user of a request that login_required (or DRF) already let through."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
