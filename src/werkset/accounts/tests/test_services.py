import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from werkset.accounts.models import Role, RoleAssignment
from werkset.accounts.services import role_assign, role_revoke
from werkset.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_rapporteur_van_regio_en_netwerk_tegelijk_wordt_geweigerd_in_het_nederlands(
    make_user, noord_nederland, friesland
):
    user = make_user()
    with pytest.raises(ValidationError) as caught:
        role_assign(
            user=user,
            role=Role.RAPPORTEUR,
            region=friesland,
            network=noord_nederland,
            assigned_by=None,
        )
    assert "kies een regio of een netwerk" in caught.value.messages[0]
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_rapporteur_van_een_netwerk_mag(make_user, noord_nederland):
    user = make_user()
    role_assign(user=user, role=Role.RAPPORTEUR, network=noord_nederland, assigned_by=None)
    assert RoleAssignment.objects.get(user=user).network == noord_nederland


def test_landelijke_rol_heeft_geen_regio(make_user, friesland):
    with pytest.raises(ValidationError, match="landelijk"):
        role_assign(user=make_user(), role=Role.LANDELIJK, region=friesland, assigned_by=None)


def test_dezelfde_rol_twee_keer_wordt_geweigerd(rapporteur_friesland, friesland):
    with pytest.raises(ValidationError, match="heeft deze rol al"):
        role_assign(
            user=rapporteur_friesland, role=Role.RAPPORTEUR, region=friesland, assigned_by=None
        )


def test_de_database_bewaakt_de_scope_ook(make_user, friesland):
    user = make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.LANDELIJK, region=friesland)


def test_rol_toekennen_en_intrekken_wordt_gelogd_met_wie(make_user, beheerder, friesland):
    user = make_user()
    assignment = role_assign(
        user=user, role=Role.RAPPORTEUR, region=friesland, assigned_by=beheerder
    )
    role_revoke(assignment=assignment, revoked_by=beheerder)

    events = AuditEvent.objects.filter(target_id=str(user.pk)).order_by("id")
    assert [e.action for e in events] == [AuditAction.ROLE_ASSIGNED, AuditAction.ROLE_REVOKED]
    assert {e.actor_name for e in events} == {beheerder.username}
    assert events[0].detail == {"role": "rapporteur", "region": "friesland", "network": None}


def test_beheerder_krijgt_en_verliest_de_beheerschermen(make_user, beheerder):
    user = make_user()
    assignment = role_assign(user=user, role=Role.BEHEERDER, assigned_by=None)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (True, True)
    role_revoke(assignment=assignment, revoked_by=None)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (False, False)
