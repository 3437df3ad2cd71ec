"""One state machine for work a background worker does: made documents (documents) and
large workbook imports (outputs).

Both kinds wait in the queue, are claimed by one worker, and end in a result or a failure;
a passing fault puts them back in the queue. `JobKind.moves` is the one table of allowed
moves. The worker's writes go through `job_move`, which puts the allowed source statuses
in the UPDATE's WHERE: a late failure or requeue (a fault after the job was finished, or
from a worker that was given up on) never overwrites a finished job.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobRow(Protocol):
    """What every job row records (read only here: the writes go through job_move)."""

    @property
    def pk(self) -> Any: ...
    @property
    def status(self) -> str: ...
    @property
    def requested_at(self) -> datetime: ...
    @property
    def started_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class JobKind:
    """The statuses of one kind of job by their role; `results` are how a run ends well
    (a document is ready; an import is done or refused)."""

    results: tuple[str, ...]
    queued: str = "queued"
    running: str = "running"
    failed: str = "failed"
    moves: Mapping[str, frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        # Finished jobs (results, failed) move nowhere: a new request makes a new job.
        moves = {
            self.queued: frozenset({self.running}),  # claimed by a worker
            # claimed again (its worker died), back in the queue (a passing fault),
            # finished or failed
            self.running: frozenset({self.running, self.queued, self.failed, *self.results}),
        }
        object.__setattr__(self, "moves", moves)

    def sources(self, target: str) -> list[str]:
        """The statuses from which a job may move to `target`."""
        return [source for source, targets in self.moves.items() if target in targets]


def job_stale(kind: JobKind, row: JobRow) -> bool:
    """Running for longer than a task may: its worker died (the message comes back)."""
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return (
        row.status == kind.running
        and row.started_at is not None
        and timezone.now() - row.started_at > limit
    )


def job_waiting(kind: JobKind, row: JobRow) -> bool:
    """Queued for longer than a worker normally needs to start (a worker may be down);
    one setting for every kind of job."""
    waited = timezone.now() - row.requested_at
    return row.status == kind.queued and waited >= timedelta(
        seconds=settings.WERKSET_DOCUMENT_WAIT_SECONDS
    )


def job_claimable(kind: JobKind, row: JobRow) -> bool:
    """Whether a worker may claim the row now; call it on a locked row (select_for_update)
    and write the claim in the same transaction."""
    if kind.running not in kind.moves.get(row.status, frozenset()):
        return False
    return row.status != kind.running or job_stale(kind, row)


def job_move(kind: JobKind, row: models.Model, *, to: str, **fields: Any) -> bool:
    """Write status `to` (and `fields`) only when the row's status may move there, in one
    guarded UPDATE; returns whether it moved. The instance gets the written values."""
    sources = kind.sources(to)
    if not sources:
        raise ValueError(f"No job moves to {to!r}.")
    moved = (
        type(row)._default_manager.filter(pk=row.pk, status__in=sources).update(status=to, **fields)
        == 1
    )
    if moved:
        for name, value in {"status": to, **fields}.items():
            setattr(row, name, value)
    return moved
