from typing import TypeVar

from django.db import models
from django.db.models import Prefetch, QuerySet

from werkset.core.kept import kept

from .models import Organisation, Region, RegionalNetwork

M = TypeVar("M", bound=models.Model)

# The partner organisations are read by every theme page and autosave and change only when
# the register is loaded or edited: kept in the shared cache, forgotten when one is saved
# or deleted (signals.py); the timeout bounds a bulk change that sends no signal.
ORGANISATIONS_KEY = "regions:organisations"
ORGANISATIONS_TIMEOUT = 300
# The regions likewise: every request of a network's member reads which regions its
# networks have (accounts.scope), and a network's report the regions it answers for.
REGIONS_KEY = "regions:regions"
# The networks likewise (the kennisbank's filter offers them).
NETWORKS_KEY = "regions:networks"


def networks_with_regions() -> QuerySet[RegionalNetwork]:
    regions = Region.objects.prefetch_related("veilig_thuis_regions")
    return RegionalNetwork.objects.prefetch_related(Prefetch("regions", queryset=regions))


def region_by_code(*, code: str) -> Region:
    return Region.objects.select_related("network").get(code=code)


def _kept(key: str, model: type[M]) -> list[M]:
    """Every row of `model` in its order (position, name), from the shared cache."""
    return kept(
        key,
        lambda: list(model._default_manager.order_by("position", "name")),
        timeout=ORGANISATIONS_TIMEOUT,
    )


def organisations_in_order() -> list[Organisation]:
    """Every partner organisation in the register, in its order (kept; see above)."""
    return _kept(ORGANISATIONS_KEY, Organisation)


def regions_in_order() -> list[Region]:
    """Every Actieoverleg region (with its network's id), in the regions' order (kept; see
    above)."""
    return _kept(REGIONS_KEY, Region)


def networks_in_order() -> list[RegionalNetwork]:
    """Every regional network, in the networks' order (kept; see above)."""
    return _kept(NETWORKS_KEY, RegionalNetwork)
