"""National inventories in the API (issue 22): the 2020 inventory's picture, per the
schema in openapi.yaml; for whoever may see it."""

import pytest

from werkset.api.tests.test_api import api_for, assert_matches, openapi  # noqa: F401
from werkset.inventories.demo import inventory_demo_create

pytestmark = pytest.mark.django_db

URL = "/api/v1/inventarisaties/inventarisatie-actieoverleg-2020"


@pytest.fixture
def demo(regions):
    return inventory_demo_create()


def test_the_picture_follows_the_schema_and_names_the_regions(
    openapi,  # noqa: F811
    demo,
    landelijk,
):
    response = api_for(landelijk).get(URL)
    assert response.status_code == 200
    assert_matches(openapi, response, "/inventarisaties/{slug}", "get")
    verdicts = {v["verdict"]: v for v in response.json()["picture"]["verdicts"]}
    assert sorted(verdicts["wel-lagere-frequentie"]["regions"]) == [
        "drenthe",
        "gelderland-midden",
        "limburg",
        "midden-brabant",
    ]
    assert len(response.json()["regions"]) == 25


def test_an_account_without_a_role_sees_no_inventory(demo, make_user):
    assert api_for(make_user()).get(URL).status_code == 404
