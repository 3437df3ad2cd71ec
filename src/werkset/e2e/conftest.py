"""Fixtures for the browser tests: one Chromium per session (per xdist worker), the demo
world per test.

Every test here is marked `browser`, so `pytest -m "not browser"` leaves them out.
"""

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from playwright.sync_api import Browser, sync_playwright

from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import regions_create
from werkset.demo.services import demo_users_create
from werkset.rounds.testing import round_opened

from .browser import CHROMIUM_ARGS, DEMO_PASSWORD, chromium_ensure

HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests in this folder before `-m` selects (hooks see every collected item)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def pytest_configure(config: pytest.Config) -> None:
    """On SQLite the live server answers one request at a time.

    The test database is in memory, one connection that the live server's threads share; an
    autosave and a form post that arrive together (as a person's browser sends them) then
    use it at once and break each other's transactions. PostgreSQL serves them in parallel,
    as production does; on SQLite they wait for each other (and each response closes its
    connection, so the browser's other connections are not kept waiting)."""
    from django.test.testcases import LiveServerThread

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        setattr(LiveServerThread, "server_class", SerialWSGIServer)  # noqa: B010


class SerialWSGIServer(WSGIServer):
    """Django's test server without threads: the next request waits for the one before."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        # The live server's thread installs the shared connections itself (LiveServerThread.run).
        super().__init__(*args, **kwargs)


# Playwright's sync API keeps an event loop in this thread; the test code itself stays
# synchronous, so Django's guard against database calls from async code does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    # pytest-xdist workers each start their own Chromium; one installs it when missing
    # (apt-get takes a lock of its own and fails while another runs).
    lock_file = tmp_path_factory.getbasetemp().parent / "chromium-ensure.lock"
    with lock_file.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        executable = chromium_ensure()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_world(transactional_db: None) -> None:
    """The regions, the 2021 catalogue, the demo accounts (rapporteur of Friesland, …) and
    the open rounds of 2024 and 2026."""
    regions_create()  # what `regions_load` writes, in bulk (regions/tests/test_regions_fixture.py)
    catalogue_file = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml"
    version = catalogue_version_publish(document=read_catalogue_file(catalogue_file)).version
    demo_users_create(password=DEMO_PASSWORD)
    # Reports start in an open reporting round (issue 19).
    for period in ("2024", "2026"):
        round_opened(period=period, catalogue_version=version)
