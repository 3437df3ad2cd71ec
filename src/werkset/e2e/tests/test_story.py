"""The network's story in a real browser, with axe on every page (issue 18): the story page
as its rapporteur (form) and as a network member (read), an own section's form and its
errors, the theme page with an own paragraph and an item placed in the text, and the
practice item's form with its image."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.demo.services import demo_reports_create
from werkset.reports.models import PracticeItem, ReportSection, SectionText

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_story_pages(browser: Browser, live_server, demo_world) -> None:
    _finalised, current = demo_reports_create()
    theme = current.catalogue_version.themes.get(key="acuut")
    element = theme.elements.get(key="waarde")
    SectionText.objects.update_or_create(
        report=current,
        theme=theme,
        element=element,
        defaults={"text": "Eerste alinea (fictief).\n\nTweede alinea (fictief)."},
    )
    item = PracticeItem.objects.create(
        report=current,
        theme=theme,
        element=element,
        kind="interview",
        title="Interview (fictief)",
        text="Tekst.",
        paragraph=1,
    )

    page = new_page(browser, live_server.url)
    login(page, "rapporteur")
    page.goto(reverse("reports:detail", args=[current.pk]))
    page.locator(f"a[href='{reverse('reports:story', args=[current.pk])}']").first.click()
    check_page(page, "report-story")
    page.locator("textarea[name=introduction]").fill("Onze inleiding (fictief).")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.locator(".messages")).to_be_visible()

    # An own paragraph: first without a title (the error summary), then with one.
    page.goto(reverse("reports:section_add", args=[current.pk]))
    check_page(page, "own-section-form")
    page.locator("select[name=place]").select_option(f"paragraaf:{theme.pk}:{element.pk}")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page, "own-section-form-error")
    page.locator("input[name=title]").fill("Ex-partner stalking (fictief)")
    page.locator("textarea[name=text]").fill("Over de kenniskring (fictief).")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert ReportSection.objects.filter(report=current).count() == 1
    check_page(page, "report-story-with-section")

    page.goto(reverse("reports:theme", args=[current.pk, "acuut"]))
    expect(page.locator("main")).to_contain_text("Ex-partner stalking (fictief)")
    check_page(page, "report-theme-story")
    page.goto(reverse("reports:item_edit", args=[current.pk, "acuut", "praktijk", item.pk]))
    check_page(page, "practice-item-form")

    member = new_page(browser, live_server.url)
    login(member, "netwerklid")
    member.goto(reverse("reports:story", args=[current.pk]))
    expect(member.locator("main")).to_contain_text("Onze inleiding (fictief).")
    check_page(member, "report-story-reader")
    member.goto(reverse("reports:theme", args=[current.pk, "acuut"]))
    expect(member.locator("main")).to_contain_text("Uit de praktijk 2.1")
    check_page(member, "report-theme-story-reader")
