"""The shared `regions` fixture writes in bulk what `regions_load` writes row by row."""

from pathlib import Path

import pytest
from django.conf import settings

from werkset.core.models import AuditEvent
from werkset.regions.models import Organisation, Region, RegionalNetwork, VeiligThuisRegion
from werkset.regions.services import regions_load

pytestmark = pytest.mark.django_db


def _written() -> dict[str, list]:
    """Everything the regions file leads to, without primary keys."""
    return {
        "organisations": list(
            Organisation.objects.order_by("pk").values_list(
                "code", "name", "short_name", "core_partner", "position"
            )
        ),
        "networks": list(
            RegionalNetwork.objects.order_by("pk").values_list(
                "code", "name", "arrondissement", "position"
            )
        ),
        "regions": list(
            Region.objects.order_by("pk").values_list("code", "name", "network__code", "position")
        ),
        "veilig_thuis": list(VeiligThuisRegion.objects.order_by("pk").values_list("name")),
        "covers": sorted(
            Region.veilig_thuis_regions.through.objects.values_list(
                "region__code", "veiligthuisregion__name"
            )
        ),
        "audit": list(
            AuditEvent.objects.order_by("pk").values_list(
                "actor", "actor_name", "action", "target_type", "target_id", "summary", "detail"
            )
        ),
    }


def test_de_fixture_schrijft_wat_regions_load_schrijft(regions):
    from_fixture = _written()
    assert len(from_fixture["regions"]) == 25
    Region.veilig_thuis_regions.through.objects.all().delete()
    Region.objects.all().delete()
    for model in (RegionalNetwork, VeiligThuisRegion, Organisation, AuditEvent):
        model.objects.all().delete()

    regions_load(path=Path(settings.WERKSET_REGIONS_FILE))

    assert _written() == from_fixture
