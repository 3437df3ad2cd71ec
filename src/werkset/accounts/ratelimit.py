"""A small counter in the shared cache: how often something happened in a time window.

Used for 'wachtwoord vergeten' (per address and per client address). The cache is the one
all app servers share in production (WERKSET_CACHE_URL). Keys hold a hash, never an
e-mail address."""

import hashlib

from django.core.cache import cache


def limit_reached(*, kind: str, value: str, limit: int, window_seconds: int) -> bool:
    """Count one more event for (kind, value); True when that goes over `limit`."""
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    key = f"werkset:rate:{kind}:{digest}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
