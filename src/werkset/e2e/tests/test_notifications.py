"""The notifications in a real browser, with axe: the start page's to-do list, the count in
the header, the notifications page (marking read) and the preferences."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.accounts.models import User
from werkset.demo.services import demo_reports_create
from werkset.notifications import kinds
from werkset.notifications.services import notify

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_notification_pages(browser: Browser, live_server, demo_world) -> None:
    demo_reports_create()
    member = User.objects.get(username="netwerklid")
    for unit in ("Friesland", "Groningen"):
        notify(
            kind=kinds.REPORT_SUBMITTED,
            recipients=[member],
            values={"unit": unit, "period": "2025"},
            url=reverse("home"),
        )

    page = new_page(browser, live_server.url)
    login(page, "netwerklid")
    expect(page.locator("#todo-title")).to_be_visible()
    check_page(page, "home-todo")

    page.locator("a.site-header__notifications").click()
    expect(page.locator("main")).to_contain_text("Groningen over 2025")
    check_page(page, "notifications")
    # The demo's own events told the member of its reports too.
    unread = page.locator("main .notification--unread").count()
    assert unread >= 2
    page.locator("main form.notification__read button").first.click()
    expect(page.locator("main .notification--unread")).to_have_count(unread - 1)
    page.locator("main form[action$='/alles-gelezen/'] button").click()
    expect(page.locator("main .notification--unread")).to_have_count(0)
    check_page(page)

    page.goto(reverse("notifications:preferences"))
    check_page(page, "notification-preferences")
    page.locator("#id_mail_comment_added").uncheck()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_mail_comment_added")).not_to_be_checked()
    check_page(page)
    page.context.close()
