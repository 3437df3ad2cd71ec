"""The synthesis takes support needs and success factors from the national inventory of
the period's year, and says "niet beschikbaar" (None) without one."""

import pytest

from werkset.comparison.synthesis.inventory import success_factors, support_needs
from werkset.inventories.demo import inventory_demo_create
from werkset.regions.models import Region

pytestmark = pytest.mark.django_db


def test_support_needs_come_from_the_inventory_of_the_year(regions):
    inventory_demo_create()
    items = support_needs(period="2020", regions=list(Region.objects.all()))
    assert items is not None
    by_code = {item.title: item for item in items}
    assert all(item.n == 25 for item in items)
    assert max(len(item.regions) for item in items) == 5
    assert len(by_code) == len(items)


def test_without_an_inventory_of_the_year_nothing_is_claimed(regions):
    inventory_demo_create()
    assert support_needs(period="2024-H1", regions=[]) is None
    assert success_factors(period="2024", regions=[]) is None
