"""The kept list of regions follows every change (regions.selectors), and so does what a
network's member may see (accounts.scope reads it)."""

import pytest

from werkset.accounts.models import Role
from werkset.accounts.scope import scope_for_user
from werkset.regions.models import Region, RegionalNetwork
from werkset.regions.selectors import networks_in_order, regions_in_order

pytestmark = pytest.mark.django_db


def test_een_regio_naar_een_ander_netwerk_verandert_wat_een_netwerklid_ziet(
    make_user, noord_nederland
):
    member = make_user(Role.NETWERKLID, network=noord_nederland)
    friesland = Region.objects.get(code="friesland")
    assert friesland.pk in scope_for_user(member).network_region_ids
    friesland.network = RegionalNetwork.objects.get(code="oost-nederland")
    friesland.save()
    assert friesland.pk not in scope_for_user(member).network_region_ids


def test_een_nieuwe_regio_staat_meteen_in_de_lijst(regions, noord_nederland):
    before = [r.code for r in regions_in_order()]
    Region.objects.create(code="nieuw", name="Nieuw", network=noord_nederland, position=99)
    assert [r.code for r in regions_in_order()] == [*before, "nieuw"]


def test_een_verwijderde_regio_verdwijnt_uit_de_lijst(regions, noord_nederland):
    extra = Region.objects.create(code="weg", name="Weg", network=noord_nederland, position=99)
    assert "weg" in [r.code for r in regions_in_order()]
    extra.delete()
    assert "weg" not in [r.code for r in regions_in_order()]


def test_een_hernoemd_netwerk_staat_meteen_zo_in_de_lijst(noord_nederland):
    assert "Noord-Nederland" in [n.name for n in networks_in_order()]
    noord_nederland.name = "Noorden"
    noord_nederland.save()
    assert "Noorden" in [n.name for n in networks_in_order()]
