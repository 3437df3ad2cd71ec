"""The improvement cycle and peer audits in a real browser, with axe on every page: the
network's overview, a theme, the SWOT, an improvement point (plan, do, check, act), the
form with its errors, and a peer audit seen by the audited network and by the auditors."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.demo.services import demo_reports_create
from werkset.improvement.demo import improvement_demo_create
from werkset.improvement.models import ImprovementPoint, PeerAudit, SwotEntry
from werkset.improvement.states import PointStatus

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_improvement_cycle_pages(browser: Browser, live_server, demo_world) -> None:
    demo_reports_create()
    improvement_demo_create()
    audit = PeerAudit.objects.get()
    evaluated = ImprovementPoint.objects.get(status=PointStatus.GEEVALUEERD)

    page = new_page(browser, live_server.url)
    login(page, "netwerklid")
    # The start page shows the member's overdue point.
    expect(page.locator("#improvement-title")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Deelnemers komen met mandaat")
    check_page(page, "improvement-home")

    page.locator("nav.site-nav a[href='/verbeteren/']").click()
    check_page(page, "improvement-index")
    page.locator("main a[href='/verbeteren/netwerk/noord-nederland/']").click()
    expect(page.locator("#overdue-title")).to_be_visible()
    check_page(page, "improvement-network")
    page.goto(reverse("improvement:theme", args=["noord-nederland", "actieoverleg"]))
    check_page(page, "improvement-theme")
    page.goto(reverse("improvement:swot", args=["noord-nederland", "actieoverleg"]))
    check_page(page, "improvement-swot")

    # Check and act on the evaluated point.
    page.goto(reverse("improvement:point", args=[evaluated.pk]))
    check_page(page, "improvement-point")
    page.locator("#besluiten button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#besluiten .error-summary")).to_be_visible()
    check_page(page, "improvement-point-error")
    page.locator("#besluiten input[name=besluit-decision][value=borgen]").check()
    page.locator("#besluiten textarea[name=besluit-note]").fill("Opgenomen in de werkafspraken.")
    page.locator("#besluiten button[type=submit]").click()
    page.wait_for_load_state("load")
    evaluated.refresh_from_db()
    assert evaluated.status == PointStatus.GEBORGD

    # From the SWOT of another theme to an improvement point.
    page.goto(reverse("improvement:swot", args=["noord-nederland", "acuut"]))
    page.locator("textarea[name=kans-text]").fill("Samen oefenen met de crisisdienst (fictief).")
    page.locator("#swot-kans button[type=submit]").click()
    page.wait_for_load_state("load")
    entry = SwotEntry.objects.get(theme__key="acuut")
    page.locator(f"a[href$='?swot={entry.pk}']").click()
    check_page(page, "improvement-point-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page, "improvement-point-form-error")
    page.locator("#id_target_date").fill("2099-06-30")
    page.locator("#id_indicator").select_option(index=1)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    point = ImprovementPoint.objects.get(swot_entry=entry)
    expect(page).to_have_url(f"{live_server.url}/verbeteren/verbeterpunt/{point.pk}/")

    # The peer audit as the audited network sees it, and on the report's overview.
    page.goto(reverse("improvement:audit", args=[audit.pk]))
    check_page(page, "improvement-audit")
    page.goto(reverse("reports:detail", args=[audit.report_id]))
    expect(page.locator("#peer-audits-title")).to_be_visible()
    check_page(page, "report-with-peer-audit")
    page.goto(reverse("improvement:audit_invite", args=["noord-nederland"]))
    check_page(page, "improvement-audit-invite")
    page.context.close()

    # The auditors: the audit, the report, and nothing of the audited network's cycle.
    auditor = new_page(browser, live_server.url)
    login(auditor, "netwerklid-oost")
    auditor.goto(reverse("improvement:audit", args=[audit.pk]))
    check_page(auditor, "improvement-audit-auditor")
    response = auditor.goto(reverse("improvement:network", args=["noord-nederland"]))
    assert response is not None
    assert response.status == 404
    auditor.context.close()
