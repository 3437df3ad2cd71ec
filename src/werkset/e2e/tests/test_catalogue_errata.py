"""The corrected 2021 edition in the catalogue browser (issue 23): its errata on the version
page and per theme, with axe on both pages."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_errata_pages_are_accessible(browser: Browser, live_server, demo_world) -> None:
    catalogue_file = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021-1.yaml"
    version = catalogue_version_publish(document=read_catalogue_file(catalogue_file)).version
    page = new_page(browser, live_server.url)
    login(page, "rapporteur")
    page.goto(reverse("catalogue:version", args=[version.slug]))
    expect(page.locator("#errata-title")).to_be_visible()
    check_page(page, "catalogue-errata")
    page.locator("main .erratum a[href*='/catalogus/werkset-2021-1/samenhang']").first.click()
    expect(page.locator("#errata-title")).to_have_text("Errata in dit thema")
    check_page(page, "catalogue-theme-errata")
    page.context.close()
