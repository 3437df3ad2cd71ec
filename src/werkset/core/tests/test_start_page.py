"""The start page's to-do list per role (issue 21, item 4), with a flat number of queries."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.improvement.tests.factories import ImprovementPointFactory, indicator_of
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.comment_services import comment_add
from werkset.reports.services import report_start
from werkset.reports.tests.decide import network_chair
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def page(client_for, user) -> str:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def discussed(report, rapporteur_friesland, netwerklid_noord):
    """Friesland's report under discussion with two open comments."""
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    comment_add(report=report, user=netwerklid_noord, text="Eén")
    comment_add(report=report, user=netwerklid_noord, text="Twee")
    return report


def test_rapporteur_ziet_zijn_rapportages_met_status_en_open_opmerkingen(
    client_for, discussed, rapporteur_friesland
):
    content = page(client_for, rapporteur_friesland)
    assert "Mijn rapportages" in content
    assert f'href="{reverse("reports:detail", args=[discussed.pk])}"' in content
    assert "Ter bespreking" in content
    assert "2 open opmerkingen af te handelen" in content


def test_netwerklid_ziet_wat_op_bespreking_wacht(client_for, discussed, netwerklid_noord):
    content = page(client_for, netwerklid_noord)
    assert "Wacht op het netwerk" in content
    assert "open voor uw opmerkingen" in content
    assert "Mijn rapportages" not in content


def test_buiten_het_netwerk_wacht_er_niets(client_for, discussed, netwerklid_oost):
    content = page(client_for, netwerklid_oost)
    assert "Wacht op het netwerk" not in content
    assert "Er wacht nu niets op u." in content


def test_voorzitter_ziet_wat_op_zijn_vaststelling_wacht(
    client_for, discussed, rapporteur_friesland
):
    for comment in discussed.comments.all():
        comment.resolved_at = timezone.now()
        comment.save(update_fields=["resolved_at"])
    report_transition(report=discussed, name="put_forward", user=rapporteur_friesland)
    content = page(client_for, network_chair(discussed))
    assert "wacht op uw vaststelling" in content


def test_een_rapportage_ter_bespreking_wacht_nog_niet_op_de_vaststelling(client_for, discussed):
    """The chair reads it while the network discusses it; the decision comes once the
    rapporteur puts it forward."""
    content = page(client_for, network_chair(discussed))
    assert "Wacht op het netwerk" in content
    assert "wacht op uw vaststelling" not in content


def test_netwerklid_ziet_de_verlopen_punten_van_het_netwerk(
    client_for, noord_nederland, catalogue_2021, netwerklid_noord, make_user, landelijk
):
    theme = catalogue_2021.themes.get(key="actieoverleg")
    ImprovementPointFactory(
        network=noord_nederland,
        theme=theme,
        owner=make_user(Role.NETWERKLID, network=noord_nederland),
        indicator=indicator_of(theme),
        title="Mandaat regelen (fictief)",
        target_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    assert "1 verbeterpunt is verlopen" in page(client_for, netwerklid_noord)
    assert "Mandaat regelen (fictief)" in page(client_for, landelijk)


def test_landelijk_heeft_een_plek_voor_landelijke_zaken(client_for, landelijk):
    content = page(client_for, landelijk)
    assert 'id="national"' in content
    assert "Mijn rapportages" not in content


def test_beheerder_ziet_geblokkeerde_accounts(client_for, beheerder, settings):
    AccessAttempt.objects.create(
        username="vergeten-wachtwoord",
        ip_address="192.0.2.1",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/inloggen/",
    )
    content = page(client_for, beheerder)
    assert "Geblokkeerde accounts" in content
    assert "vergeten-wachtwoord" in content
    assert "192.0.2.1" not in content


def test_beheerder_zonder_blokkades(client_for, beheerder):
    assert "Er is geen account geblokkeerd." in page(client_for, beheerder)


def test_de_startpagina_leest_evenveel_bij_meer_rapportages_en_rollen(
    client_for, discussed, catalogue_2021, make_user, django_assert_num_queries
):
    noord = RegionalNetwork.objects.get(code="noord-nederland")
    user = make_user(Role.NETWERKLID, network=noord)
    client = client_for(user)
    client.get(reverse("home"))  # the kept lists (the unread count) are read once
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    writer = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="groningen"))
    more = report_start(
        region=Region.objects.get(code="groningen"),
        period="2025",
        catalogue_version=catalogue_2021,
        user=writer,
    )
    report_transition(report=more, name="submit", user=writer)
    from werkset.accounts.services import role_assign

    role_assign(user=user, role=Role.VASTSTELLER, network=noord, assigned_by=None)
    role_assign(
        user=user,
        role=Role.NETWERKLID,
        network=RegionalNetwork.objects.get(code="oost-nederland"),
        assigned_by=None,
    )
    with django_assert_num_queries(len(one.captured_queries)):
        content = client.get(reverse("home")).content.decode()
    assert "Groningen" in content
