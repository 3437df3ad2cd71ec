"""Practice items of other networks linked to an improvement point as inspiration, through
HTTP: who may link, which items, and the point's page showing them."""

import pytest
from django.urls import reverse

from werkset.improvement.tests.factories import point_plan
from werkset.knowledge.models import Inspiration
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import PracticeItem


@pytest.fixture
def point_oost(netwerklid_oost, catalogue_2021):
    return point_plan(
        network=RegionalNetwork.objects.get(code="oost-nederland"),
        theme=catalogue_2021.themes.get(key="actieoverleg"),
        user=netwerklid_oost,
    )


def _link(client, point, item):
    return client.post(
        reverse("knowledge:inspiration_add", args=[point.pk]), {"praktijk": item.pk}, follow=True
    )


def test_een_ander_netwerk_koppelt_een_praktijkvoorbeeld_als_inspiratie(
    client_for, finalised, point_oost, netwerklid_oost
):
    item = PracticeItem.objects.get(report=finalised)
    client = client_for(netwerklid_oost)
    response = _link(client, point_oost, item)
    assert "als inspiratie gekoppeld" in response.content.decode()
    assert Inspiration.objects.filter(point=point_oost, practice_item=item).exists()
    page = client.get(reverse("improvement:point", args=[point_oost.pk])).content.decode()
    assert f"#praktijk-{item.pk}" in page


def test_een_praktijkvoorbeeld_van_het_eigen_netwerk_wordt_geweigerd(
    client_for, finalised, netwerklid_noord, catalogue_2021
):
    point = point_plan(
        network=RegionalNetwork.objects.get(code="noord-nederland"),
        theme=catalogue_2021.themes.get(key="actieoverleg"),
        user=netwerklid_noord,
    )
    response = _link(
        client_for(netwerklid_noord), point, PracticeItem.objects.get(report=finalised)
    )
    assert "andere netwerken" in response.content.decode()
    assert not Inspiration.objects.exists()


def test_een_praktijkvoorbeeld_uit_een_concept_wordt_geweigerd(
    client_for, concept_utrecht, point_oost, netwerklid_oost
):
    item = PracticeItem.objects.get(report=concept_utrecht)
    response = _link(client_for(netwerklid_oost), point_oost, item)
    assert "staat niet in de kennisbank" in response.content.decode()
    assert not Inspiration.objects.exists()


def test_wie_niet_in_het_netwerk_werkt_koppelt_niets(client_for, finalised, point_oost, landelijk):
    response = _link(client_for(landelijk), point_oost, PracticeItem.objects.get(report=finalised))
    assert response.status_code == 403
    assert not Inspiration.objects.exists()
