"""Shared fixtures: the real regions and catalogue files, and users with roles."""

import copy
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from werkset.accounts.models import Role, User
from werkset.accounts.services import role_assign
from werkset.accounts.testing import force_login_verified
from werkset.accounts.tests.factories import UserFactory
from werkset.catalogue import validation
from werkset.catalogue.models import CatalogueVersion
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import CatalogueDocument, read_catalogue_file
from werkset.regions.models import Region, RegionalNetwork
from werkset.regions.services import regions_load

CATALOGUE_2021 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml"
CATALOGUE_2_0 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2.0.yaml"


@pytest.fixture(scope="session", autouse=True)
def _catalogue_parsed_once() -> Iterator[None]:
    """Parse and check each catalogue text once per test session (per xdist worker).

    The YAML parse and the schema check take most of a second and are a pure function of
    the text, while hundreds of tests publish the same files. A text that does not parse
    raises every time (exceptions are not cached); a text that does gives every caller its
    own copy of the data, so a test that changes it cannot change another test's catalogue.
    """
    parsed = cache(validation.parse_catalogue_text)

    def parse_once(text: str, *, file_name: str) -> CatalogueDocument:
        document = parsed(text, file_name=file_name)
        return CatalogueDocument(
            file_name=document.file_name,
            data=copy.deepcopy(document.data),
            content_hash=document.content_hash,
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "parse_catalogue_text", parse_once)
        yield


@pytest.fixture
def regions(db: None) -> None:
    regions_load(path=Path(settings.WERKSET_REGIONS_FILE))


@pytest.fixture
def catalogue_2021(db: None) -> CatalogueVersion:
    return catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021)).version


@pytest.fixture
def catalogue_2_0(catalogue_2021: CatalogueVersion) -> CatalogueVersion:
    """Werkset 2.0 (zelf-audit), which continues the 2021 version."""
    return catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2_0)).version


@pytest.fixture
def friesland(regions: None) -> Region:
    return Region.objects.get(code="friesland")


@pytest.fixture
def utrecht(regions: None) -> Region:
    return Region.objects.get(code="utrecht")


@pytest.fixture
def noord_nederland(regions: None) -> RegionalNetwork:
    return RegionalNetwork.objects.get(code="noord-nederland")


@pytest.fixture
def make_user(db: None):
    """A user with one role: make_user(Role.RAPPORTEUR, region=...)."""

    def make(role: str | None = None, **scope: object) -> User:
        user = UserFactory()
        if role is not None:
            role_assign(user=user, role=role, assigned_by=None, **scope)  # type: ignore[arg-type]
        return user

    return make


@pytest.fixture
def rapporteur_friesland(make_user, friesland: Region) -> User:
    return make_user(Role.RAPPORTEUR, region=friesland)


@pytest.fixture
def netwerklid_noord(make_user, noord_nederland: RegionalNetwork) -> User:
    return make_user(Role.NETWERKLID, network=noord_nederland)


@pytest.fixture
def landelijk(make_user, regions: None) -> User:
    return make_user(Role.LANDELIJK)


@pytest.fixture
def beheerder(make_user, regions: None) -> User:
    return make_user(Role.BEHEERDER)


@pytest.fixture
def client_for():
    def make(user: User) -> Client:
        return force_login_verified(Client(), user)

    return make


@pytest.fixture
def second_rapporteur(make_user, friesland: Region) -> User:
    return make_user(Role.RAPPORTEUR, region=friesland)


@pytest.fixture
def netwerklid_oost(make_user, regions: None) -> User:
    return make_user(Role.NETWERKLID, network=RegionalNetwork.objects.get(code="oost-nederland"))


@pytest.fixture
def report(rapporteur_friesland: User, friesland: Region, catalogue_2021: CatalogueVersion):
    """An empty concept report of Friesland for 2025."""
    from werkset.reports.services import report_start

    return report_start(
        region=friesland, period="2025", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )
