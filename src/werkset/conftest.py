"""Shared fixtures: the real regions and catalogue files, and users with roles."""

import copy
import gc
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import transaction
from django.test import Client
from django.utils.translation import gettext as _

from werkset.accounts.models import Role, User
from werkset.accounts.services import role_assign
from werkset.accounts.testing import force_login_verified
from werkset.accounts.tests.factories import UserFactory
from werkset.catalogue import validation
from werkset.catalogue.models import CatalogueVersion
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import CatalogueDocument, read_catalogue_file
from werkset.core.mail_testing import smtp_server  # noqa: F401  (a fixture: a real SMTP server)
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.regions.models import Organisation, Region, RegionalNetwork, VeiligThuisRegion
from werkset.regions.selectors import NETWORKS_KEY, ORGANISATIONS_KEY, REGIONS_KEY

CATALOGUE_2021 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml"
CATALOGUE_2_0 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2.0.yaml"
CATALOGUE_2021_1 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021-1.yaml"
CATALOGUE_2_0_1 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2.0.1.yaml"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once the tests are collected, Python's garbage collector leaves the modules, classes
    and functions loaded so far alone (gc.freeze) and runs its young generation less often:
    a test makes hundreds of thousands of short-lived objects (querysets, model instances,
    templates), and the default threshold of 700 scanned them over and over. Measured on the
    reports and comparison tests: 67.1 -> 63.1 s of CPU (session 12). Only the test
    processes; cycles are still collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


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


@cache
def _regions_file() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        Path(settings.WERKSET_REGIONS_FILE).read_text(encoding="utf-8")
    )
    return data


def regions_create() -> None:
    """Write what `regions_load` writes from the real regions file into an empty database,
    in six bulk inserts instead of some four hundred queries (hundreds of tests need the
    regions). regions/tests/test_regions_fixture.py checks that both write the same."""
    data = _regions_file()
    with transaction.atomic():
        Organisation.objects.bulk_create(
            Organisation(
                code=str(item["code"]),
                name=item["name"],
                short_name=item["short_name"],
                core_partner=bool(item.get("core_partner", False)),
                position=position,
            )
            for position, item in enumerate(data["organisations"])
        )
        networks = RegionalNetwork.objects.bulk_create(
            RegionalNetwork(
                code=item["code"],
                name=item["name"],
                arrondissement=item["arrondissement"],
                position=position,
            )
            for position, item in enumerate(data["networks"])
        )
        region_items = [
            (network, item)
            for network, network_item in zip(networks, data["networks"], strict=True)
            for item in network_item["regions"]
        ]
        regions = Region.objects.bulk_create(
            Region(code=item["code"], name=item["name"], network=network, position=position)
            for position, (network, item) in enumerate(region_items)
        )
        vt_names = list(
            dict.fromkeys(name for _network, item in region_items for name in item["vt"])
        )
        vt_regions = {
            vt.name: vt
            for vt in VeiligThuisRegion.objects.bulk_create(
                VeiligThuisRegion(name=name) for name in vt_names
            )
        }
        covers = Region.veilig_thuis_regions.through
        covers.objects.bulk_create(
            covers(region=region, veiligthuisregion=vt_regions[name])
            for region, (_network, item) in zip(regions, region_items, strict=True)
            for name in item["vt"]
        )
        # Bulk inserts send no signals: forget the kept lists as regions.signals would.
        shared_cache.delete_many([ORGANISATIONS_KEY, REGIONS_KEY, NETWORKS_KEY])
        audit_record(
            actor=None,
            action=AuditAction.REGIONS_LOADED,
            summary=_("Regions loaded from %(file)s")
            % {"file": Path(settings.WERKSET_REGIONS_FILE).name},
            detail={"created": len(data["organisations"]) + len(networks) + len(regions)},
        )


@pytest.fixture(scope="module")
def module_db(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[Callable[[], AbstractContextManager[None]]]:
    """One transaction around a whole test module, rolled back after its last test.

    For expensive setup that a module's tests share (the regions, the catalogue, the demo
    reports): a module-scoped fixture writes it once, inside `with module_db():`, instead
    of once per test. Each test still runs in a transaction of its own (a savepoint inside
    this one) that is rolled back after it, so a test's writes never reach the next test.
    Such a fixture hands out primary keys and its function-scoped companions read the rows
    again per test, so an object one test changed in memory is not another test's object.
    Not for modules with transactional tests: transaction=True would empty the database
    under the module's data (and that data would leak into the test).
    """
    _local_cache_clear()  # kept values of an earlier module's rows, rolled back since
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield django_db_blocker.unblock
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _local_cache_clear() -> None:
    """Empty this process's own cache: kept fragments (theme pages, comparisons) and lists
    (regions, organisations) are of rows that a rolled-back test gives out again."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture(autouse=True)
def _process_caches_empty():
    """Each test starts with this process's catalogue cache empty: with xdist a worker runs
    many tests, and an eviction left by earlier ones changed a later test's query count."""
    from werkset.catalogue.structure import catalogue_structures_forget

    catalogue_structures_forget()
    _local_cache_clear()


@pytest.fixture
def regions(db: None) -> None:
    regions_create()


@pytest.fixture
def catalogue_2021(db: None) -> CatalogueVersion:
    return catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021)).version


@pytest.fixture
def catalogue_2_0(catalogue_2021: CatalogueVersion) -> CatalogueVersion:
    """Werkset 2.0 (zelf-audit), which continues the 2021 version."""
    return catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2_0)).version


@pytest.fixture
def catalogue_2021_1(catalogue_2021: CatalogueVersion) -> CatalogueVersion:
    """Werkset 2021, herziene uitgave: the 2021 version with its errata (issue 23)."""
    return catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021_1)).version


@pytest.fixture
def catalogue_2_0_1(catalogue_2021: CatalogueVersion) -> CatalogueVersion:
    """Werkset 2.0 met resultaten: the network's self-audit with value questions (ADR 32)."""
    return catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2_0_1)).version


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
def open_round(db: None):
    """Open the reporting round of a period: open_round("2025", catalogue_2021)."""
    from werkset.rounds.testing import round_opened

    def make(period: str, catalogue_version: CatalogueVersion, **kwargs: Any):
        return round_opened(period=period, catalogue_version=catalogue_version, **kwargs)

    return make


@pytest.fixture
def report(rapporteur_friesland: User, friesland: Region, catalogue_2021: CatalogueVersion):
    """An empty concept report of Friesland for 2025 (in the open round of 2025)."""
    from werkset.reports.services import report_start
    from werkset.rounds.testing import round_opened

    round_opened(period="2025", catalogue_version=catalogue_2021)
    return report_start(
        region=friesland, period="2025", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )
