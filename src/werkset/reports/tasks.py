"""Periodic upkeep of the reports app: run daily by Celery beat (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task  # type: ignore[import-untyped]

from .content_changes import content_changes_prune


@shared_task(name="werkset.reports.content_changes_prune")
def prune_content_changes() -> int:
    """Keep only each report's newest content change (its stamp; ADR 33)."""
    return content_changes_prune()
