"""Who may do what with the Actieoverleg register: the one place views, services, selectors
and the start page ask (issue 24). Who a user is comes from accounts.scope.

- The people of a region's network (netwerklid, the network's chair or secretary, the
  rapporteurs of the network or of its regions: Scope.member_network_ids) read the region's
  register and record in it: meetings, cases, actions, and that an action was carried out.
- The national role sees the register's figures of every region, never a meeting, its note
  or its cases.
- Nobody else sees anything of it (administrators and coordinators: no content).
"""

from django.db.models import Q

from werkset.accounts.scope import Scope
from werkset.regions.models import Region


def register_may_read(scope: Scope, region: Region) -> bool:
    """Meetings, notes, cases and actions: the region's network only."""
    return region.network_id in scope.member_network_ids


def register_may_write(scope: Scope, region: Region) -> bool:
    return region.network_id in scope.member_network_ids


def register_may_see_figures(scope: Scope, region: Region) -> bool:
    """The aggregated figures (meetings held, attendance, days, actions on time)."""
    return register_may_read(scope, region) or scope.is_national


def register_regions(scope: Scope) -> Q:
    """The regions whose register (or, nationally, figures) a scope sees, as a condition."""
    if scope.is_national:
        return Q()
    return Q(network_id__in=scope.member_network_ids)


def register_any(scope: Scope) -> bool:
    """Whether the register is anything to this user at all (menus, the index page)."""
    return scope.is_national or bool(scope.member_network_ids)
