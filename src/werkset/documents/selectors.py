"""Reading documents: the current one of a report and format, and the state a concept
document belongs to; the same for the national synthesis of a period."""

import hashlib
import json

from django.db.models import QuerySet

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion
from werkset.core.jobs import job_waiting
from werkset.outputs.variants import DEFAULT_VARIANT
from werkset.reports.content_changes import content_stamp
from werkset.reports.models import (
    Report,
    ReportStatus,
    StatusChange,
)
from werkset.reports.selectors import reports_compared

from .models import DOCUMENT_JOB, Document, DocumentStatus, MadeDocument, SynthesisDocument


def report_content_stamp(*, report: Report) -> str:
    """A fingerprint of everything a document shows, which changes on every edit: the
    report's own fields, its newest content change (every write to its answers, running
    texts, own sections, items, comments and assessments: reports.content_changes, ADR 33)
    and its status history. A finalised report never changes, so its documents need no
    stamp."""
    parts = [
        [report.status, report.number, str(report.finalised_at)],
        [report.title, report.introduction, report.summary, report.story_revision],
        Report.objects.filter(pk=report.pk)
        .annotate(stamp=content_stamp())
        .values_list("stamp", flat=True)
        .get(),
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
    return job_waiting(DOCUMENT_JOB, document)


def synthesis_stamp(*, scope: Scope, period: str) -> str:
    """A fingerprint of what a synthesis of `period` shows: the finalised reports the scope
    compares, each with its newest content change (its answers and its assessments:
    maturity, toetsingskader and bottleneck codes, which the national analysis may change
    after finalisation)."""
    reports = reports_compared(scope=scope).filter(period=period, status=ReportStatus.VASTGESTELD)
    # Each report's newest content change covers its answers and assessments (ADR 33).
    parts = list(
        reports.annotate(stamp=content_stamp())
        .order_by("pk")
        .values_list("pk", "number", "finalised_at", "stamp")
    )
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
