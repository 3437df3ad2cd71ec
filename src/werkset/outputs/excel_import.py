"""Importing a filled-in workbook's answers into its report.

Everything is checked before anything is written, and then written in one transaction: a
workbook with any error changes nothing, and the person gets every problem at once, each
with its sheet and cell and a Dutch message. Unchanged rows are skipped; an answer changed
in werkset since the download is refused rather than overwritten.

Reading and checking the workbook is in excel_reader.py; this module writes. The problem
types are in problems.py; the archive import is in archive_import.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.privacy.detectors import privacy_warnings
from werkset.regions.models import Organisation, Region, RegionalNetwork
from werkset.reports.answers import (
    UNIVERSAL_CHOICE_KEYS,
    AnswerContent,
    asked_fields,
    content_of,
)
from werkset.reports.models import Answer, ChangeSource, Report, period_label
from werkset.reports.policy import EDITABLE_STATUSES, report_may_write
from werkset.reports.services import answer_save

from .excel_layout import field_column_id
from .excel_reader import WorkbookMeta, problem_position, workbook_open, workbook_read
from .excel_rows import content_comparable
from .problems import ImportProblem, ImportRefused, refused


@dataclass(frozen=True)
class ImportResult:
    """What a workbook import changed, left as it was, and warned about."""

    changed: int
    unchanged: int
    warnings: list[ImportProblem]


def _describe_report(region: str, period: str, number: int) -> str:
    return _("%(region)s, %(period)s (version %(number)s)") % {
        "region": region,
        "period": period_label(period),
        "number": number,
    }


def _meta_unit_name(meta: WorkbookMeta) -> str:
    if meta.region:
        region = Region.objects.filter(code=meta.region).first()
        return region.name if region else meta.region
    network = RegionalNetwork.objects.filter(code=meta.network).first()
    return network.name if network else meta.network


def _meta_is_of(meta: WorkbookMeta, report: Report) -> bool:
    if meta.region:
        return report.region is not None and meta.region == report.region.code
    return report.region_id is None and meta.network == report.network.code


def _workbook_report(meta: WorkbookMeta, report: Report | None) -> Report:
    """The report the workbook belongs to; refused if that is not `report` or not here."""
    workbook_report = _describe_report(_meta_unit_name(meta), meta.period, meta.number)
    if report is not None:
        report = Report.objects.select_related("region", "network", "catalogue_version").get(
            pk=report.pk
        )
        if meta.catalogue != report.catalogue_version.slug:
            raise refused(
                _(
                    "This workbook was made with catalogue version %(workbook)s; this report "
                    "uses %(report)s."
                )
                % {"workbook": meta.catalogue, "report": report.catalogue_version.slug}
            )
        if not _meta_is_of(meta, report) or (meta.period, meta.number) != (
            report.period,
            report.number,
        ):
            raise refused(
                _("This workbook belongs to another report (%(workbook)s), not to %(report)s.")
                % {
                    "workbook": workbook_report,
                    "report": _describe_report(report.unit.name, report.period, report.number),
                }
            )
        return report
    if not CatalogueVersion.objects.filter(slug=meta.catalogue).exists():
        raise refused(
            _("This workbook was made with catalogue version %(slug)s, which is not loaded here.")
            % {"slug": meta.catalogue}
        )
    candidates = Report.objects.select_related("region", "network", "catalogue_version").filter(
        period=meta.period, catalogue_version__slug=meta.catalogue, number=meta.number
    )
    if meta.region:
        region = Region.objects.filter(code=meta.region).first()
        if region is None:
            raise refused(_("Unknown region: %(code)s.") % {"code": meta.region})
        found = candidates.filter(region=region).first()
    else:
        network = RegionalNetwork.objects.filter(code=meta.network).first()
        if network is None:
            raise refused(_("Unknown regional network: %(code)s.") % {"code": meta.network})
        found = candidates.filter(network=network, region__isnull=True).first()
    if found is None:
        raise refused(
            _("The report of this workbook (%(report)s) does not exist here.")
            % {"report": workbook_report}
        )
    return found


def _finalised(report: Report) -> ImportRefused:
    return refused(
        _(
            "The report %(report)s is finalised and no longer changes; make a new version to "
            "correct it."
        )
        % {"report": _describe_report(report.unit.name, report.period, report.number)}
    )


def report_workbook_import(
    *,
    data: bytes,
    user: User | None,
    report: Report | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Read a filled-in workbook into its report: all or nothing, unchanged rows skipped,
    every change recorded in the answer's history as an import.

    `user` None is the command line. With a user, only the region's rapporteur may import
    (PermissionDenied otherwise). Raises ImportRefused with every problem found.
    `progress` hears each phase (a queued import shows it on its status page).
    """
    step = progress or (lambda phase: None)
    workbook, meta = workbook_open(data)
    step("reading")
    target = _workbook_report(meta, report)
    if user is not None and not report_may_write(scope_for_user(user), target):
        raise PermissionDenied(_("Only the rapporteur of this report may change it."))
    if target.status not in EDITABLE_STATUSES:
        raise _finalised(target)
    indicators = list(
        Indicator.objects.filter(version=target.catalogue_version)
        .select_related("answer_type", "element", "theme", "version")
        .order_by("position")
    )
    read = workbook_read(data=data, workbook=workbook, meta=meta, indicators=indicators)
    organisations = list(Organisation.objects.order_by("position", "name"))
    problems = list(read.problems)
    changes: list[tuple[Answer, AnswerContent, frozenset[str]]] = []
    unchanged = 0

    step("saving")
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=target.pk)
        )
        if locked.status not in EDITABLE_STATUSES:
            raise _finalised(locked)
        answers = {
            answer.indicator_id: answer
            for answer in Answer.objects.select_for_update(of=("self",))
            .filter(report=locked)
            .select_related("updated_by")
        }
        for row in read.rows:
            if row.content is None:
                continue
            answer = answers.get(row.indicator.pk)
            if answer is None:  # a report always has every answer; be safe all the same
                answer = Answer.objects.create(report=locked, indicator=row.indicator)
            stored = content_comparable(
                indicator=row.indicator, content=content_of(answer), organisations=organisations
            )
            if row.content == stored:
                unchanged += 1
                continue
            if row.revision != answer.revision:
                problems.append(
                    ImportProblem(
                        row.sheet,
                        row.cell("choice"),
                        _(
                            "This answer was changed in werkset after the workbook was "
                            "downloaded (by %(name)s); download a new workbook so that change "
                            "is not lost."
                        )
                        % {"name": _user_name(answer.updated_by)},
                    )
                )
                continue
            problems.extend(_missing_required(row))
            problems.extend(_privacy_warnings(row))
            changes.append((answer, row.content, row.perspectives_mentioned))
        problems.sort(key=lambda p: problem_position(p, read.sheet_order))
        if any(not p.warning for p in problems):
            raise ImportRefused(problems)
        for answer, content, mentioned in changes:
            answer_save(
                answer=answer,
                content=content,
                base_revision=answer.revision,
                user=user,
                source=ChangeSource.IMPORT,
                mentioned=mentioned,
            )
        audit_record(
            actor=user,
            action=AuditAction.REPORT_IMPORTED,
            target=locked,
            summary=_("Workbook imported into %(report)s: %(count)s answer(s) changed")
            % {"report": locked, "count": len(changes)},
            detail={"format": "xlsx", "changed": len(changes), "unchanged": unchanged},
        )
    return ImportResult(
        changed=len(changes),
        unchanged=unchanged,
        warnings=[p for p in problems if p.warning],
    )


def _privacy_warnings(row: Any) -> list[ImportProblem]:
    """What looks like personal data in an imported row: warned now, blocked at finalising."""
    texts = [row.content.explanation, *row.content.perspectives.values()]
    return [
        ImportProblem(row.sheet, row.cell("explanation"), warning, warning=True)
        for warning in privacy_warnings(*texts)
    ]


def _user_name(user: User | None) -> str:
    if user is None:
        return _("the system")
    return user.display_name


def _missing_required(row: Any) -> list[ImportProblem]:
    """A changed answer that says something must have the figures its answer requires;
    Onbekend and N.v.t. need none, and an emptied row is 'not answered'."""
    content: AnswerContent = row.content
    if content == AnswerContent() or content.choice in UNIVERSAL_CHOICE_KEYS:
        return []
    problems = []
    for spec in asked_fields(row.indicator.answer_type, content.choice):
        if spec.get("required") and spec["key"] not in content.figures:
            part = "aantal" if spec["kind"] == "frequentie" else ""
            column = field_column_id(spec["key"], spec["kind"], part)
            problems.append(
                ImportProblem(
                    row.sheet,
                    row.cell(column),
                    _("%(label)s is required with this answer; fill it in or answer Onbekend.")
                    % {"label": spec["label"]},
                )
            )
    return problems
