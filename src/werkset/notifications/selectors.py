"""Notifications read: a user's own, unread first; the count in the header; preferences."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, QuerySet

from werkset.accounts.models import User

from . import kinds
from .models import Notification, NotificationPreference


def notifications_of(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first."""
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )


# The header shows the count on every page: it is kept in the shared cache and forgotten
# (services.unread_forget) after every commit that adds or reads a notification; the
# timeout bounds how long a change made outside those services could go unseen.
UNREAD_TIMEOUT = 300


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(*, user: User) -> int:
    """The number of the user's unread notifications (one query when not kept)."""
    key = unread_key(user.pk)
    count: int | None = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TIMEOUT)
    return count


@dataclass(frozen=True)
class PreferenceRow:
    kind: kinds.Kind
    mail: bool


def preferences_of(*, user: User) -> list[PreferenceRow]:
    """Every kind with whether it comes by mail (the user's choice, else the default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mail"))
    return [
        PreferenceRow(kind=kind, mail=chosen.get(key, kind.mail_default))
        for key, kind in kinds.KINDS.items()
    ]
