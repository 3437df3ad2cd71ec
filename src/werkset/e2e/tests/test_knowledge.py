"""The kennisbank in a real browser, with axe: the search page with results and its filters,
a result that opens the report at the passage, and an improvement point that links a
practice item of another network as inspiration (issue 24)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.accounts.models import User
from werkset.catalogue.models import Theme
from werkset.demo.services import demo_reports_create
from werkset.improvement.tests.factories import point_plan
from werkset.knowledge.indexing import knowledge_rebuild
from werkset.knowledge.models import Inspiration

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_kennisbank_search_and_inspiration(browser: Browser, live_server, demo_world) -> None:
    demo_reports_create()  # Friesland (Noord-Nederland): practice items, finalised in 2024
    knowledge_rebuild()
    member = User.objects.get(username="netwerklid-oost")
    theme = Theme.objects.get(key="actieoverleg")
    point = point_plan(network=member.role_assignments.get().network, theme=theme, user=member)

    page = new_page(browser, live_server.url)
    login(page, "netwerklid-oost")
    page.locator("nav.site-nav a[href='/kennisbank/']").click()
    check_page(page, "knowledge-empty")
    page.locator("#id_q").fill("samenwerking")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#results-title")).to_be_visible()
    expect(page.locator(".knowledge-result mark").first).to_be_visible()
    check_page(page, "knowledge-results")

    # A query that is too long: a Dutch error, checked by axe.
    page.goto(reverse("knowledge:search") + "?q=" + "overleg+" * 13)
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page, "knowledge-error")

    # From the improvement point to the kennisbank and back with a linked practice item.
    page.goto(reverse("improvement:point", args=[point.pk]))
    page.locator("#inspiratie a").click()
    page.locator("#id_q").fill("samenwerking")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state("load")
    page.locator(".knowledge-result form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.locator(".messages")).to_contain_text("als inspiratie gekoppeld")
    assert Inspiration.objects.filter(point=point).count() == 1
    page.goto(reverse("improvement:point", args=[point.pk]))
    expect(page.locator("#inspiratie li")).to_have_count(1)
    check_page(page, "improvement-point-inspiration")
    page.locator("#inspiratie li a").first.click()
    page.wait_for_load_state("load")
    assert "#praktijk-" in page.url
