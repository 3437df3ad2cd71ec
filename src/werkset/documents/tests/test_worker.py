"""With the real Redis broker and a real worker: a PDF is made off the request (ADR 0016).

The worker is a thread of this process (celery.contrib.testing) that takes the task from
Redis, as a worker on another machine would; the database is committed for real
(transaction=True), so the worker's own connection sees what the request wrote.
"""

import logging
import time

import pytest
import structlog
from celery.contrib.testing.worker import start_worker
from django.db import OperationalError
from django.urls import reverse

from werkset.accounts.testing import force_login_verified
from werkset.documents import services
from werkset.documents.models import Document, DocumentStatus

from .conftest import needs_redis

pytestmark = [needs_redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def one_writer_at_a_time(settings, monkeypatch):
    """The tests' SQLite database lives in memory, shared by the threads, and lets one of
    them write at a time without waiting: the page that polls only reads (no session
    save), a collision is asked again, and a task that met one retries at once."""
    from werkset.documents import tasks

    settings.SESSION_SAVE_EVERY_REQUEST = False
    monkeypatch.setattr(tasks, "RETRY_SECONDS", 0)


class RequestIds(logging.Handler):
    """Which request id was bound when the task's log lines were written."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str | None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        self.seen.append((record.getMessage(), request_id))


def _wait_until(check, seconds: float = 90.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = check()
        except OperationalError as exc:  # SQLite in memory: another thread was writing
            if "locked" not in str(exc):
                raise
        else:
            if result:
                return result
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def test_een_echte_worker_maakt_het_pdf_via_redis(
    client, report, rapporteur_friesland, celery_on_redis
):
    force_login_verified(client, rapporteur_friesland)
    ids = RequestIds()
    logger = logging.getLogger("werkset.documents")
    # After a worker started earlier in this process (the mail worker's test) this logger's
    # INFO lines were lost (Celery's logging, set up once per process); they are asked for
    # at INFO here, whatever ran before.
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(ids)
    try:
        with start_worker(celery_on_redis, pool="solo", perform_ping_check=False):
            response = client.post(
                reverse("documents:request", args=[report.pk, "pdf"]),
                headers={"X-Request-ID": "aanvraag-12345678"},
            )
            assert response.status_code == 302
            # Read as the status page does: the worker may be writing it (SQLite: locked).
            status = _wait_until(lambda: Document.objects.get().status)
            assert status in {DocumentStatus.QUEUED, DocumentStatus.RUNNING}
            status_url = response["Location"] + "status/"
            _wait_until(lambda: 'data-state="ready"' in client.get(status_url).content.decode())
    finally:
        logger.removeHandler(ids)
        logger.setLevel(level)
    page = client.get(response["Location"]).content.decode()
    assert "Klaar:" in page
    document = Document.objects.get()
    download = client.get(reverse("documents:download", args=[report.pk, document.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    made = [request_id for message, request_id in ids.seen if "gemaakt" in message]
    assert made == ["aanvraag-12345678"]


def test_een_tijdelijke_fout_wordt_opnieuw_geprobeerd(
    client, report, rapporteur_friesland, celery_on_redis, monkeypatch
):
    real = services.report_export
    calls: list[int] = []

    def once_away(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(services, "report_export", once_away)
    force_login_verified(client, rapporteur_friesland)
    with start_worker(celery_on_redis, pool="solo", perform_ping_check=False):
        client.post(reverse("documents:request", args=[report.pk, "xlsx"]))
        document = _wait_until(lambda: Document.objects.filter(status=DocumentStatus.READY).first())
    assert document.attempts >= 2
    assert len(calls) >= 2


def test_zonder_worker_blijft_het_document_in_de_wachtrij_en_gaat_niets_verloren(
    client, report, rapporteur_friesland, celery_on_redis, settings
):
    """The worker is down: the page says the document waits; a worker started later
    still finds the task in Redis and makes it."""
    settings.WERKSET_DOCUMENT_WAIT_SECONDS = 0
    force_login_verified(client, rapporteur_friesland)
    response = client.post(reverse("documents:request", args=[report.pk, "docx"]))
    page = client.get(response["Location"]).content.decode()
    assert "Wacht op de verwerking" in page
    with start_worker(celery_on_redis, pool="solo", perform_ping_check=False):
        _wait_until(lambda: Document.objects.filter(status=DocumentStatus.READY).exists())


def test_als_de_broker_weg_is_blijft_het_document_in_de_wachtrij(
    client, report, rapporteur_friesland, celery_broker_down, settings
):
    settings.WERKSET_DOCUMENT_WAIT_SECONDS = 0
    force_login_verified(client, rapporteur_friesland)
    started = time.monotonic()
    response = client.post(reverse("documents:request", args=[report.pk, "pdf"]))
    assert time.monotonic() - started < 10
    assert Document.objects.get().status == DocumentStatus.QUEUED
    assert "Wacht op de verwerking" in client.get(response["Location"]).content.decode()
