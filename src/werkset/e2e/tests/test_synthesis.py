"""The national synthesis (issue 22 item 5) in a real browser, with axe: the button on the
comparison page, the page that follows the document being made, and the download."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from ..browser import check_page, login, new_page
from .test_comparison_charts import _finalised

pytestmark = pytest.mark.django_db(transaction=True)


def test_de_synthese_wordt_aangevraagd_gevolgd_en_gedownload(
    browser: Browser, live_server, demo_world
) -> None:
    _finalised("groningen", "2024", "deelnemer", "ja", "1000", 4)
    _finalised("friesland", "2024", "deelnemer", "deels", "3000", 3)
    page = new_page(browser, live_server.url)
    login(page, "landelijk")
    page.goto(reverse("comparison:index") + "?periode=2024")
    check_page(page)
    # Made in the request here (no broker): the click waits for the whole document.
    page.locator("main form[action$='/synthese/'] button[value='docx']").click(timeout=120_000)
    page.wait_for_url(re.compile(r"/synthese/\d+/$"), timeout=120_000)
    check_page(page, "synthesis")
    with page.expect_download() as download_info:
        page.locator("a[href$='/downloaden/']").click()
    download = download_info.value
    assert download.suggested_filename == "werkset-synthese-2024.docx"
    with open(download.path(), "rb") as file:
        assert file.read(2) == b"PK"
    page.context.close()
