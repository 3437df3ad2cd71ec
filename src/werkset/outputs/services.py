"""Exporting a report in one of its formats; every export is recorded in the audit log."""

import json
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.reports.models import Report

from .variants import DEFAULT_VARIANT, DocumentVariant

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    filename: str
    content_type: str


# The formats that come in two layouts (variants.py); the others have one.
VARIANT_FORMATS = ("pdf", "docx")


def report_filename(report: Report, extension: str, variant: str = DEFAULT_VARIANT) -> str:
    """The download's name; the questionnaire layout says so, the report layout is plain."""
    suffix = "-vragenlijst" if variant == DocumentVariant.VRAGENLIJST else ""
    if extension not in VARIANT_FORMATS:
        suffix = ""
    return (
        f"werkset-{slugify(report.unit.code)}-{report.period}-"
        f"{report.catalogue_version.slug}-v{report.number}{suffix}.{extension}"
    )


def _render(report: Report, fmt: str, variant: str) -> bytes:
    # The renderers are imported here, not at the top, only to keep their libraries
    # (WeasyPrint, python-docx, openpyxl, jsonschema) off start-up; there is no cycle.
    if fmt == "pdf":
        from .pdf import report_pdf

        return report_pdf(report=report, variant=variant)
    if fmt == "docx":
        from .word import report_docx

        return report_docx(report=report, variant=variant)
    if fmt == "xlsx":
        from .excel_writer import report_workbook

        return report_workbook(report=report)
    from .archive_export import report_json

    return json.dumps(report_json(report=report), ensure_ascii=False, indent=2).encode("utf-8")


def report_export(
    *, report: Report, fmt: str, user: Any | None, variant: str = DEFAULT_VARIANT
) -> ExportedFile:
    """Render a report as pdf, docx (in layout `variant`), xlsx or json, and record who
    exported it."""
    if fmt not in FORMATS:
        raise ValueError(_("Unknown format '%(format)s'.") % {"format": fmt})
    if variant not in DocumentVariant.values:
        raise ValueError(_("Choose the layout: report or questionnaire."))
    content = _render(report, fmt, variant)
    audit_record(
        actor=user,
        action=AuditAction.REPORT_EXPORTED,
        target=report,
        summary=_("Report %(report)s exported as %(format)s") % {"report": report, "format": fmt},
        detail={"format": fmt, "variant": variant, "bytes": len(content)},
    )
    return ExportedFile(
        content=content,
        filename=report_filename(report, fmt, variant),
        content_type=FORMATS[fmt],
    )
