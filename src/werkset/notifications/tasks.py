"""The periodic check of the notifications (ADR 24): run daily by Celery beat
(CELERY_BEAT_SCHEDULE in conf/base.py) or by cron with `werkset notifications check`."""

from celery import shared_task  # type: ignore[import-untyped]
from django.utils import timezone

from .services import daily_check


@shared_task(name="werkset.notifications.check_overdue")
def check_overdue() -> int:
    """Notify the owners of improvement points that became overdue (once per point), and the
    rapporteurs of units that have not reported when a round's deadline is near or passed
    (once per unit, round and kind)."""
    return daily_check(on=timezone.localdate())
