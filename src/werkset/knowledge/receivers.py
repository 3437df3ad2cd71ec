"""The index follows the reports (ADR 14): after a report's workflow step, new version,
removal or restoration is committed, the reports it touches are indexed again."""

from werkset.core.events import subscribe
from werkset.reports.events import (
    ReportCorrected,
    ReportEvent,
    ReportRemoved,
    ReportRestored,
    ReportStatusChanged,
    ReportWithdrawn,
)
from werkset.reports.models import Report

from .indexing import knowledge_index_reports


def on_report_changed(event: ReportEvent) -> None:
    """A finalised report enters the index and the version it replaces leaves it; a
    withdrawn one leaves it with the earlier versions withdrawn along."""
    ids = {event.report_id}
    if isinstance(event, ReportWithdrawn):
        ids.update(event.also_withdrawn_ids)
    if isinstance(event, ReportCorrected):
        ids.add(event.corrects_id)
    corrects = Report.objects.filter(pk=event.report_id).values_list("corrects_id", flat=True)
    ids.update(pk for pk in corrects if pk is not None)
    knowledge_index_reports(report_ids=ids)


for _event_type in (ReportStatusChanged, ReportCorrected, ReportRemoved, ReportRestored):
    subscribe(_event_type, on_report_changed)
