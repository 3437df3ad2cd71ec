import pytest

from werkset.accounts.models import Role, User
from werkset.catalogue.models import CatalogueVersion, Theme
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Report
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_transition


@pytest.fixture
def actieoverleg(catalogue_2021: CatalogueVersion) -> Theme:
    return catalogue_2021.themes.get(key="actieoverleg")


@pytest.fixture
def samenhang(catalogue_2021: CatalogueVersion) -> Theme:
    return catalogue_2021.themes.get(key="samenhang")


@pytest.fixture
def midden_nederland(regions: None) -> RegionalNetwork:
    return RegionalNetwork.objects.get(code="midden-nederland")


@pytest.fixture
def netwerklid_midden(make_user, midden_nederland: RegionalNetwork) -> User:
    """A member of the network invited to audit (the auditor)."""
    return make_user(Role.NETWERKLID, network=midden_nederland)


@pytest.fixture
def finalised(report: Report, rapporteur_friesland: User) -> Report:
    """Friesland's 2025 report, finalised (empty answers are enough for an audit)."""
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    return report_decided(report, rapporteur_friesland)
