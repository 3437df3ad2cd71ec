"""The national inventory's pages in a real browser, with axe (issue 22): the list, the
national picture of 2020 and a region's record with its form."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.inventories.demo import inventory_demo_create

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "inventarisatie-actieoverleg-2020"


def test_inventory_pages_are_accessible(browser: Browser, live_server, demo_world) -> None:
    inventory_demo_create()
    page = new_page(browser, live_server.url)
    login(page, "landelijk")
    page.goto(reverse("inventories:index"))
    check_page(page)
    page.goto(reverse("inventories:detail", kwargs={"slug": SLUG}))
    expect(page.locator("p.notice")).to_contain_text("16 van de 25")
    check_page(page)
    page.goto(reverse("inventories:region", kwargs={"slug": SLUG, "code": "drenthe"}))
    expect(page.locator("p.notice")).to_contain_text("lagere frequentie")
    check_page(page)
    page.context.close()
