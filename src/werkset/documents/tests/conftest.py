"""Documents in a temporary file storage; a real Redis broker and worker when asked."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from werkset.documents import services
from werkset.outputs.services import report_export

REDIS_URL = "redis://127.0.0.1:6379/13"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(), reason="Redis on 127.0.0.1:6379 does not answer (it runs in CI)"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def renders(monkeypatch):
    """Counts the renders, with a small stand-in for the real (slow) PDF."""
    made: list[str] = []

    def counted(*, report, fmt, user, variant="rapport"):
        made.append(fmt if variant == "rapport" else f"{fmt}:{variant}")
        return report_export(report=report, fmt="json", user=user).__class__(
            content=b"%PDF-1.7 stand-in", filename=f"test.{fmt}", content_type="application/pdf"
        )

    monkeypatch.setattr(services, "report_export", counted)
    return made


def stored_files(root: Path) -> list[Path]:
    """Every file under the storage, temporary ones included."""
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def celery_on_redis() -> Iterator[object]:
    """The Celery app on the real Redis broker instead of running tasks in-process."""
    yield from _celery_on(REDIS_URL, purge=True)


@pytest.fixture
def celery_broker_down() -> Iterator[object]:
    """The Celery app with a broker that does not answer."""
    yield from _celery_on("redis://127.0.0.1:1/0", purge=False)


def _celery_on(url: str, *, purge: bool) -> Iterator[object]:
    """The app on `url`, with a queue of this test's own: test processes running at the same
    time (pytest-xdist's workers, another checkout's suite) share the Redis database, and a
    worker must only take this test's tasks (another process's task would run against this
    process's test database, and that process would wait for it in vain)."""
    from werkset.conf.celery import app

    keys = ("broker_url", "task_always_eager", "task_default_queue")
    saved = {key: app.conf[key] for key in keys}

    def reconnect() -> None:
        app._pool = None
        app.amqp._producer_pool = None
        app.amqp.__dict__.pop("queues", None)  # the queue declarations, made again

    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        task_default_queue=f"werkset-test-{os.getpid()}-{uuid.uuid4().hex[:8]}",
    )
    reconnect()
    if purge:
        app.control.purge()
    try:
        yield app
    finally:
        app.conf.update(saved)
        reconnect()
