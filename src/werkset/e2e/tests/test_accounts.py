"""The account pages in a real browser, with axe on every page (issue 21): forgot password,
accepting an invitation, my account and changing the password, and the beheerder's people,
a person, the invitation form (with its errors) and the file upload with its preview."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from werkset.accounts.invitations import token_hash
from werkset.accounts.models import Invitation, Role, User
from werkset.regions.models import Region

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_account_pages(browser: Browser, live_server, demo_world) -> None:
    Invitation.objects.create(
        email="nieuw@example.nl",
        first_name="Nieuw",
        last_name="Iemand",
        role=Role.RAPPORTEUR,
        region=Region.objects.get(code="friesland"),
        token_hash=token_hash("browser-uitnodiging"),
        expires_at=timezone.now() + timedelta(days=1),
    )
    page = new_page(browser, live_server.url)
    page.goto(reverse("password_reset"))
    check_page(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page)
    page.locator("#id_email").fill("iemand@example.nl")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('password_reset_done')}")
    check_page(page)

    page.goto(reverse("invitation_accept", kwargs={"token": "browser-uitnodiging"}))
    check_page(page)
    page.locator("#id_new_password1").fill("kort")
    page.locator("#id_new_password2").fill("kort")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page)
    page.locator("#id_new_password1").fill("een-lang-wachtwoord-voor-de-browser")
    page.locator("#id_new_password2").fill("een-lang-wachtwoord-voor-de-browser")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('login')}")
    assert User.objects.filter(email="nieuw@example.nl", is_active=True).exists()
    page.goto(reverse("invitation_accept", kwargs={"token": "browser-uitnodiging"}))
    check_page(page)
    page.context.close()


def test_account_pages_of_the_beheerder(browser: Browser, live_server, demo_world) -> None:
    page = new_page(browser, live_server.url)
    login(page, "beheerder")
    page.locator("a.site-header__account").click()
    expect(page.locator("#roles-title")).to_be_visible()
    check_page(page, "my-account")
    page.goto(reverse("password_change"))
    check_page(page)

    page.locator("nav.site-nav a[href='/gebruikers/']").click()
    check_page(page, "people")
    page.goto(reverse("invite"))
    check_page(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page)
    page.locator("#id_first_name").fill("Anna")
    page.locator("#id_last_name").fill("de Vries")
    page.locator("#id_email").fill("anna@example.nl")
    page.locator("#id_role").select_option("rapporteur")
    page.locator("#id_scope").select_option("regio:friesland")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("anna@example.nl")
    check_page(page)

    page.goto(reverse("invite_bulk"))
    check_page(page)
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "mensen.csv",
                "mimeType": "text/csv",
                "buffer": (
                    b"voornaam;achternaam;e-mail;organisatie;rol;regio-of-netwerk\n"
                    b"Bram;Jansen;bram@example.nl;;netwerklid;noord-nederland\n"
                    b"Cor;Bakker;cor@example.nl;;rapporteur;atlantis\n"
                ),
            }
        ]
    )
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page, "invite-bulk-preview")

    rapporteur = User.objects.get(username="rapporteur")
    page.goto(reverse("person", kwargs={"user_id": rapporteur.pk}))
    check_page(page, "person")
    page.context.close()
