"""Requesting a report's document and making it in a worker (ADR 0016).

`document_request` runs in the web request: it checks access, reuses a document that
still shows the report as it is, or records a new one and hands it to the queue once the
transaction has committed. `document_claim`, `document_make` and `document_fail` run in
the worker (tasks.py). The file is written completely under a temporary name and then
moved into place, so a failure never leaves half a document.
"""

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from werkset.accounts.scope import scope_for_user
from werkset.core.jobs import job_claimable, job_move, job_stale
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.outputs.services import VARIANT_FORMATS, report_export
from werkset.outputs.variants import DEFAULT_VARIANT, DocumentVariant
from werkset.reports.models import Report, ReportStatus
from werkset.reports.selectors import reports_visible

from .models import (
    DOCUMENT_JOB,
    Document,
    DocumentFormat,
    DocumentStatus,
    MadeDocument,
    document_path,
)
from .selectors import document_is_waiting, documents_current, report_content_stamp

logger = logging.getLogger(__name__)

Made = TypeVar("Made", bound=MadeDocument)


def stale_running(document: MadeDocument) -> bool:
    """Running for longer than a task may: its worker died (the message comes back)."""
    return job_stale(DOCUMENT_JOB, document)


def made_enqueue(document_id: int, *, synthesis: bool = False) -> None:
    """Hand the document (with `synthesis`, the national synthesis) to the queue; when the
    broker cannot be reached it stays queued (the page says it waits) and the next request
    for it hands it over again. The task is imported here: tasks.py imports this module."""
    from .tasks import document_render, synthesis_render

    task, what = (synthesis_render, "Synthese") if synthesis else (document_render, "Document")
    try:
        task.delay(document_id)
    except BrokerUnavailable:
        logger.exception("%s %s niet aan de wachtrij gegeven", what, document_id)


def made_request(
    *, current: Made | None, create: Callable[[], Made], enqueue: Callable[[int], None]
) -> tuple[Made, bool]:
    """The step every request for a made document shares, inside the caller's transaction
    (under its lock): reuse `current`, else `create` a queued one; hand it to the queue
    after commit when it is new, has waited too long or its worker died. Returns the
    document and whether it was reused, for the caller's audit record."""
    reused = current is not None
    document = current if current is not None else create()
    if not reused or document_is_waiting(document) or stale_running(document):
        document_id = document.pk
        transaction.on_commit(lambda: enqueue(document_id))
    return document, reused


def document_request(
    *, report: Report, format: str, user: Any, variant: str = DEFAULT_VARIANT
) -> Document:
    """The document of `report` in `format` and layout `variant` for `user`: one that
    still shows the report as it is, or a new one that a worker makes. PermissionDenied
    when the user may not see the report (the rule of reports.selectors.reports_visible).
    A workbook has one layout: its variant is always the default."""
    if format not in DocumentFormat.values:
        raise ValueError(_("Unknown format '%(format)s'.") % {"format": format})
    if variant not in DocumentVariant.values:
        raise ValueError(_("Choose the layout: report or questionnaire."))
    if format not in VARIANT_FORMATS:
        variant = DEFAULT_VARIANT
    if not reports_visible(scope=scope_for_user(user)).filter(pk=report.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        # One request at a time per report, so two people asking at once share a document.
        locked = Report.objects.select_for_update().get(pk=report.pk)
        stamp = (
            "" if locked.status == ReportStatus.VASTGESTELD else report_content_stamp(report=locked)
        )
        document, reused = made_request(
            current=documents_current(
                report=locked, fmt=format, variant=variant, stamp=stamp
            ).first(),
            create=lambda: Document.objects.create(
                report=locked,
                report_number=locked.number,
                report_status=locked.status,
                stamp=stamp,
                format=format,
                variant=variant,
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            ),
            enqueue=made_enqueue,
        )
        audit_record(
            actor=user,
            action=AuditAction.REPORT_EXPORTED,
            target=locked,
            summary=_("Document of report %(report)s requested as %(format)s")
            % {"report": locked, "format": format},
            detail={
                "format": format,
                "variant": variant,
                "document": document.pk,
                "reused": reused,
            },
        )
    return document


def document_claim(*, document_id: int) -> Document | None:
    """Mark the document as being made by this worker; None when there is nothing to do
    (made already, failed, or being made by a worker that is still alive)."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update().filter(pk=document_id).select_related("report")
        ).first()
        if document is None or not job_claimable(DOCUMENT_JOB, document):
            return None
        if document.report.status != ReportStatus.VASTGESTELD:
            # What is made now: a later edit makes the next request make a new one.
            document.stamp = report_content_stamp(report=document.report)
            document.report_status = document.report.status
        made_running(document, "stamp", "report_status")
    return document


def made_running(document: MadeDocument, *fields: str) -> None:
    """Mark a claimed document as being made (and save `fields` the caller set with it)."""
    document.status = DocumentStatus.RUNNING
    document.started_at = timezone.now()
    document.attempts += 1
    document.save(update_fields=[*fields, "status", "started_at", "attempts"])


def _write_complete(name: str, content: bytes) -> str:
    """Store `content` under `name` all at once: on a file system in a temporary file that
    is moved into place; an object store shows an object only when it is complete."""
    try:
        final = Path(default_storage.path(name))
    except NotImplementedError:
        return default_storage.save(name, ContentFile(content))
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as part:
            part.write(content)
            part.flush()
            os.fsync(part.fileno())
        os.chmod(temporary, getattr(default_storage, "file_permissions_mode", None) or 0o640)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def made_store(document: MadeDocument, name: str, content: bytes) -> None:
    """Store the file whole, then mark the row ready; the file goes again if the row cannot
    say so (never a ready row without its file, nor a file without its row)."""
    stored = _write_complete(name, content)
    try:
        with transaction.atomic():
            type(document)._default_manager.filter(pk=document.pk).update(
                status=DocumentStatus.READY, file=stored, error="", finished_at=timezone.now()
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    document.refresh_from_db()


def document_make(*, document: Document) -> Document:
    """Render the claimed document through outputs and store it; exceptions propagate
    (the task decides between a retry and a failure)."""
    report = Report.objects.select_related("region", "catalogue_version").get(pk=document.report_id)
    exported = report_export(
        report=report, fmt=document.format, user=document.requested_by, variant=document.variant
    )
    made_store(document, document_path(document, exported.filename), exported.content)
    logger.info("Document %s gemaakt (%s bytes)", document.pk, len(exported.content))
    _remove_superseded(document)
    return document


def _remove_superseded(document: Document) -> None:
    """Earlier concept documents of this report, format and layout: the new one replaces them, and
    their files would otherwise pile up with every edit. A finalised version's stay."""
    older = (
        Document.objects.filter(
            report_id=document.report_id, format=document.format, variant=document.variant
        )
        .filter(pk__lt=document.pk, status__in=[DocumentStatus.READY, DocumentStatus.FAILED])
        .exclude(report_status=ReportStatus.VASTGESTELD)
    )
    for name in older.exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)
    older.delete()


def made_requeue(document: MadeDocument) -> None:
    """Back in the queue for another attempt after a temporary fault; only a running
    document goes back (a finished one stays as it is)."""
    if not job_move(DOCUMENT_JOB, document, to=DocumentStatus.QUEUED):
        logger.info("Document %s is niet bezig: niet opnieuw in de wachtrij", document.pk)


def document_requeue(*, document: Document) -> None:
    """Back in the queue for another attempt after a temporary fault."""
    made_requeue(document)


def failure_message(reason: str) -> str:
    """What the page says when a document could not be made, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "render": _(
                "The document could not be made. Try again; if it fails again, tell the "
                "administrator."
            ),
            "timeout": _("Making the document took too long. Try again later."),
            "transient": _(
                "The document could not be made because of a temporary fault. Try again later."
            ),
        }[reason]


def made_fail(document: MadeDocument, reason: str) -> None:
    """Record that the document could not be made, unless it is finished already: a fault
    after it was stored (e.g. while removing superseded documents) leaves it ready."""
    moved = job_move(
        DOCUMENT_JOB,
        document,
        to=DocumentStatus.FAILED,
        error=failure_message(reason),
        file="",
        finished_at=timezone.now(),
    )
    if not moved:
        logger.warning(
            "Document %s was al klaar: de fout (%s) verandert het niet", document.pk, reason
        )


def document_fail(*, document: Document, reason: str) -> None:
    """Record that the document could not be made, with a message in Dutch for the page."""
    made_fail(document, reason)
