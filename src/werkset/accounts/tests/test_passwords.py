"""One's own password and 'wachtwoord vergeten', with the mail at a real SMTP server."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from werkset.accounts.audit import AccountAuditAction
from werkset.accounts.models import Role
from werkset.accounts.password_views import RESET_PER_ADDRESS
from werkset.accounts.tests.factories import TEST_PASSWORD
from werkset.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "een-heel-lang-nieuw-wachtwoord-7"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def anna(make_user, friesland):
    user = make_user(Role.RAPPORTEUR, region=friesland)
    user.email = "anna@example.nl"
    user.save()
    return user


def ask_reset(email, capture, client=None):
    with capture(execute=True):
        return (client or Client()).post(reverse("password_reset"), {"email": email})


def test_the_reset_link_in_the_mail_sets_a_new_password(
    anna, smtp_server, django_capture_on_commit_callbacks
):
    response = ask_reset("anna@example.nl", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert smtp_server.envelopes == [["anna@example.nl"]]
    assert smtp_server.messages[0]["Subject"] == "Een nieuw wachtwoord voor werkset"
    link = re.search(r"http://testserver(/wachtwoord-vergeten/\S+/)", smtp_server.text()).group(1)
    client = Client()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    anna.refresh_from_db()
    assert anna.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action=AccountAuditAction.PASSWORD_RESET).exists()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    anna, smtp_server, django_capture_on_commit_callbacks
):
    known = ask_reset("anna@example.nl", django_capture_on_commit_callbacks)
    unknown = ask_reset("niemand@example.nl", django_capture_on_commit_callbacks)
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert smtp_server.envelopes == [["anna@example.nl"]]


def test_asking_too_often_sends_no_more_mail_and_says_the_same(
    anna, smtp_server, django_capture_on_commit_callbacks
):
    for _attempt in range(RESET_PER_ADDRESS + 2):
        response = ask_reset("anna@example.nl", django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert len(smtp_server.messages) == RESET_PER_ADDRESS


def test_one_client_asking_for_many_addresses_is_limited(
    anna, smtp_server, django_capture_on_commit_callbacks, settings
):
    from werkset.accounts import password_views

    for number in range(password_views.RESET_PER_CLIENT):
        ask_reset(f"iemand{number}@example.nl", django_capture_on_commit_callbacks)
    ask_reset("anna@example.nl", django_capture_on_commit_callbacks)
    assert smtp_server.messages == []


def test_an_inactive_account_gets_no_reset_mail(
    anna, smtp_server, django_capture_on_commit_callbacks
):
    anna.is_active = False
    anna.save()
    ask_reset("anna@example.nl", django_capture_on_commit_callbacks)
    assert smtp_server.messages == []


def test_a_used_reset_link_no_longer_works(anna, smtp_server, django_capture_on_commit_callbacks):
    ask_reset("anna@example.nl", django_capture_on_commit_callbacks)
    link = re.search(r"http://testserver(/wachtwoord-vergeten/\S+/)", smtp_server.text()).group(1)
    client = Client()
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = Client().get(link, follow=True)
    assert "werkt niet meer" in again.content.decode()


def test_changing_one_s_own_password(anna, client_for):
    client = client_for(anna)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        action=AccountAuditAction.PASSWORD_CHANGED, target_id=str(anna.pk)
    ).exists()
    assert client.get(reverse("my_account")).status_code == 200  # still logged in


def test_a_wrong_old_password_changes_nothing(anna, client_for):
    response = client_for(anna).post(
        reverse("password_change"),
        {"old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400
    assert 'href="#id_old_password"' in response.content.decode()
    anna.refresh_from_db()
    assert anna.check_password(TEST_PASSWORD)


def test_my_account_lists_the_roles(anna, client_for):
    page = client_for(anna).get(reverse("my_account")).content.decode()
    assert "Rapporteur (Friesland)" in page
    assert reverse("password_change") in page


def test_the_log_in_page_links_to_forgot_password(db):
    assert reverse("password_reset") in Client().get(reverse("login")).content.decode()
