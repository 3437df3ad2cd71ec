"""Inviting people through the product: the mail arrives at a real SMTP server, its link
sets the password once, and a coordinator reaches only their own network."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.audit import AccountAuditAction
from werkset.accounts.models import Invitation, Role, RoleAssignment, User
from werkset.core.models import AuditEvent
from werkset.regions.models import Organisation, RegionalNetwork

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "een-heel-lang-nieuw-wachtwoord-7"


@pytest.fixture
def coordinator_noord(make_user, noord_nederland):
    return make_user(Role.COORDINATOR, network=noord_nederland)


def invite(client, smtp_server, capture, **fields):
    data = {
        "first_name": "Anna",
        "last_name": "de Vries",
        "email": "anna@example.nl",
        "organisation": Organisation.objects.order_by("position").first().pk,
        "role": Role.RAPPORTEUR,
        "scope": "regio:friesland",
    } | fields
    with capture(execute=True):
        return client.post(reverse("invite"), data)


def link_in(smtp_server) -> str:
    match = re.search(r"https?://\S+/uitnodiging/\S+/", smtp_server.text())
    assert match, smtp_server.text()
    return match.group(0).replace("http://testserver", "")


def test_beheerder_invites_and_the_link_in_the_mail_makes_the_account(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    response = invite(client_for(beheerder), smtp_server, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert smtp_server.envelopes == [["anna@example.nl"]]
    assert smtp_server.messages[0]["Subject"] == "Uitnodiging voor werkset"
    link = link_in(smtp_server)

    page = Client().get(link)
    assert page.status_code == 200
    assert "Anna" in page.content.decode()
    done = Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302

    user = User.objects.get(email="anna@example.nl")
    assert user.is_active
    assert user.check_password(NEW_PASSWORD)
    assert user.username == "anna@example.nl"
    assert RoleAssignment.objects.filter(user=user, role=Role.RAPPORTEUR).exists()
    login = Client().post(
        reverse("login"), {"username": "anna@example.nl", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    assert AuditEvent.objects.filter(action=AccountAuditAction.INVITATION_ACCEPTED).exists()


def test_the_link_works_once(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    invite(client_for(beheerder), smtp_server, django_capture_on_commit_callbacks)
    link = link_in(smtp_server)
    Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().post(
        link, {"new_password1": "x" * 20 + "9a", "new_password2": "x" * 20 + "9a"}
    )
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert User.objects.get(email="anna@example.nl").check_password(NEW_PASSWORD)


def test_an_expired_link_changes_nothing(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    invite(client_for(beheerder), smtp_server, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().post(
        link_in(smtp_server), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(email="anna@example.nl").exists()


def test_an_unknown_link_is_not_found(db):
    response = Client().get(reverse("invitation_accept", kwargs={"token": "onzin"}))
    assert response.status_code == 404


def test_a_weak_password_is_refused_with_a_dutch_error(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    invite(client_for(beheerder), smtp_server, django_capture_on_commit_callbacks)
    response = Client().post(
        link_in(smtp_server), {"new_password1": "kort", "new_password2": "kort"}
    )
    assert response.status_code == 400
    assert "te kort" in response.content.decode()
    assert not User.objects.filter(email="anna@example.nl").exists()


def test_only_the_hash_of_the_token_is_stored(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    invite(client_for(beheerder), smtp_server, django_capture_on_commit_callbacks)
    token = link_in(smtp_server).rstrip("/").rsplit("/", 1)[1]
    stored = Invitation.objects.get()
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64


def test_an_existing_address_is_refused_on_its_field(
    beheerder, client_for, make_user, smtp_server, django_capture_on_commit_callbacks
):
    existing = make_user()
    existing.email = "anna@example.nl"
    existing.save()
    response = invite(client_for(beheerder), smtp_server, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert 'href="#id_email"' in response.content.decode()
    assert smtp_server.messages == []
    assert not Invitation.objects.exists()


def test_coordinator_invites_within_the_network(
    coordinator_noord, client_for, smtp_server, django_capture_on_commit_callbacks
):
    response = invite(
        client_for(coordinator_noord),
        smtp_server,
        django_capture_on_commit_callbacks,
        role=Role.NETWERKLID,
        scope="netwerk:noord-nederland",
    )
    assert response.status_code == 302
    assert Invitation.objects.get().network.code == "noord-nederland"


def test_coordinator_cannot_invite_outside_the_network(
    coordinator_noord, client_for, smtp_server, django_capture_on_commit_callbacks
):
    response = invite(
        client_for(coordinator_noord),
        smtp_server,
        django_capture_on_commit_callbacks,
        scope="regio:utrecht",
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_coordinator_cannot_invite_a_national_role(
    coordinator_noord, client_for, smtp_server, django_capture_on_commit_callbacks
):
    response = invite(
        client_for(coordinator_noord),
        smtp_server,
        django_capture_on_commit_callbacks,
        role=Role.BEHEERDER,
        scope="",
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_coordinator_sees_only_the_network_s_people(
    coordinator_noord, client_for, make_user, friesland, utrecht
):
    own = make_user(Role.RAPPORTEUR, region=friesland)
    other = make_user(Role.RAPPORTEUR, region=utrecht)
    client = client_for(coordinator_noord)
    page = client.get(reverse("people")).content.decode()
    assert own.last_name in page
    assert other.last_name not in page
    assert client.get(reverse("person", kwargs={"user_id": own.pk})).status_code == 200
    assert client.get(reverse("person", kwargs={"user_id": other.pk})).status_code == 404
    deactivate = reverse("person_deactivate", kwargs={"user_id": other.pk})
    assert client.post(deactivate).status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_people_pages_are_closed_to_other_roles(rapporteur_friesland, client_for):
    client = client_for(rapporteur_friesland)
    assert client.get(reverse("people")).status_code == 403
    assert client.get(reverse("invite")).status_code == 403


def test_a_second_invitation_replaces_the_open_one(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    client = client_for(beheerder)
    invite(client, smtp_server, django_capture_on_commit_callbacks)
    first = link_in(smtp_server)
    invite(client, smtp_server, django_capture_on_commit_callbacks)
    assert Client().get(first).status_code == 410
    assert Client().get(link_in(smtp_server)).status_code == 200


def test_oidc_claim_gives_the_coordinator_role(settings, make_user, noord_nederland):
    from werkset.accounts.oidc import role_claims_parse
    from werkset.accounts.services import roles_sync_from_claims

    settings.WERKSET_OIDC_ALLOWED_ROLES = ["coordinator"]
    user = make_user()
    roles_sync_from_claims(
        user=user,
        wanted=role_claims_parse(["coordinator:noord-nederland"]),
        managed_roles={"coordinator"},
    )
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.role == Role.COORDINATOR
    assert assignment.network == RegionalNetwork.objects.get(code="noord-nederland")


def test_the_invitation_lifetime_is_a_setting(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.WERKSET_INVITATION_DAYS = 3
    client = client_for(beheerder)
    assert "3 dagen lang" in client.get(reverse("invite")).content.decode()
    before = timezone.now()
    invite(client, smtp_server, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(email="anna@example.nl")
    assert timedelta(days=3) <= invitation.expires_at - before < timedelta(days=3, minutes=1)


@pytest.mark.parametrize("name", ["Pi\x01et", "Piet\tJan", "Pi\u2028et"])
def test_a_name_with_a_control_character_is_refused_and_nothing_is_sent(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks, name
):
    """The form strips and refuses only NUL; the invitation's own rule (shared with the
    file import) refuses every control character, under the field it is in."""
    response = invite(
        client_for(beheerder), smtp_server, django_capture_on_commit_callbacks, first_name=name
    )
    assert response.status_code == 400
    assert "Voornaam: " in response.content.decode()
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_the_form_s_length_limits_are_the_invitation_s_columns():
    from werkset.accounts.people_forms import InvitationForm

    for field in ("first_name", "last_name", "email"):
        column = Invitation._meta.get_field(field).max_length
        assert InvitationForm.base_fields[field].max_length == column
