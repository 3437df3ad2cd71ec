"""Reading documents: the current one of a report and format, and the state a concept
document belongs to; the same for the national synthesis of a period."""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
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
from werkset.reports.selectors import reports_compared

from .models import Document, DocumentStatus, MadeDocument, SynthesisDocument


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


def document_is_waiting(document: MadeDocument) -> bool:
    """Queued for longer than a worker normally needs to start (a worker may be down)."""
    waited = timezone.now() - document.requested_at
    return document.status == DocumentStatus.QUEUED and waited >= timedelta(
        seconds=settings.WERKSET_DOCUMENT_WAIT_SECONDS
    )


def synthesis_stamp(*, scope: Scope, period: str) -> str:
    """A fingerprint of what a synthesis of `period` shows: the finalised reports the scope
    compares, with their answers' revisions and their assessments (maturity, toetsingskader,
    bottleneck codes), which the national analysis may change after finalisation."""
    reports = reports_compared(scope=scope).filter(period=period, status=ReportStatus.VASTGESTELD)
    ids = list(reports.order_by("pk").values_list("pk", "number", "finalised_at"))
    report_ids = [row[0] for row in ids]
    parts = [
        ids,
        list(
            Answer.objects.filter(report_id__in=report_ids)
            .order_by()
            .aggregate(n=Count("pk"), revisions=Sum("revision"), top=Max("pk"))
            .values()
        ),
        list(
            ThemeMaturity.objects.filter(report_id__in=report_ids)
            .order_by("pk")
            .values_list("pk", "level", "updated_at")
        ),
        list(
            CriterionAnswer.objects.filter(report_id__in=report_ids)
            .order_by("pk")
            .values_list("pk", "verdict", "updated_at")
        ),
        list(
            BottleneckCode.objects.filter(answer__report_id__in=report_ids)
            .order_by("pk")
            .values_list("pk", "code")
        ),
    ]
    encoded = json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def syntheses_current(
    *, period: str, catalogue: CatalogueVersion, fmt: str, stamp: str
) -> QuerySet[SynthesisDocument]:
    """Syntheses that still show the period as it is, made or being made."""
    return SynthesisDocument.objects.filter(
        period=period, catalogue_version=catalogue, format=fmt, stamp=stamp
    ).exclude(status=DocumentStatus.FAILED)


def syntheses_latest(*, period: str, catalogue: CatalogueVersion) -> list[SynthesisDocument]:
    """The latest synthesis of the period per format (the comparison page shows them)."""
    found: dict[str, SynthesisDocument] = {}
    for document in SynthesisDocument.objects.filter(
        period=period, catalogue_version=catalogue
    ).order_by("-requested_at", "-pk")[:20]:
        found.setdefault(document.format, document)
    return sorted(found.values(), key=lambda d: d.format)
