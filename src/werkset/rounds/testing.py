"""Reporting rounds as test ground: a report starts only in an open round (issue 19), so
tests that start reports open the round of their period first (the `report` fixture does)."""

from datetime import date, timedelta

from django.utils import timezone

from werkset.catalogue.models import CatalogueVersion

from .models import ReportingRound, RoundStatus


def round_opened(
    *, period: str, catalogue_version: CatalogueVersion, deadline: date | None = None
) -> ReportingRound:
    """The open round of `period` with this catalogue version (made or set so), written
    directly as a fixture: rounds/services.py and its tests are where opening is checked."""
    reporting_round, _created = ReportingRound.objects.update_or_create(
        period=period,
        defaults={
            "catalogue_version": catalogue_version,
            "deadline": deadline or timezone.localdate() + timedelta(days=60),
            "status": RoundStatus.OPEN,
            "closed_at": None,
        },
    )
    return reporting_round
