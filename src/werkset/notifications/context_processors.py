from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from werkset.accounts.models import User

from .selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Callable[[], int] | None]:
    """The header's count of unread notifications: a callable, so that the one query runs
    only on pages that show the header to a signed-in user."""
    user: Any = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {"werkset_unread_notifications": None}

    def count() -> int:
        cached: int | None = getattr(request, "_werkset_unread", None)
        if cached is None:
            cached = unread_count(user=user)
            request._werkset_unread = cached  # type: ignore[attr-defined]
        return cached

    return {"werkset_unread_notifications": count}
