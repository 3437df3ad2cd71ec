import pytest

from werkset.accounts.models import Role
from werkset.reports.services import report_start


@pytest.fixture
def report(rapporteur_friesland, friesland, catalogue_2021):
    return report_start(
        region=friesland, period="2025", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )


@pytest.fixture
def second_rapporteur(make_user, friesland):
    return make_user(Role.RAPPORTEUR, region=friesland)


@pytest.fixture
def netwerklid_oost(make_user, regions):
    from werkset.regions.models import RegionalNetwork

    return make_user(Role.NETWERKLID, network=RegionalNetwork.objects.get(code="oost-nederland"))
