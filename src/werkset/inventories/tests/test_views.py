"""The inventory pages through HTTP: who may record, who may correct, bad input, export."""

import pytest

from werkset.accounts.models import Role
from werkset.accounts.scope import scope_for_user
from werkset.core.models import AuditEvent
from werkset.inventories.models import InventoryRecord
from werkset.inventories.services import inventory_researcher_appoint

pytestmark = pytest.mark.django_db

REGION_URL = "/inventarisaties/inventarisatie-actieoverleg-2020/regios/friesland/"


def record_post(**extra):
    data = {
        f"kenmerk-{k}": "ja"
        for k in ["vroegtijdig-afstemmen", "partijen", "interventies", "mandaat"]
    }
    data |= {"kenmerk-binnen-een-week": "nee", "toelichting-binnen-een-week": "Maandelijks."}
    data |= {"deelname-om": "vast", "frequentie": "maandelijks", "codes-knelpunten": ["monitoren"]}
    return data | extra


def test_the_national_network_records_a_region_without_being_its_rapporteur(
    inventory, landelijk, client_for
):
    response = client_for(landelijk).post(REGION_URL, record_post())
    assert response.status_code == 302
    page = client_for(landelijk).get(REGION_URL).content.decode()
    assert "met lagere frequentie" in page


def test_an_appointed_researcher_records(inventory, landelijk, make_user, client_for):
    researcher = make_user()
    inventory_researcher_appoint(
        inventory=inventory, researcher=researcher, user=landelijk, scope=scope_for_user(landelijk)
    )
    assert client_for(researcher).post(REGION_URL, record_post()).status_code == 302


def test_a_rapporteur_of_another_region_may_not_record(inventory, make_user, utrecht, client_for):
    other = make_user(Role.RAPPORTEUR, region=utrecht)
    assert client_for(other).post(REGION_URL, record_post()).status_code == 403
    assert not InventoryRecord.objects.exists()


def test_the_regions_network_corrects_and_it_is_audited(inventory, netwerklid_noord, client_for):
    response = client_for(netwerklid_noord).post(REGION_URL, record_post(frequentie="wekelijks"))
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="inventory_record_corrected")
    assert event.detail["after"]["frequency"] == "wekelijks"


def test_too_long_an_explanation_is_refused_and_changes_nothing(inventory, landelijk, client_for):
    response = client_for(landelijk).post(
        REGION_URL, record_post(**{"toelichting-partijen": "x" * 2001})
    )
    assert response.status_code == 400
    assert not InventoryRecord.objects.exists()


def test_the_picture_names_the_regions_and_exports_for_dutch_excel(
    inventory, landelijk, client_for
):
    client = client_for(landelijk)
    client.post(REGION_URL, record_post())
    page = client.get("/inventarisaties/inventarisatie-actieoverleg-2020/").content.decode()
    assert "Friesland" in page
    csv = client.get("/inventarisaties/inventarisatie-actieoverleg-2020/export.csv").content
    assert csv.startswith("\ufeff".encode())
    assert b";" in csv.splitlines()[0]


def test_the_national_network_appoints_a_researcher_on_the_page(
    inventory, landelijk, make_user, client_for
):
    researcher = make_user()
    response = client_for(landelijk).post(
        "/inventarisaties/inventarisatie-actieoverleg-2020/onderzoekers/",
        {"username": researcher.username},
    )
    assert response.status_code == 302
    assert client_for(researcher).post(REGION_URL, record_post()).status_code == 302


def test_a_network_member_may_not_appoint(inventory, netwerklid_noord, make_user, client_for):
    response = client_for(netwerklid_noord).post(
        "/inventarisaties/inventarisatie-actieoverleg-2020/onderzoekers/",
        {"username": make_user().username},
    )
    assert response.status_code == 403
