"""Notifications written (ADR 24): recorded for their recipients after the event's commit,
read, and the preferences of who wants which mail. Receivers (receivers.py) and periodic
checks (points_overdue_notify) call `notify`."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.core.services import audit_record
from werkset.improvement.selectors import points_overdue
from werkset.rounds.selectors import rounds_open, units_not_submitted

from . import kinds
from .audiences import Scopes, point_owner, unit_rapporteurs
from .audit import NotificationAuditAction
from .delivery import deliver
from .models import MailState, Notification, NotificationPreference
from .round_values import round_values
from .selectors import unread_key

MESSAGE_MAX = 300


def unread_forget(*, user_ids: Iterable[int]) -> None:
    """Forget the kept unread counts of these users (selectors): now, and again after the
    commit, so that a page read in between cannot keep the count from before it."""
    keys = [unread_key(user_id) for user_id in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


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
        unread_forget(user_ids=[row.recipient_id for row in created])
    for notification in created:
        deliver(notification)
    return created


def notification_mark_read(*, user: User, notification_id: int) -> bool:
    """Mark one of the user's own notifications read; False when it is not theirs."""
    mine = Notification.objects.filter(pk=notification_id, recipient=user)
    if mine.filter(read_at__isnull=True).update(read_at=timezone.now()):
        unread_forget(user_ids=[user.pk])
        return True
    return mine.exists()


def notifications_mark_all_read(*, user: User) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_forget(user_ids=[user.pk])
    return marked


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


# A round's deadline is near from this many days before it (the daily check tells once).
DEADLINE_NEAR_DAYS = 7


def rounds_deadline_notify(*, on: datetime.date) -> int:
    """Tell the rapporteurs of each unit that has not reported in an open round
    (rounds.selectors.units_not_submitted: the status matrix's one rule) that the round's
    deadline is near (within DEADLINE_NEAR_DAYS days) or has passed: once per unit, round,
    kind and deadline (a deadline that is moved is told again). Returns how many
    notifications were made."""
    rounds = list(
        rounds_open().filter(deadline__lte=on + datetime.timedelta(days=DEADLINE_NEAR_DAYS))
    )
    waiting = units_not_submitted(rounds=rounds, today=on)
    made = 0
    scopes = Scopes()
    for reporting_round in rounds:
        kind = (
            kinds.ROUND_DEADLINE_PASSED
            if reporting_round.deadline < on
            else kinds.ROUND_DEADLINE_NEAR
        )
        for row in waiting.get(reporting_round.pk, []):
            region_id = row.region.pk if row.region is not None else None
            writers = unit_rapporteurs(scopes, network_id=row.network.pk, region_id=region_id)
            if not writers:
                continue
            if row.region is not None:
                unit_key = f"region-{row.region.pk}"
                url = reverse("region_workspace", args=[row.region.code])
            else:
                unit_key = f"network-{row.network.pk}"
                url = reverse("network_workspace", args=[row.network.code])
            made += len(
                notify(
                    kind=kind,
                    recipients=writers,
                    values=round_values(reporting_round) | {"unit": row.unit.name},
                    url=url,
                    key=(
                        f"round:{reporting_round.pk}:{unit_key}:"
                        f"{reporting_round.deadline.isoformat()}"
                    ),
                )
            )
    return made


def daily_check(*, on: datetime.date) -> int:
    """What the daily check tells (Celery beat or `werkset notifications check`): overdue
    improvement points and the deadlines of reporting rounds. Idempotent."""
    return points_overdue_notify(on=on) + rounds_deadline_notify(on=on)
