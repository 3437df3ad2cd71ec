"""The pages anyone may open pass axe: log-in, privacy and accessibility statements."""

from django.urls import reverse
from playwright.sync_api import Browser

from ..browser import check_page, new_page


def test_public_pages_are_accessible(browser: Browser, live_server, db) -> None:
    page = new_page(browser, live_server.url)
    for name in ("login", "privacy", "accessibility"):
        page.goto(reverse(name))
        check_page(page)
    page.context.close()
