"""Issue 21 in a real browser, with the mail read from a real SMTP server (aiosmtpd): the
beheerder invites a network coordinator; the coordinator sets a password through the mailed
link and invites a rapporteur and a network member with a file; they set their passwords
the same way; the rapporteur's submission mails the network's members; the member follows
the mailed link and the start page lists the report. axe on every page it passes."""

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from werkset.accounts.models import Role, RoleAssignment
from werkset.core.mail_testing import SMTPRecorder
from werkset.reports.models import Report, ReportStatus

from ..browser import check_page, login, new_page
from ..steps import transition

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-lang-wachtwoord-voor-de-browser"  # fictitious test accounts
COORDINATOR = "coordinator-nn@example.nl"
RAPPORTEUR = "rita.rapporteur@example.nl"
MEMBER = "niek.netwerklid@example.nl"
PEOPLE_FILE = (
    "voornaam;achternaam;e-mail;organisatie;rol;regio-of-netwerk\n"
    f"Rita;Rapporteur;{RAPPORTEUR};;rapporteur;groningen\n"
    f"Niek;Netwerklid;{MEMBER};;netwerklid;noord-nederland\n"
).encode()


def mail_to(smtp: SMTPRecorder, address: str, *, wait: float = 30.0) -> str:
    """The text of the latest mail to `address`, waiting for it: mails leave after the
    commit, so a little after the page that caused them."""
    deadline = time.monotonic() + wait
    while True:
        for index in reversed(range(len(smtp.messages))):
            if address in smtp.envelopes[index]:
                return smtp.text(index)
        if time.monotonic() > deadline:
            raise AssertionError(f"no mail to {address}; mails to {smtp.envelopes}")
        time.sleep(0.2)


def link_in(text: str, base_url: str) -> str:
    found = re.search(re.escape(base_url) + r"/\S+", text)
    assert found, text
    return found.group(0)


def password_set_through(page: Page, link: str) -> None:
    """Accept an invitation: the mailed link, a new password twice, then the log-in page."""
    page.goto(link)
    check_page(page)
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("login")) + "$"))


def test_an_invited_network_works_and_hears_by_mail(
    browser: Browser, live_server, demo_world, smtp_server: SMTPRecorder, settings
) -> None:
    settings.WERKSET_BASE_URL = live_server.url

    # The beheerder invites the network's coordinator.
    admin = new_page(browser, live_server.url)
    login(admin, "beheerder")
    admin.locator("nav.site-nav a[href='/gebruikers/']").click()
    admin.goto(reverse("invite"))
    admin.locator("#id_first_name").fill("Cora")
    admin.locator("#id_last_name").fill("Coördinator")
    admin.locator("#id_email").fill(COORDINATOR)
    admin.locator("#id_role").select_option(Role.COORDINATOR.value)
    admin.locator("#id_scope").select_option("netwerk:noord-nederland")
    admin.locator("main form button[type=submit]").click()
    expect(admin.locator("main")).to_contain_text(COORDINATOR)
    admin.context.close()

    # The coordinator sets a password through the mailed link, connects an authenticator
    # app at the first log-in (the role manages accounts) and invites two people by file.
    coordinator = new_page(browser, live_server.url)
    password_set_through(coordinator, link_in(mail_to(smtp_server, COORDINATOR), live_server.url))
    assert RoleAssignment.objects.filter(
        user__email=COORDINATOR, role=Role.COORDINATOR, network__code="noord-nederland"
    ).exists()
    login(coordinator, COORDINATOR, PASSWORD)
    coordinator.locator("nav.site-nav a[href='/gebruikers/']").click()
    check_page(coordinator, "people-coordinator")
    coordinator.goto(reverse("invite_bulk"))
    coordinator.locator("#id_file").set_input_files(
        files=[{"name": "mensen.csv", "mimeType": "text/csv", "buffer": PEOPLE_FILE}]
    )
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_load_state("load")
    expect(coordinator.locator("main")).to_contain_text(RAPPORTEUR)
    check_page(coordinator, "invite-bulk-preview-ok")
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_load_state("load")
    check_page(coordinator)
    coordinator.context.close()

    # Both set their passwords through their own mailed links.
    for address in (RAPPORTEUR, MEMBER):
        person = new_page(browser, live_server.url)
        password_set_through(person, link_in(mail_to(smtp_server, address), live_server.url))
        person.context.close()
    assert RoleAssignment.objects.get(user__email=RAPPORTEUR).region.code == "groningen"
    assert RoleAssignment.objects.get(user__email=MEMBER).network.code == "noord-nederland"

    # The rapporteur starts Groningen's report in the open round and submits it.
    writer = new_page(browser, live_server.url)
    login(writer, RAPPORTEUR, PASSWORD)
    writer.goto(reverse("region_workspace", args=["groningen"]))
    writer.locator("#id_period").select_option("2026")
    writer.locator("section[aria-labelledby=start-title] button[type=submit]").click()
    writer.wait_for_load_state("load")
    report = Report.objects.get(region__code="groningen", period="2026")
    transition(writer, report, "submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_BESPREKING
    writer.context.close()

    # The network's member hears of it by mail, follows the link, and finds the report on
    # the start page.
    text = mail_to(smtp_server, MEMBER)
    assert "Groningen" in text
    assert "2026" in text
    link = link_in(text, live_server.url)
    member = new_page(browser, live_server.url)
    login(member, MEMBER, PASSWORD)
    member.goto(link)
    expect(member).to_have_url(re.compile(re.escape(reverse("reports:detail", args=[report.pk]))))
    member.goto(reverse("home"))
    waiting = member.locator("section.todo li").filter(has_text="Groningen")
    expect(waiting).to_contain_text("2026")
    expect(
        waiting.locator(f"a[href='{reverse('reports:detail', args=[report.pk])}']")
    ).to_be_visible()
    check_page(member, "home-member-invited")
    member.context.close()
