"""Giving and revoking roles on the person page, and withdrawing an open invitation: the
beheerder any role, a coordinator the network's roles for the network's people only;
audited, and nothing changed on a refusal."""

import secrets
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.audit import AccountAuditAction
from werkset.accounts.invitations import token_hash
from werkset.accounts.models import Invitation, Role, RoleAssignment
from werkset.accounts.services import role_assign
from werkset.core.models import AuditAction, AuditEvent
from werkset.regions.models import RegionalNetwork

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_noord(make_user, noord_nederland):
    return make_user(Role.COORDINATOR, network=noord_nederland)


def add_url(user):
    return reverse("person_role_add", kwargs={"user_id": user.pk})


def revoke_url(assignment):
    return reverse(
        "person_role_revoke", kwargs={"user_id": assignment.user_id, "assignment_id": assignment.pk}
    )


def roles_of(user):
    return set(RoleAssignment.objects.filter(user=user).values_list("role", "network__code"))


def test_the_person_page_lists_roles_with_revoke_and_the_add_form(
    beheerder, client_for, rapporteur_friesland
):
    page = client_for(beheerder).get(reverse("person", kwargs={"user_id": rapporteur_friesland.pk}))
    content = page.content.decode()
    assert revoke_url(rapporteur_friesland.role_assignments.get()) in content
    assert add_url(rapporteur_friesland) in content
    assert "Rol toevoegen" in content


def test_beheerder_adds_a_national_role_audited(beheerder, client_for, rapporteur_friesland):
    response = client_for(beheerder).post(
        add_url(rapporteur_friesland), {"role": Role.LANDELIJK, "scope": ""}
    )
    assert response.status_code == 302
    assert (Role.LANDELIJK, None) in roles_of(rapporteur_friesland)
    event = AuditEvent.objects.get(
        action=AuditAction.ROLE_ASSIGNED, target_id=str(rapporteur_friesland.pk), actor=beheerder
    )
    assert event.detail["role"] == Role.LANDELIJK


def test_beheerder_revokes_after_a_confirmation_audited(
    beheerder, client_for, rapporteur_friesland
):
    client = client_for(beheerder)
    assignment = rapporteur_friesland.role_assignments.get()
    confirmation = client.get(revoke_url(assignment))
    assert confirmation.status_code == 200
    assert "Rol intrekken" in confirmation.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert client.post(revoke_url(assignment)).status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.ROLE_REVOKED, target_id=str(rapporteur_friesland.pk), actor=beheerder
    ).exists()


def test_an_invalid_scope_gives_a_dutch_error_and_changes_nothing(
    beheerder, client_for, rapporteur_friesland
):
    response = client_for(beheerder).post(
        add_url(rapporteur_friesland), {"role": Role.NETWERKLID, "scope": "regio:friesland"}
    )
    assert response.status_code == 400
    assert "kies een netwerk" in response.content.decode().lower()
    assert roles_of(rapporteur_friesland) == {(Role.RAPPORTEUR, None)}
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_ASSIGNED, actor=beheerder).exists()


def test_a_role_needing_the_second_step_asks_for_it_at_the_next_request(
    beheerder, client_for, rapporteur_friesland
):
    their_session = Client()
    their_session.force_login(rapporteur_friesland)
    assert their_session.get(reverse("my_account")).status_code == 200
    client_for(beheerder).post(add_url(rapporteur_friesland), {"role": Role.LANDELIJK})
    response = their_session.get(reverse("my_account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_coordinator_adds_a_netwerklid_in_their_network(
    coordinator_noord, client_for, rapporteur_friesland
):
    response = client_for(coordinator_noord).post(
        add_url(rapporteur_friesland), {"role": Role.NETWERKLID, "scope": "netwerk:noord-nederland"}
    )
    assert response.status_code == 302
    assert (Role.NETWERKLID, "noord-nederland") in roles_of(rapporteur_friesland)


def test_coordinator_cannot_give_a_role_in_another_network(
    coordinator_noord, client_for, rapporteur_friesland
):
    response = client_for(coordinator_noord).post(
        add_url(rapporteur_friesland), {"role": Role.NETWERKLID, "scope": "netwerk:oost-nederland"}
    )
    assert response.status_code == 403
    assert roles_of(rapporteur_friesland) == {(Role.RAPPORTEUR, None)}


@pytest.mark.parametrize("role", [Role.LANDELIJK, Role.BEHEERDER, Role.COORDINATOR])
def test_coordinator_cannot_give_a_national_or_coordinating_role(
    coordinator_noord, client_for, rapporteur_friesland, role
):
    scope = "netwerk:noord-nederland" if role == Role.COORDINATOR else ""
    response = client_for(coordinator_noord).post(
        add_url(rapporteur_friesland), {"role": role, "scope": scope}
    )
    assert response.status_code == 403
    assert roles_of(rapporteur_friesland) == {(Role.RAPPORTEUR, None)}


def test_coordinator_cannot_change_their_own_roles(coordinator_noord, client_for):
    client = client_for(coordinator_noord)
    response = client.post(
        add_url(coordinator_noord), {"role": Role.NETWERKLID, "scope": "netwerk:noord-nederland"}
    )
    assert response.status_code in (403, 404)
    assignment = coordinator_noord.role_assignments.get()
    assert client.post(revoke_url(assignment)).status_code in (403, 404)
    assert roles_of(coordinator_noord) == {(Role.COORDINATOR, "noord-nederland")}


def test_coordinator_cannot_revoke_for_someone_of_another_network(
    coordinator_noord, client_for, netwerklid_oost
):
    assignment = netwerklid_oost.role_assignments.get()
    assert client_for(coordinator_noord).post(revoke_url(assignment)).status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_coordinator_cannot_touch_someone_with_a_national_role_too(
    coordinator_noord, client_for, rapporteur_friesland
):
    role_assign(user=rapporteur_friesland, role=Role.LANDELIJK, assigned_by=None)
    assignment = rapporteur_friesland.role_assignments.get(role=Role.RAPPORTEUR)
    assert client_for(coordinator_noord).post(revoke_url(assignment)).status_code == 403
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_nobody_revokes_their_own_beheerder_role(beheerder, client_for):
    assignment = beheerder.role_assignments.get()
    assert client_for(beheerder).post(revoke_url(assignment)).status_code == 403
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def open_invitation(inviter, network):
    return Invitation.objects.create(
        email=f"{secrets.token_hex(4)}@example.nl",
        first_name="Anna",
        last_name="de Vries",
        role=Role.NETWERKLID,
        network=network,
        token_hash=token_hash("de-link"),
        expires_at=timezone.now() + timedelta(days=7),
        invited_by=inviter,
    )


def withdraw_url(invitation):
    return reverse("invitation_withdraw", kwargs={"invitation_id": invitation.pk})


def test_a_withdrawn_invitation_s_link_answers_as_an_expired_one(
    coordinator_noord, client_for, noord_nederland
):
    invitation = open_invitation(coordinator_noord, noord_nederland)
    people = client_for(coordinator_noord).get(reverse("people"))
    assert withdraw_url(invitation) in people.content.decode()
    assert client_for(coordinator_noord).post(withdraw_url(invitation)).status_code == 302
    link = Client().get(reverse("invitation_accept", kwargs={"token": "de-link"}))
    assert link.status_code == 410
    assert "verlopen" in link.content.decode()
    assert AuditEvent.objects.filter(
        action=AccountAuditAction.INVITATION_WITHDRAWN, actor=coordinator_noord
    ).exists()


def test_coordinator_cannot_withdraw_another_network_s_invitation(
    coordinator_noord, client_for, beheerder, regions
):
    oost = RegionalNetwork.objects.get(code="oost-nederland")
    invitation = open_invitation(beheerder, oost)
    assert client_for(coordinator_noord).post(withdraw_url(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now()


def test_two_beheerders_cannot_revoke_each_other(beheerder, client_for, make_user):
    """Nobody revokes their own role (the policy); two beheerders who revoke each other's at
    the same moment: the second is refused (as if it arrived after the first took effect),
    with a Dutch message and nothing changed, so one beheerder always remains."""
    from django.core.exceptions import ValidationError

    from werkset.accounts.services import role_revoke

    other = make_user(Role.BEHEERDER)
    theirs = other.role_assignments.get(role=Role.BEHEERDER)
    mine = beheerder.role_assignments.get(role=Role.BEHEERDER)
    assert client_for(beheerder).post(revoke_url(theirs)).status_code == 302
    assert not RoleAssignment.objects.filter(pk=theirs.pk).exists()
    with pytest.raises(ValidationError, match="de laatste actieve beheerder"):
        # the other's request, past the policy's check before the first took effect
        role_revoke(assignment=mine, revoked_by=other)
    assert RoleAssignment.objects.filter(pk=mine.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_REVOKED).count() == 1


def test_single_sign_on_leaves_the_last_beheerder_their_role(beheerder):
    from werkset.accounts.services import roles_sync_from_claims

    roles_sync_from_claims(user=beheerder, wanted=set())
    assert beheerder.role_assignments.filter(role=Role.BEHEERDER).exists()


def test_two_beheerders_cannot_deactivate_each_other(beheerder, client_for, make_user):
    """The second of two crossing deactivations is refused: one active beheerder remains."""
    from django.core.exceptions import ValidationError

    from werkset.accounts.people import user_deactivate

    other = make_user(Role.BEHEERDER)
    response = client_for(beheerder).post(reverse("person_deactivate", args=[other.pk]))
    assert response.status_code == 302
    with pytest.raises(ValidationError, match="de laatste actieve beheerder"):
        user_deactivate(user=beheerder, deactivated_by=other)
    beheerder.refresh_from_db()
    assert beheerder.is_active
