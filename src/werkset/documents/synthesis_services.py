"""Requesting the national synthesis of a period and making it in a worker (issue 22,
item 5), on the path of a report's documents (ADR 0016): a row, queued after the
transaction commits, claimed under a lock, written completely or not at all.

Who may is comparison/policy.py's; what the document shows is
comparison/synthesis/figures.py's, read with the scope of the person who asked for it.
"""

import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import CatalogueVersion
from werkset.comparison.audit import ComparisonAuditAction
from werkset.comparison.policy import synthesis_may_request
from werkset.comparison.selectors.entries import catalogue_versions, period_overview
from werkset.comparison.synthesis.figures import synthesis_figures
from werkset.core.jobs import job_claimable
from werkset.core.services import audit_record

from .models import DOCUMENT_JOB, SynthesisDocument, SynthesisFormat, synthesis_path
from .selectors import syntheses_current, synthesis_stamp
from .services import (
    made_enqueue,
    made_fail,
    made_request,
    made_requeue,
    made_running,
    made_store,
)

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    SynthesisFormat.PDF: "application/pdf",
    SynthesisFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def synthesis_filename(document: SynthesisDocument) -> str:
    return f"werkset-synthese-{slugify(document.period)}.{document.format}"


def synthesis_request(
    *, period: str, catalogue: CatalogueVersion, format: str, user: Any, site: str = ""
) -> SynthesisDocument:
    """The synthesis of `period` in `format`: one that still shows the period as it is, or
    a new one that a worker makes. PermissionDenied for anyone but the national role;
    ValueError (in Dutch) for a format or a period there is nothing to make of."""
    scope = scope_for_user(user)
    if not synthesis_may_request(scope):
        raise PermissionDenied
    if format not in SynthesisFormat.values:
        raise ValueError(_("Choose PDF or Word."))
    if period not in period_overview(scope=scope).periods:
        raise ValueError(_("There are no reports of this period."))
    with transaction.atomic():
        # One request at a time per catalogue version, so two people asking share one.
        CatalogueVersion.objects.select_for_update().filter(pk=catalogue.pk).first()
        stamp = synthesis_stamp(scope=scope, period=period)
        document, reused = made_request(
            current=syntheses_current(
                period=period, catalogue=catalogue, fmt=format, stamp=stamp
            ).first(),
            create=lambda: SynthesisDocument.objects.create(
                period=period,
                catalogue_version=catalogue,
                stamp=stamp,
                format=format,
                site=site[:200],
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            ),
            enqueue=partial(made_enqueue, synthesis=True),
        )
        audit_record(
            actor=user,
            action=ComparisonAuditAction.SYNTHESIS_REQUESTED,
            target=document,
            summary=_("National synthesis of %(period)s requested as %(format)s")
            % {"period": period, "format": format},
            detail={"format": format, "period": period, "reused": reused},
        )
    return document


def synthesis_claim(*, document_id: int) -> SynthesisDocument | None:
    """Mark it as being made by this worker; None when there is nothing to do."""
    with transaction.atomic():
        document = SynthesisDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or not job_claimable(DOCUMENT_JOB, document):
            return None
        made_running(document)
    return document


def synthesis_render_bytes(*, document: SynthesisDocument) -> bytes:
    """The document's content, read with the scope of whoever asked for it (the national
    role sees every finalised report), in the site's language."""
    scope = scope_for_user(document.requested_by) if document.requested_by else None
    if scope is None or not synthesis_may_request(scope):
        raise PermissionDenied
    with translation.override(settings.LANGUAGE_CODE):
        figures = synthesis_figures(
            scope=scope,
            period=document.period,
            catalogue=document.catalogue_version,
            versions=catalogue_versions(),
            site=document.site,
        )
        if document.format == SynthesisFormat.PDF:
            # inside: keeps WeasyPrint off every request's import path
            from werkset.comparison.synthesis.pdf import synthesis_pdf

            return synthesis_pdf(synthesis=figures)
        # inside: keeps python-docx off every request's import path
        from werkset.comparison.synthesis.word import synthesis_docx

        return synthesis_docx(synthesis=figures)


def synthesis_make(*, document: SynthesisDocument) -> SynthesisDocument:
    """Render the claimed synthesis and store it; exceptions propagate (the task decides)."""
    content = synthesis_render_bytes(document=document)
    made_store(document, synthesis_path(document, synthesis_filename(document)), content)
    logger.info("Synthese %s gemaakt (%s bytes)", document.pk, len(content))
    return document


def synthesis_requeue(*, document: SynthesisDocument) -> None:
    """Back in the queue after a temporary fault (only while it is being made)."""
    made_requeue(document)


def synthesis_fail(*, document: SynthesisDocument, reason: str) -> None:
    """Record that it could not be made, with the message the report documents give
    (unless it is finished already)."""
    made_fail(document, reason)
