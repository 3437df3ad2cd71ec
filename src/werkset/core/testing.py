"""Test helpers for domain events: what a service delivers after commit, and after a rollback.

`capture` is pytest-django's `django_capture_on_commit_callbacks` fixture: the test's own
transaction never commits, so the helpers run the on-commit callbacks as a commit would.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction

from .events import DomainEvent, listening


class Rollback(Exception):
    """Raised inside a transaction to roll it back on purpose."""


def delivered(capture: Any, action: Callable[[], object]) -> list[DomainEvent]:
    """The events delivered once `action()` has committed."""
    with listening(DomainEvent) as heard, capture(execute=True):
        action()
    return list(heard)


def delivered_after_rollback(capture: Any, action: Callable[[], object]) -> list[object]:
    """Run `action()` in a transaction that rolls back; what was delivered or is still waiting
    for a commit (both should be nothing)."""
    with listening(DomainEvent) as heard, capture(execute=True) as callbacks:
        try:
            with transaction.atomic():
                action()
                raise Rollback
        except Rollback:
            pass
    return [*heard, *callbacks]
