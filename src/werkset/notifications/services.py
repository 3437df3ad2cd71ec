"""Notifications written (ADR 24): recorded for their recipients after the event's commit,
read, and the preferences of who wants which mail. Receivers (receivers.py) and periodic
checks (points_overdue_notify) call `notify`."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.core.services import audit_record

from . import kinds
from .audit import NotificationAuditAction
from .delivery import deliver
from .models import MailState, Notification, NotificationPreference

MESSAGE_MAX = 300


def message_render(kind: str, values: Mapping[str, Any]) -> str:
    """The kind's sentence, in the installation's language, on one line."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(kinds.KINDS[kind].template, dict(values))
    return " ".join(text.split())[:MESSAGE_MAX]


def mail_wanted(*, kind: str, user_ids: Iterable[int]) -> set[int]:
    """Who of these users wants this kind by mail (their preference, else the default)."""
    ids = set(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(kind=kind, user_id__in=ids).values_list(
            "user_id", "mail"
        )
    )
    default = kinds.kind_mail_default(kind)
    return {user_id for user_id in ids if chosen.get(user_id, default)}


def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    values: Mapping[str, Any],
    url: str,
    key: str = "",
) -> list[Notification]:
    """Record a notification for each recipient and deliver it (delivery.deliver).

    With a `key`, a recipient who was notified of this kind and key before is not notified
    again (the check that runs every day notifies once per item). Returns the new ones."""
    kinds.validate_kind(kind)
    people = {user.pk: user for user in recipients}
    if not people:
        return []
    message = message_render(kind, values)
    wanted = mail_wanted(kind=kind, user_ids=people)
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            message=message,
            url=url,
            data=dict(values),
            key=key,
            mail=MailState.WANTED if user.pk in wanted else MailState.NONE,
        )
        for user in people.values()
    ]
    with transaction.atomic():
        if key:
            known = set(
                Notification.objects.filter(
                    kind=kind, key=key, recipient_id__in=people
                ).values_list("recipient_id", flat=True)
            )
            rows = [row for row in rows if row.recipient_id not in known]
        created = Notification.objects.bulk_create(rows)
    for notification in created:
        deliver(notification)
    return created


def notification_mark_read(*, user: User, notification_id: int) -> bool:
    """Mark one of the user's own notifications read; False when it is not theirs."""
    mine = Notification.objects.filter(pk=notification_id, recipient=user)
    if mine.filter(read_at__isnull=True).update(read_at=timezone.now()):
        return True
    return mine.exists()


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_save(*, user: User, mail: Mapping[str, bool]) -> None:
    """Which kinds the user gets by mail; kinds not mentioned keep their setting."""
    with transaction.atomic():
        for kind, wanted in mail.items():
            kinds.validate_kind(kind)
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"mail": bool(wanted)}
            )
        audit_record(
            actor=user,
            action=NotificationAuditAction.PREFERENCES_SAVED,
            target=user,
            summary=_("Notification preferences of %(user)s saved") % {"user": user.get_username()},
            detail={kind: bool(wanted) for kind, wanted in mail.items()},
        )


def points_overdue_notify(*, on: datetime.date) -> int:
    """Tell each owner of an open improvement point whose target date has passed, once per
    point and target date (a later target date that passes again is told again). Returns
    how many notifications were made."""
    from django.urls import reverse

    from werkset.improvement.selectors import points_overdue

    from .audiences import Scopes, point_owner

    made = 0
    scopes = Scopes()
    for point in points_overdue(on=on):
        owners = point_owner(point, scopes)
        if not owners:
            continue
        values = {
            "point_id": point.pk,
            "network": point.network.name,
            "target_date": point.target_date.isoformat(),
        }
        made += len(
            notify(
                kind=kinds.POINT_OVERDUE,
                recipients=owners,
                values=values,
                url=reverse("improvement:point", args=[point.pk]),
                key=f"point:{point.pk}:{point.target_date.isoformat()}",
            )
        )
    return made
