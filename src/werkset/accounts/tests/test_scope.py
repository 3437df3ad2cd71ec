"""Role scoping: who may see a region's work in progress, and who may write it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from werkset.accounts.models import Role, User
from werkset.accounts.scope import network_people, scope_for_user
from werkset.regions.models import Region

pytestmark = pytest.mark.django_db


def test_rapporteur_schrijft_alleen_voor_de_eigen_regio(rapporteur_friesland, friesland, utrecht):
    scope = scope_for_user(rapporteur_friesland)
    assert scope.can_write_region(friesland)
    assert not scope.can_write_region(utrecht)
    assert scope.can_view_region_in_progress(friesland)
    assert not scope.can_view_region_in_progress(utrecht)


def test_rapporteur_ziet_niet_het_werk_van_andere_regios_in_het_netwerk(rapporteur_friesland):
    groningen = Region.objects.get(code="groningen")
    assert not scope_for_user(rapporteur_friesland).can_view_region_in_progress(groningen)


def test_netwerklid_ziet_alle_regios_van_het_eigen_netwerk(netwerklid_noord, utrecht):
    scope = scope_for_user(netwerklid_noord)
    visible = set(
        Region.objects.filter(pk__in=scope.full_view_region_ids).values_list("code", flat=True)
    )
    assert visible == {"groningen", "friesland", "drenthe"}
    assert not scope.can_view_region_in_progress(utrecht)
    assert not scope.writable_region_ids


def test_landelijk_ziet_geen_werk_in_uitvoering(landelijk, friesland):
    scope = scope_for_user(landelijk)
    assert scope.is_national
    assert not scope.can_view_region_in_progress(friesland)
    assert scope.can_read_catalogue


def test_beheerder_leest_geen_inhoud_van_regios(beheerder, friesland):
    scope = scope_for_user(beheerder)
    assert scope.is_administrator
    assert not scope.can_view_region_in_progress(friesland)


def test_superuser_zonder_rol_krijgt_geen_inhoud(make_user, friesland):
    user = make_user()
    user.is_superuser = True
    user.save()
    assert not scope_for_user(user).can_view_region_in_progress(friesland)


def test_gedeactiveerde_gebruiker_heeft_geen_scope(rapporteur_friesland, friesland):
    rapporteur_friesland.is_active = False
    rapporteur_friesland.save()
    assert not scope_for_user(rapporteur_friesland).roles


def test_anoniem_heeft_geen_scope(regions):
    assert not scope_for_user(AnonymousUser()).roles


def test_meerdere_rollen_tellen_op(make_user, friesland, utrecht):
    from werkset.accounts.services import role_assign

    user = make_user(Role.RAPPORTEUR, region=friesland)
    role_assign(user=user, role=Role.RAPPORTEUR, region=utrecht, assigned_by=None)
    scope = scope_for_user(user)
    assert scope.can_write_region(friesland)
    assert scope.can_write_region(utrecht)


def test_de_netwerken_waar_iemand_bij_hoort_komen_met_de_rollen(
    rapporteur_friesland, netwerklid_noord, landelijk, friesland, django_assert_num_queries
):
    """A rapporteur belongs to the network of its region, a netwerklid to its own network,
    landelijk to none; read with the roles in the scope's one query for assignments."""
    with django_assert_num_queries(1):  # the assignments (no netwerklid: no regions to read)
        rapporteur = scope_for_user(rapporteur_friesland)
    assert rapporteur.member_network_ids == {friesland.network_id}
    assert scope_for_user(netwerklid_noord).member_network_ids == {friesland.network_id}
    assert scope_for_user(landelijk).member_network_ids == frozenset()


def test_de_mensen_van_een_netwerk_zijn_wie_het_netwerk_als_het_hunne_ziet(
    make_user, noord_nederland, friesland, utrecht, landelijk, beheerder
):
    """network_people reads Scope.member_network_ids the other way round."""
    users = [
        make_user(Role.NETWERKLID, network=noord_nederland),
        make_user(Role.RAPPORTEUR, network=noord_nederland),
        make_user(Role.VASTSTELLER, network=noord_nederland),
        make_user(Role.RAPPORTEUR, region=friesland),
        make_user(Role.RAPPORTEUR, region=utrecht),
        make_user(Role.COORDINATOR, network=noord_nederland),
        landelijk,
        beheerder,
    ]
    people = set(
        User.objects.filter(network_people(noord_nederland.pk)).values_list("pk", flat=True)
    )
    for user in users:
        member = noord_nederland.pk in scope_for_user(user).member_network_ids
        assert (user.pk in people) == member, user.username
