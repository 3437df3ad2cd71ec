"""Notifications read: a user's own, unread first; the count in the header; preferences."""

from dataclasses import dataclass

from django.db.models import F, QuerySet

from werkset.accounts.models import User

from . import kinds
from .models import Notification, NotificationPreference


def notifications_of(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first."""
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )


def unread_count(*, user: User) -> int:
    """One query (an index on recipient and read_at)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


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
