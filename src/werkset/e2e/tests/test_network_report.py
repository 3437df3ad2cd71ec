"""A regional network's own report in a real browser (issue 18): started by the network's
rapporteur, answered for the network and for one region by keyboard, read by a network
member; axe on every page it passes."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.reports.models import Answer, Report

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "acuut.ontwikkel.voorlichting-politie"


def test_network_report_with_an_answer_per_region(browser: Browser, live_server, demo_world):
    page = new_page(browser, live_server.url)
    login(page, "rapporteur-netwerk")
    page.goto(reverse("network_workspace", args=["noord-nederland"]))
    check_page(page, "network-workspace")
    page.locator("#id_period").select_option("2024")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    report = Report.objects.get(region__isnull=True)
    answer = Answer.objects.get(report=report, indicator__key=KEY)

    page.goto(reverse("reports:theme", args=[report.pk, "acuut"]))
    form = page.locator(f"#antwoord-{answer.pk}")
    form.locator("input[name=choice][value=ja]").check()
    form.locator("[name=explanation]").fill("Voor het hele netwerk (fictief).")
    # The regions' own answers open by keyboard.
    form.locator("details.answer__regions > summary").focus()
    page.keyboard.press("Enter")
    check_page(page, "network-report-theme")
    form.locator("[name=regio-drenthe-explanation]").fill("In Drenthe anders (fictief).")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    answer.refresh_from_db()
    assert answer.explanation == "Voor het hele netwerk (fictief)."
    assert answer.regional["drenthe"]["explanation"] == "In Drenthe anders (fictief)."
    page.context.close()

    member = new_page(browser, live_server.url)
    login(member, "netwerklid")
    member.goto(reverse("reports:theme", args=[report.pk, "acuut"]))
    expect(member.locator(f"#antwoord-{answer.pk}")).to_contain_text("In Drenthe anders")
    check_page(member, "network-report-theme-member")
    member.context.close()
