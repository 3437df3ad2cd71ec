"""Who may do what with a national inventory (issue 22); views, API and services ask here.

- The national network (role *landelijk*) runs inventories: it appoints researchers and
  records every region's answers, without being a rapporteur of any region.
- A researcher it appointed for an inventory records that inventory's answers.
- A region's people (its rapporteurs and the people of its regional network) see what was
  recorded about their region and may correct it.
- Everyone with content access (accounts/scope.py `can_compare`) sees the national picture,
  as the 2020 report was shared with all regions.
"""

from werkset.accounts.models import User
from werkset.accounts.scope import Scope
from werkset.regions.models import Region

from .models import Inventory, InventoryResearcher


def inventory_may_manage(scope: Scope) -> bool:
    """Appoint researchers: the national network."""
    return scope.is_national


def inventory_is_researcher(*, user: User | None, inventory: Inventory) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return InventoryResearcher.objects.filter(inventory=inventory, user=user).exists()


def inventory_may_record(scope: Scope, *, user: User | None, inventory: Inventory) -> bool:
    """Record answers for every region: the national network or an appointed researcher."""
    return scope.is_national or inventory_is_researcher(user=user, inventory=inventory)


def inventory_may_correct(scope: Scope, *, region: Region) -> bool:
    """Correct what was recorded about a region: the region's own people."""
    return region.pk in scope.writable_region_ids or region.network_id in scope.member_network_ids


def inventory_may_edit_region(
    scope: Scope, *, user: User | None, inventory: Inventory, region: Region
) -> bool:
    return inventory_may_record(scope, user=user, inventory=inventory) or inventory_may_correct(
        scope, region=region
    )


def inventory_may_see(scope: Scope, *, user: User | None, inventory: Inventory) -> bool:
    """The inventory and its national picture."""
    return scope.can_compare or inventory_may_record(scope, user=user, inventory=inventory)
