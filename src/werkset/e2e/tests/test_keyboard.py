"""The core of the journey with the keyboard only (Tab, Enter, Space), focus always visible."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from werkset.accounts.models import User
from werkset.catalogue.models import CatalogueVersion
from werkset.regions.models import Region
from werkset.reports.models import Answer, ReportStatus
from werkset.reports.services import report_start

from ..browser import DEMO_PASSWORD, check_page, new_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {visible: false, what: "nothing (body)"};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
  const rect = el.getBoundingClientRect();
  const text = (el.textContent || "").trim().slice(0, 40);
  const what = `${el.tagName.toLowerCase()}#${el.id} "${text}"`;
  return {visible: (outline || shadow) && rect.width > 0 && rect.height > 0, what};
}"""


def tab_to(page: Page, selector: str, limit: int = 500) -> None:
    """Press Tab until the focused element matches selector; every stop must show focus.

    Past the last element focus leaves the document (body) and the next Tab starts again
    at the top, as in a browser window."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["what"] == "nothing (body)":
            continue
        assert focused["visible"], f"focus not visible on {focused['what']} at {page.url}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with Tab on {page.url}")


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that follows a link or submits a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_keyboard_only_answer_and_submit(browser: Browser, live_server, demo_world) -> None:
    report = report_start(
        region=Region.objects.get(code="friesland"),
        period="2026",
        catalogue_version=CatalogueVersion.objects.get(slug="werkset-2021"),
        user=User.objects.get(username="rapporteur"),
    )
    answer = (
        Answer.objects.filter(report=report, indicator__answer_type__key="oordeel")
        .order_by("indicator__position")
        .select_related("indicator__theme")
        .first()
    )
    assert answer is not None
    theme_key = answer.indicator.theme.key
    page = new_page(browser, live_server.url)

    # Log in.
    page.goto(reverse("login"))
    tab_to(page, "#id_username")
    page.keyboard.type("rapporteur")
    tab_to(page, "#id_password")
    page.keyboard.type(DEMO_PASSWORD)
    press_and_wait(page, "Enter")
    expect(page.locator("form.site-header__logout")).to_be_visible()

    # Open the report and its theme.
    tab_to(page, "main a[href='/regios/friesland/']")
    press_and_wait(page, "Enter")
    tab_to(page, f"main a[href='{reverse('reports:detail', args=[report.pk])}']")
    press_and_wait(page, "Enter")
    tab_to(page, f"main a[href='{reverse('reports:theme', args=[report.pk, theme_key])}']")
    press_and_wait(page, "Enter")

    # Answer one question: Space picks the first choice, then type and save.
    form = f"#antwoord-{answer.pk}"
    tab_to(page, f"{form} input[name=choice]")
    page.keyboard.press("Space")
    tab_to(page, f"{form} [name=explanation]")
    page.keyboard.type("Met het toetsenbord ingevuld (fictief).")
    screenshot(page, "keyboard-answer")
    saved_at = page.evaluate(
        "JSON.parse(document.getElementById('autosave-messages').textContent).savedAt"
    )
    expect(page.locator(f"{form} [data-save-status]")).to_contain_text(saved_at)
    tab_to(page, f"{form} button[type=submit]")
    press_and_wait(page, "Enter")
    answer.refresh_from_db()
    assert answer.choice
    assert answer.explanation == "Met het toetsenbord ingevuld (fictief)."

    # Back to the overview and submit the report for discussion.
    tab_to(page, f"main a[href='{reverse('reports:detail', args=[report.pk])}']")
    press_and_wait(page, "Enter")
    tab_to(page, "main a[href$='/stap/submit/']")
    press_and_wait(page, "Enter")
    tab_to(page, "main form[action$='/stap/submit/'] button[type=submit]")
    press_and_wait(page, "Enter")
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_BESPREKING
    check_page(page, "keyboard-submitted")
    page.context.close()
