"""Daily work never leads to the stock Django admin (issue 21): a small crawl per role, from
the start page along the links of its menu and its pages (two clicks deep), finds no link
to the admin (served under /beheer/). The beheerder is the emergency superuser: the menu
keeps the admin for technical emergencies, but no page of the daily work (people,
invitations, a person) links to it. axe checks each role's start page."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from werkset.demo.services import demo_reports_create

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)

DAILY_ROLES = [
    "rapporteur",
    "rapporteur-netwerk",
    "netwerklid",
    "voorzitter",
    "netwerklid-oost",
    "coordinator",
    "landelijk",
]
DEPTH = 2
PAGES_PER_ROLE = 35
# Not followed: leaving, files and documents (made on request), the admin itself.
SKIPPED = ("/uitloggen", "/static/", "/media/", "/api/", "/documenten/")
SKIPPED_PARTS = ("download", "export", "afdrukken", ".csv", ".xlsx", ".json")


class Links(HTMLParser):
    """The hrefs of a page's links, and those inside <main> apart."""

    def __init__(self) -> None:
        super().__init__()
        self.all: list[str] = []
        self.in_main: list[str] = []
        self._main_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._main_depth += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.all.append(href)
            if self._main_depth:
                self.in_main.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self._main_depth:
            self._main_depth -= 1


def _local_path(href: str) -> str | None:
    href = urldefrag(href)[0]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _admin(path: str) -> bool:
    return path.startswith(reverse("admin:index"))


def _followed(path: str) -> bool:
    return not (
        _admin(path) or path.startswith(SKIPPED) or any(part in path for part in SKIPPED_PARTS)
    )


def crawl(page: Page, *, main_only: bool) -> dict[str, list[str]]:
    """Pages reached from the start page (breadth first, DEPTH clicks) → their admin links."""
    seen = {"/"}
    frontier = ["/"]
    visited = 0
    admin_links: dict[str, list[str]] = {}
    for _depth in range(DEPTH + 1):
        following: list[str] = []
        for path in frontier[: PAGES_PER_ROLE - visited]:
            visited += 1
            response = page.context.request.get(path)
            assert response.ok, f"{path}: {response.status}"
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            parser = Links()
            parser.feed(response.text())
            hrefs = parser.in_main if main_only else parser.all
            found = [h for h in hrefs if _admin(_local_path(h) or "")]
            if found:
                admin_links[path] = found
            for href in parser.all:
                target = _local_path(href)
                if target and target not in seen and _followed(target):
                    seen.add(target)
                    following.append(target)
        frontier = following
    assert visited > 5, seen  # the crawl went somewhere
    return admin_links


@pytest.fixture
def demo_reports(demo_world: None) -> None:
    demo_reports_create()


@pytest.mark.parametrize("username", DAILY_ROLES)
def test_no_page_of_daily_work_links_to_the_admin(
    browser: Browser, live_server, demo_reports: None, username: str
) -> None:
    page = new_page(browser, live_server.url)
    login(page, username)
    check_page(page)
    assert crawl(page, main_only=False) == {}
    page.context.close()


def test_the_beheerders_daily_pages_do_not_send_them_to_the_admin(
    browser: Browser, live_server, demo_reports: None
) -> None:
    page = new_page(browser, live_server.url)
    login(page, "beheerder")
    check_page(page)
    # Only the menu offers the admin, for technical emergencies.
    assert page.locator(f"nav.site-nav a[href='{reverse('admin:index')}']").count() == 1
    assert crawl(page, main_only=True) == {}
    page.context.close()
