"""With the real Redis broker and a real worker: a mail the SMTP server refuses once is
taken from the queue again and delivered (ADR 23)."""

import time
from collections.abc import Iterator

import pytest
from celery.contrib.testing.worker import start_worker

from werkset.core import tasks
from werkset.core.mail import mail_queue
from werkset.documents.tests.conftest import _celery_on, needs_redis

pytestmark = [needs_redis, pytest.mark.django_db(transaction=True)]

# A database of its own, so the documents' worker tests can purge theirs meanwhile.
REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def celery_on_redis() -> Iterator[object]:
    yield from _celery_on(REDIS_URL, purge=True)


def test_a_refused_mail_goes_back_to_the_queue_and_arrives(
    smtp_server, celery_on_redis, monkeypatch
):
    monkeypatch.setattr(tasks, "MAIL_RETRY_SECONDS", 0)
    smtp_server.refuse = 1
    with start_worker(celery_on_redis, pool="solo", perform_ping_check=False):
        mail_queue(to=["a@example.nl"], template="core/mail/check", context={"operator": "x"})
        deadline = time.monotonic() + 60
        while not smtp_server.messages and time.monotonic() < deadline:
            time.sleep(0.1)
    assert smtp_server.refused == 1
    assert smtp_server.envelopes == [["a@example.nl"]]
