"""Deactivating, reactivating and resetting the second step in the product, audited; and
what a coordinator may not touch."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkset.accounts.audit import AccountAuditAction
from werkset.accounts.models import Role
from werkset.accounts.services import role_assign, totp_key_new
from werkset.accounts.tests.factories import TEST_PASSWORD
from werkset.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_noord(make_user, noord_nederland):
    return make_user(Role.COORDINATOR, network=noord_nederland)


def url(name, user):
    return reverse(name, kwargs={"user_id": user.pk})


def test_a_deactivated_account_cannot_log_in_and_is_audited(
    beheerder, client_for, rapporteur_friesland
):
    response = client_for(beheerder).post(url("person_deactivate", rapporteur_friesland))
    assert response.status_code == 302
    rapporteur_friesland.refresh_from_db()
    assert not rapporteur_friesland.is_active
    login = Client().post(
        reverse("login"),
        {"username": rapporteur_friesland.username, "password": TEST_PASSWORD},
    )
    assert login.status_code == 200  # the form again, not logged in
    assert AuditEvent.objects.filter(
        action=AccountAuditAction.USER_DEACTIVATED, target_id=str(rapporteur_friesland.pk)
    ).exists()


def test_a_deactivated_account_s_session_ends(beheerder, client_for, rapporteur_friesland):
    their_session = client_for(rapporteur_friesland)
    client_for(beheerder).post(url("person_deactivate", rapporteur_friesland))
    assert their_session.get(reverse("my_account")).status_code == 302


def test_reactivating_gives_the_account_back(beheerder, client_for, rapporteur_friesland):
    client = client_for(beheerder)
    client.post(url("person_deactivate", rapporteur_friesland))
    client.post(url("person_reactivate", rapporteur_friesland))
    rapporteur_friesland.refresh_from_db()
    assert rapporteur_friesland.is_active
    assert AuditEvent.objects.filter(action=AccountAuditAction.USER_REACTIVATED).exists()


def test_coordinator_deactivates_someone_of_the_network(
    coordinator_noord, client_for, rapporteur_friesland
):
    client_for(coordinator_noord).post(url("person_deactivate", rapporteur_friesland))
    rapporteur_friesland.refresh_from_db()
    assert not rapporteur_friesland.is_active


def test_coordinator_cannot_touch_someone_with_a_national_role_too(
    coordinator_noord, client_for, rapporteur_friesland
):
    role_assign(user=rapporteur_friesland, role=Role.LANDELIJK, assigned_by=None)
    client = client_for(coordinator_noord)
    page = client.get(url("person", rapporteur_friesland))
    assert page.status_code == 200  # in the network, so visible
    assert url("person_deactivate", rapporteur_friesland) not in page.content.decode()
    assert client.post(url("person_deactivate", rapporteur_friesland)).status_code == 403
    rapporteur_friesland.refresh_from_db()
    assert rapporteur_friesland.is_active


def test_nobody_deactivates_themselves_here(beheerder, client_for):
    assert client_for(beheerder).post(url("person_deactivate", beheerder)).status_code == 403


def test_resetting_the_second_step_removes_the_devices_and_is_audited(
    coordinator_noord, client_for, rapporteur_friesland
):
    TOTPDevice.objects.create(
        user=rapporteur_friesland, name="werkset", key=totp_key_new(), confirmed=True
    )
    StaticDevice.objects.create(user=rapporteur_friesland, name="codes", confirmed=True)
    response = client_for(coordinator_noord).post(
        url("person_two_factor_reset", rapporteur_friesland)
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=rapporteur_friesland).exists()
    assert not StaticDevice.objects.filter(user=rapporteur_friesland).exists()
    event = AuditEvent.objects.get(action=AccountAuditAction.TWO_FACTOR_RESET)
    assert event.actor == coordinator_noord


def test_the_coordinator_role_requires_the_second_step(coordinator_noord):
    from werkset.accounts.selectors import two_factor_required

    assert two_factor_required(user=coordinator_noord)


def test_a_pure_coordinator_does_not_compare(coordinator_noord, client_for):
    assert client_for(coordinator_noord).get(reverse("comparison:index")).status_code == 403
