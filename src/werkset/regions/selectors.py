from django.db.models import Prefetch, QuerySet

from .models import Region, RegionalNetwork


def networks_with_regions() -> QuerySet[RegionalNetwork]:
    regions = Region.objects.prefetch_related("veilig_thuis_regions")
    return RegionalNetwork.objects.prefetch_related(Prefetch("regions", queryset=regions))


def region_by_code(*, code: str) -> Region:
    return Region.objects.select_related("network").get(code=code)
