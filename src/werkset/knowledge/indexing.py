"""Keeping the kennisbank's index: which reports are in it, and their passages.

A report is in the index while it is finalised (vastgesteld), not removed, and no newer
finalised version replaces it; a concept, a report under discussion and a withdrawn report
never are. `knowledge_index_reports` brings the index of some reports in line with that
rule (delete, then copy again), so every receiver (receivers.py) can call it for the
reports an event touches, and the bench and the demo for the reports they build in bulk.
The index is derived data: it is not audited (the report's own changes are).
"""

import html
from collections.abc import Iterable, Iterator
from typing import Any

import nh3
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Value

from werkset.catalogue.models import Theme
from werkset.core.kept import kept_forget
from werkset.core.markdown import markdown_to_html
from werkset.reports.models import (
    PracticeItem,
    Quote,
    Report,
    ReportSection,
    ReportStatus,
    SectionText,
    SourceDocument,
)

from .models import Passage, PassageKind

# The periods the index holds (the search form's filter), kept in the shared cache and
# forgotten whenever passages are written; the timeout bounds a change made elsewhere.
PERIODS_KEY = "knowledge:periods"
PERIODS_TIMEOUT = 300

# The index's version: every write of passages forgets it and the next search makes a new one;
# the search keeps its results under it (search.py), so a search after a write never finds
# the results of before.
INDEX_VERSION_KEY = "knowledge:index-version"

# The configuration of PostgreSQL's full-text search: Dutch stemming and stop words.
SEARCH_CONFIG = "dutch"


def plain_text(markdown: str) -> str:
    """The words of a Markdown text without its markup (what is searched and quoted)."""
    return html.unescape(nh3.clean(markdown_to_html(markdown), tags=set())).strip()


def reports_indexed() -> QuerySet[Report]:
    """The reports whose passages the kennisbank holds."""
    replaced = Report.objects.filter(
        corrects=OuterRef("pk"), status=ReportStatus.VASTGESTELD, removed_at__isnull=True
    )
    return Report.objects.filter(
        Q(status=ReportStatus.VASTGESTELD, removed_at__isnull=True) & ~Exists(replaced)
    )


def _passage(report: Report, *, theme: Theme | None = None, **fields: Any) -> Passage:
    return Passage(
        report_id=report.pk,
        network_id=report.network_id,
        region_id=report.region_id,
        period=report.period,
        theme=theme,
        theme_key=getattr(theme, "key", ""),
        **fields,
    )


def _passages(report: Report) -> Iterator[Passage]:
    """Every searchable piece of one report, with its anchor on the report's pages."""
    for field in ("introduction", "summary"):
        if text := plain_text(getattr(report, field)):
            yield _passage(report, kind=PassageKind.TEXT, title=report.title, body=text)
    for section_text in SectionText.objects.filter(report=report).select_related(
        "theme", "element"
    ):
        if text := plain_text(section_text.text):
            element = section_text.element
            yield _passage(
                report,
                kind=PassageKind.TEXT,
                theme=section_text.theme,
                anchor=f"tekst-{element.key}" if element else "tekst-thema",
                title=element.title if element else section_text.theme.title,
                body=text,
            )
    for section in ReportSection.objects.filter(report=report).select_related("theme"):
        yield _passage(
            report,
            kind=PassageKind.TEXT,
            theme=section.theme,
            anchor=f"eigen-{section.pk}",
            title=section.title,
            body=plain_text(section.text),
        )
    for item in PracticeItem.objects.filter(report=report).select_related("theme"):
        yield _passage(
            report,
            kind=PassageKind.PRACTICE,
            theme=item.theme,
            practice_item=item,
            anchor=f"praktijk-{item.pk}",
            title=item.title,
            body="\n".join(filter(None, [plain_text(item.text), item.source])),
        )
    for quote in Quote.objects.filter(report=report).select_related("theme"):
        yield _passage(
            report,
            kind=PassageKind.QUOTE,
            theme=quote.theme,
            anchor=f"citaat-{quote.pk}",
            title=quote.attribution,
            body=quote.text,
        )
    for source in SourceDocument.objects.filter(report=report).select_related("theme"):
        yield _passage(
            report,
            kind=PassageKind.SOURCE,
            theme=source.theme,
            anchor=f"bron-{source.pk}",
            title=source.title,
            body=plain_text(source.description),
        )


def index_kept_forget() -> None:
    """Forget the kept list of periods (search.passage_periods) and the index's version (the
    next search makes a new one, so no kept result is found again), now and after the
    commit."""
    kept_forget(PERIODS_KEY, INDEX_VERSION_KEY)


def knowledge_index_reports(*, report_ids: Iterable[int]) -> int:
    """Bring the index of these reports in line with `reports_indexed`; returns the number
    of passages written."""
    ids = sorted(set(report_ids))
    written = 0
    with transaction.atomic():
        index_kept_forget()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            Passage.objects.filter(report_id__in=chunk).delete()
            rows: list[Passage] = []
            for report in reports_indexed().filter(pk__in=chunk).order_by("pk"):
                rows.extend(_passages(report))
            Passage.objects.bulk_create(rows, batch_size=1000)
            written += len(rows)
            if rows and connection.vendor == "postgresql":
                # Title weighs more than text; 'dutch' stems both (ADR 27).
                Passage.objects.filter(report_id__in=chunk).update(
                    search_vector=SearchVector("title", weight="A", config=Value(SEARCH_CONFIG))
                    + SearchVector("body", weight="B", config=Value(SEARCH_CONFIG))
                )
    return written


def knowledge_rebuild() -> int:
    """Make the whole index again from the reports (the demo, the bench, after a restore)."""
    with transaction.atomic():
        Passage.objects.all().delete()
        ids = list(reports_indexed().values_list("pk", flat=True))
        return knowledge_index_reports(report_ids=ids)
