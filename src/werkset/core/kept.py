"""Values kept in the shared cache: made once, read by the requests after it, and forgotten
when what they were made from changes. The one shape every kept list and result uses."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")


def kept(key: str, make: Callable[[], T], *, timeout: int | None) -> T:
    """What `make` makes, kept under `key` for `timeout` seconds (None: until forgotten).
    `make` must not return None (None is what the cache gives for a missing key)."""
    found: T | None = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, timeout)
    return found


def kept_forget(*keys: str) -> None:
    """Forget kept values now and again after the commit: a request in between cannot keep
    what it read before the commit."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
