"""Domain events: what happened, in the domain's words, delivered once the change is committed.

A service that changes state calls `emit(SomeEvent(...))` inside its transaction. The event is
handed to `transaction.on_commit`: when the transaction rolls back nothing is delivered, and
after the commit every receiver gets it once. Receivers are subscribed per event class (a
receiver of a base class hears its subclasses), from an app's `AppConfig.ready` or its
`receivers.py`. Delivery is robust: a failing receiver is logged and the others still run;
the request that made the change never sees the failure (it has committed already).

Events carry ids and plain values, not model instances: a receiver reads what it needs after
the commit, and an event can be logged or queued as it is. The event classes live with the
app that owns them (`reports/events.py`, `improvement/events.py`); this module is only the
mechanism (ADR 14).
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of every event: who caused it (None for the system: commands, imports)."""

    actor_id: int | None


E = TypeVar("E", bound=DomainEvent)

_receivers: dict[type[DomainEvent], list[Callable[[DomainEvent], object]]] = {}


def subscribe(event_type: type[E], receiver: Callable[[E], object]) -> Callable[[E], object]:
    """Have `receiver` called with every committed event of `event_type` (or a subclass).

    Subscribing the same receiver twice has no effect, so a `ready()` that runs again does
    not double the deliveries. Returns the receiver, so it also works as a decorator's body.
    """
    receivers = _receivers.setdefault(event_type, [])
    if receiver not in receivers:
        receivers.append(receiver)  # type: ignore[arg-type]
    return receiver


def receiver(event_type: type[E]) -> Callable[[Callable[[E], object]], Callable[[E], object]]:
    """Decorator form of `subscribe`, for a `receivers.py`."""

    def register(function: Callable[[E], object]) -> Callable[[E], object]:
        return subscribe(event_type, function)

    return register


def unsubscribe(event_type: type[E], receiver: Callable[[E], object]) -> None:
    receivers = _receivers.get(event_type, [])
    if receiver in receivers:
        receivers.remove(receiver)  # type: ignore[arg-type]


def receivers_of(event: DomainEvent) -> list[Callable[[DomainEvent], object]]:
    """The receivers of an event: those of its class and of its base classes, in MRO order."""
    found: list[Callable[[DomainEvent], object]] = []
    for cls in type(event).__mro__:
        for function in _receivers.get(cls, []):
            if function not in found:
                found.append(function)
    return found


def emit(event: DomainEvent, *, using: str | None = None) -> None:
    """Deliver `event` after the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: deliver(event), using=using)


def deliver(event: DomainEvent) -> None:
    """Call every receiver; one that fails is logged and does not stop the others."""
    for function in receivers_of(event):
        try:
            function(event)
        except Exception:
            logger.exception("Receiver %r failed on %r", function, event)


@contextmanager
def listening(event_type: type[E] = DomainEvent) -> Iterator[list[E]]:  # type: ignore[assignment]
    """Collect the delivered events of a type while the block runs (for tests and commands)."""
    heard: list[E] = []
    subscribe(event_type, heard.append)
    try:
        yield heard
    finally:
        unsubscribe(event_type, heard.append)
