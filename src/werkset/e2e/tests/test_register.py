"""The Actieoverleg register in a real browser, with axe on every page (issue 24): the
members' start page with overdue actions, the register's index and region pages, the
meeting form (with the privacy guard's refusal), a meeting with its cases and actions, the
national figures page, and the proposals on the report's Actieoverleg theme page."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from werkset.demo.services import demo_reports_create
from werkset.register.demo import register_demo_create
from werkset.register.models import Meeting
from werkset.reports.models import Report

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_pages(browser: Browser, live_server, demo_world) -> None:
    demo_reports_create()
    register_demo_create()
    meeting = Meeting.objects.filter(region__code="friesland").first()
    assert meeting is not None

    page = new_page(browser, live_server.url)
    login(page, "netwerklid")
    expect(page.locator("#register-overdue")).to_be_visible()
    check_page(page, "register-home")
    page.goto(reverse("register:index"))
    check_page(page, "register-index")
    page.goto(reverse("register:region", args=["friesland"]) + f"?jaar={meeting.held_on.year}")
    check_page(page, "register-region")
    page.goto(reverse("register:meeting", args=[meeting.pk]))
    check_page(page, "register-meeting")

    # A note with a phone number is refused, and nothing is saved.
    page.goto(reverse("register:meeting_add", args=["friesland"]))
    check_page(page, "register-meeting-form")
    page.locator("#id_held_on").fill(timezone.localdate().isoformat())
    page.locator("input[name=form][value=hybride]").check()
    page.locator("#id_note").fill("Moeder is bereikbaar op 06-12345678 na vijf uur.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator(".error-summary")).to_contain_text("niet opgeslagen")
    check_page(page, "register-meeting-form-refused")
    page.locator("#id_note").fill("Werkwijze besproken.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#case-add-title")).to_be_visible()
    page.locator("#id_casus-days_to_discussion").fill("4")
    page.locator("main form[action$='/casus/'] button[type=submit]").click()
    page.wait_for_load_state("load")
    check_page(page, "register-meeting-with-case")
    page.context.close()

    # The national role: the figures only.
    page = new_page(browser, live_server.url)
    login(page, "landelijk")
    page.goto(reverse("register:region", args=["friesland"]) + f"?jaar={meeting.held_on.year}")
    expect(page.locator("#meetings-title")).to_have_count(0)
    check_page(page, "register-region-national")
    page.context.close()

    # The report of the register's year proposes the Uitvoeringsinspanningen.
    report = Report.objects.filter(
        region__code="friesland", period=str(meeting.held_on.year)
    ).first()
    if report is not None and report.status in ("concept", "ter_bespreking"):
        page = new_page(browser, live_server.url)
        login(page, "rapporteur")
        page.goto(reverse("reports:theme", args=[report.pk, "actieoverleg"]))
        expect(page.locator("#register-voorstel")).to_be_visible()
        check_page(page, "register-theme-proposals")
        page.context.close()
