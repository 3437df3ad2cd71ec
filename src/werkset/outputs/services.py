"""Exporting a report in one of its formats; every export is recorded in the audit log."""

import json
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.reports.models import Report

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


def report_filename(report: Report, extension: str) -> str:
    return (
        f"werkset-{slugify(report.unit.code)}-{report.period}-"
        f"{report.catalogue_version.slug}-v{report.number}.{extension}"
    )


def _render(report: Report, fmt: str) -> bytes:
    # The renderers are imported here, not at the top, only to keep their libraries
    # (WeasyPrint, python-docx, openpyxl, jsonschema) off start-up; there is no cycle.
    if fmt == "pdf":
        from .pdf import report_pdf

        return report_pdf(report=report)
    if fmt == "docx":
        from .word import report_docx

        return report_docx(report=report)
    if fmt == "xlsx":
        from .excel_writer import report_workbook

        return report_workbook(report=report)
    from .archive_export import report_json

    return json.dumps(report_json(report=report), ensure_ascii=False, indent=2).encode("utf-8")


def report_export(*, report: Report, fmt: str, user: Any | None) -> ExportedFile:
    """Render a report as pdf, docx, xlsx or json, and record who exported it."""
    if fmt not in FORMATS:
        raise ValueError(_("Unknown format '%(format)s'.") % {"format": fmt})
    content = _render(report, fmt)
    audit_record(
        actor=user,
        action=AuditAction.REPORT_EXPORTED,
        target=report,
        summary=_("Report %(report)s exported as %(format)s") % {"report": report, "format": fmt},
        detail={"format": fmt, "bytes": len(content)},
    )
    return ExportedFile(
        content=content, filename=report_filename(report, fmt), content_type=FORMATS[fmt]
    )
