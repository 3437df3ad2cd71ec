"""Reading documents: the current one of a report and format, and the state a concept
document belongs to."""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from werkset.outputs.variants import DEFAULT_VARIANT
from werkset.reports.models import (
    Answer,
    Comment,
    PracticeItem,
    Quote,
    Report,
    ReportSection,
    ReportStatus,
    SectionText,
    SourceDocument,
    StatusChange,
)

from .models import Document, DocumentStatus


def report_content_stamp(*, report: Report) -> str:
    """A fingerprint of everything a document shows, which changes on every edit.

    Answers and running texts carry a revision that every save raises; practice items,
    quotes and sources are edited in place without one, so their content counts itself.
    A finalised report never changes, so its documents need no stamp.
    """
    parts = [
        [report.status, report.number, str(report.finalised_at)],
        [report.title, report.introduction, report.summary, report.story_revision],
        list(
            ReportSection.objects.filter(report=report)
            .order_by("pk")
            .values_list("pk", "revision", "position", "is_chapter", "theme", "element", "title")
        ),
        list(Answer.objects.filter(report=report).order_by("pk").values_list("pk", "revision")),
        list(
            SectionText.objects.filter(report=report).order_by("pk").values_list("pk", "revision")
        ),
        list(
            PracticeItem.objects.filter(report=report)
            .order_by("pk")
            .values_list(
                "pk",
                "position",
                "theme",
                "element",
                "section",
                "paragraph",
                "kind",
                "title",
                "text",
                "source",
                "image",
                "image_alt",
            )
        ),
        list(
            Quote.objects.filter(report=report)
            .order_by("pk")
            .values_list(
                "pk",
                "position",
                "theme",
                "element",
                "section",
                "paragraph",
                "text",
                "attribution",
            )
        ),
        list(
            SourceDocument.objects.filter(report=report)
            .order_by("pk")
            .values_list("pk", "position", "theme", "element", "title", "description")
        ),
        list(Comment.objects.filter(report=report).order_by("pk").values_list("pk", "resolved_at")),
        list(StatusChange.objects.filter(report=report).order_by("pk").values_list("pk")),
    ]
    encoded = json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def documents_current(
    *, report: Report, fmt: str, variant: str = DEFAULT_VARIANT, stamp: str = ""
) -> QuerySet[Document]:
    """Documents that still show the report as it is, in this format and layout: of a
    finalised report any made or being made; of a concept only those made from the same
    state (`stamp`)."""
    documents = Document.objects.filter(report=report, format=fmt, variant=variant).exclude(
        status=DocumentStatus.FAILED
    )
    if report.status == ReportStatus.VASTGESTELD:
        return documents.filter(report_status=ReportStatus.VASTGESTELD)
    return documents.filter(report_status=report.status, stamp=stamp)


def document_is_waiting(document: Document) -> bool:
    """Queued for longer than a worker normally needs to start (a worker may be down)."""
    waited = timezone.now() - document.requested_at
    return document.status == DocumentStatus.QUEUED and waited >= timedelta(
        seconds=settings.WERKSET_DOCUMENT_WAIT_SECONDS
    )
