"""Importing into werkset: a filled-in workbook's answers, or a whole report from an archive.

Both check everything before they write anything, and then write in one transaction: a
file with any error changes nothing, and the person gets every problem at once, each with
its place (sheet and cell, or the path in the JSON document) and a Dutch message.

Reading and checking is elsewhere (excel_reader.py, archive_format.py, archive_reader.py);
this module writes. The problem types are in problems.py.
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
from werkset.privacy.models import PrivacyClearance
from werkset.regions.models import Organisation, Region, RegionalNetwork
from werkset.reports.answers import (
    UNIVERSAL_CHOICE_KEYS,
    AnswerContent,
    asked_fields,
    content_of,
)
from werkset.reports.models import (
    Answer,
    AnswerChange,
    ChangeSource,
    Comment,
    PracticeItem,
    Quote,
    Report,
    ReportSection,
    ReportStatus,
    SectionText,
    SourceDocument,
    StatusChange,
    period_label,
)
from werkset.reports.policy import EDITABLE_STATUSES, report_may_start, report_may_write
from werkset.reports.services import ReportError, answer_save, round_catalogue_version

from .archive_assessments import assessments_write
from .archive_format import archive_load
from .archive_reader import (
    ArchivePlan,
    answer_model,
    archive_check,
    archive_existing,
    archive_identity,
    archive_other_kind,
    existing_message,
    parse_date,
    parse_time,
)
from .excel_layout import field_column_id
from .excel_reader import WorkbookMeta, problem_position, workbook_open, workbook_read
from .excel_rows import content_comparable
from .problems import ImportProblem, ImportRefused, refused


@dataclass(frozen=True)
class ImportResult:
    changed: int
    unchanged: int
    warnings: list[ImportProblem]


def _describe_report(region: str, period: str, number: int) -> str:
    return _("%(region)s, %(period)s (version %(number)s)") % {
        "region": region,
        "period": period_label(period),
        "number": number,
    }


# --- the workbook ------------------------------------------------------------------------


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


def _archive_accounts(plan: ArchivePlan) -> None:
    """Authors named in the archive but unknown here come back as inactive accounts, so the
    history keeps who did what; they cannot log in until an administrator activates them."""
    for username in sorted(plan.usernames - set(plan.users)):
        user = User(username=username, is_active=False)
        user.set_unusable_password()
        user.save()
        plan.users[username] = user


def _user_name(user: User | None) -> str:
    if user is None:
        return _("the system")
    return user.get_full_name() or user.get_username()


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


# --- the archive -------------------------------------------------------------------------


def report_json_import(
    *,
    data: bytes | str | dict[str, Any],
    user: User | None,
    keep_status: bool = False,
    map_users: bool = False,
) -> Report:
    """Recreate a report from its JSON archive, exactly as it was exported.

    `user` None is the command line; with a user, only the region's rapporteur may import
    (PermissionDenied otherwise). A report that exists (same region, period, catalogue
    version and number) is refused. Raises ImportRefused with every problem found. A report
    imported as a concept is a report started: only in the open round of its period, with the
    round's catalogue version (issue 19); `keep_status` (moving an installation) is not bound
    to rounds.

    An archive of a report that is ter bespreking or vastgesteld would put that status back
    without the workflow (no submission, no finalisation by the network). That is right when
    moving an installation, and only then: it takes `keep_status`, which only the command
    line (user None) may give, and the audit record says so.

    Who did what is, in an archive, only a user name that anyone can type (issue 17,
    finding 7: an archive could put history on any account here). So by default the
    archive's people stay text: the names it records (changed_by_name, author_name,
    cleared_by_name) are kept as they are, no history, comment or clearance is linked to
    an account here, no account is made, and the report itself is attributed to `user`,
    who imports it (None: the system). Only when moving an installation does the command
    line (user None) give `map_users`: then the user names are linked to the accounts of
    the same name, and unknown ones come back as inactive accounts (exactly as exported).
    """
    document = archive_load(data)
    catalogue, unit = archive_identity(document)
    if user is not None and not report_may_start(
        scope_for_user(user), network_id=unit.network.pk, region_id=unit.region_id
    ):
        raise PermissionDenied(_("Only the rapporteur of this region may import its reports."))
    if keep_status and user is not None:
        raise PermissionDenied(
            _("Only the command line may import a report with its status (when moving data).")
        )
    if map_users and user is not None:
        raise PermissionDenied(
            _("Only the command line may link an archive's people to accounts (when moving data).")
        )
    if archive_existing(document, catalogue, unit) is not None:
        raise refused(existing_message(document, unit))
    if clash := archive_other_kind(document, catalogue, unit):
        raise refused(clash)
    plan = archive_check(document=document, catalogue=catalogue, unit=unit)
    if document.get("status") != ReportStatus.CONCEPT and not keep_status:
        raise refused(
            _(
                "This archive holds a report with status '%(status)s'. Importing it would set "
                "that status without the workflow of submitting and finalising. When moving "
                "an installation, import it on the command line with --keep-status; otherwise "
                "import a concept."
            )
            % {"status": dict(ReportStatus.choices).get(str(document.get("status")), "?")},
            cell="status",
        )
    with transaction.atomic():
        if not keep_status:
            # Importing a concept starts a report: only in the open round of its period, with
            # the round's catalogue version (issue 19). Moving an installation puts reports
            # back as they were, rounds or not.
            try:
                round_catalogue_version(period=document["period"], catalogue_version=catalogue)
            except ReportError as exc:
                raise refused(str(exc), cell="period") from exc
        RegionalNetwork.objects.select_for_update().get(pk=unit.network.pk)
        if archive_existing(document, catalogue, unit) is not None:
            raise refused(existing_message(document, unit))
        if clash := archive_other_kind(document, catalogue, unit):
            raise refused(clash)
        if map_users:
            _archive_accounts(plan)
        else:
            plan.users = {}  # names stay text; nothing is linked to an account here
        report = _archive_write(plan, importer=None if map_users else user)
        audit_record(
            actor=user,
            action=AuditAction.REPORT_IMPORTED,
            target=report,
            summary=_("Report %(report)s imported from an archive") % {"report": report},
            detail={
                "format": "json",
                "status_kept": document["status"] != ReportStatus.CONCEPT,
                "users_mapped": map_users,
            },
        )
    return report


def _set_times(objects: list[Any], times: list[Any], name: str) -> None:
    """Put back the stored times that auto_now_add overwrote on insert."""
    for obj, value in zip(objects, times, strict=True):
        setattr(obj, name, value)
    if objects:
        type(objects[0]).objects.bulk_update(objects, [name])


def _archive_write(plan: ArchivePlan, importer: User | None) -> Report:
    """Write the plan; `importer` is who the report is attributed to when the archive's
    people are not linked to accounts (plan.users empty)."""
    document = plan.document
    # archive_check parsed every time; where the schema requires one, there is one.
    time: Callable[[str | None], Any] = parse_time
    report = Report.objects.create(
        network=plan.unit.network,
        region=plan.unit.region,
        period=document["period"],
        catalogue_version=plan.catalogue,
        number=document["number"],
        status=document["status"],
        corrects=plan.corrects,
        started_from=plan.started_from,
        created_by=plan.user(document["created_by"]) or importer,
        finalised_at=time(document["finalised_at"]),
        # Archives from before issue 19 have no decision.
        decided_on=parse_date(document.get("decided_on")),
        decided_by=document.get("decided_by", ""),
        decision_note=document.get("decision_note", ""),
        decision_recorded_by=plan.user(document.get("decision_recorded_by")),
        # Archives from before ADR 20 have no reason nor withdrawal.
        correction_reason=document.get("correction_reason", ""),
        withdrawn_at=time(document.get("withdrawn_at")),
        withdrawn_by_name=document.get("withdrawn_by_name", ""),
        withdrawal_reason=document.get("withdrawal_reason", ""),
    )
    _set_times([report], [time(document["created_at"])], "created_at")

    indicators = sorted(plan.indicators.values(), key=lambda i: i.position)
    answers = Answer.objects.bulk_create(
        answer_model(plan, report, indicator) for indicator in indicators
    )
    by_key = {answer.indicator.key: answer for answer in answers}
    AnswerChange.objects.bulk_create(
        AnswerChange(
            answer=by_key[key],
            revision=change["revision"],
            changed_at=time(change["changed_at"]),
            changed_by=plan.user(change["changed_by"]),
            changed_by_name=change["changed_by_name"],
            source=change["source"],
            before=change["before"],
            after=change["after"],
        )
        for key, data in document["answers"].items()
        for change in data["history"]
    )
    SectionText.objects.bulk_create(
        SectionText(
            report=report,
            theme=plan.theme(text["theme"]),
            element=plan.element(text["theme"], text["element"]),
            text=text["text"],
            revision=text["revision"],
            updated_at=time(text["updated_at"]),
            updated_by=plan.user(text["updated_by"]),
        )
        for text in document["section_texts"]
    )

    story = document.get("story")
    if story is not None:
        report.title, report.introduction = story["title"], story["introduction"]
        report.summary, report.story_revision = story["summary"], story["revision"]
        report.save(update_fields=["title", "introduction", "summary", "story_revision"])
    own_sections = [
        ReportSection.objects.create(
            report=report,
            is_chapter=section["is_chapter"],
            theme=plan.theme(section["theme"]),
            element=plan.element(section["theme"], section["element"]),
            title=section["title"],
            text=section["text"],
            position=section["position"],
            revision=section["revision"],
            updated_at=time(section["updated_at"]),
            updated_by=plan.user(section["updated_by"]),
        )
        for section in document.get("own_sections", [])
    ]

    def place(item: dict[str, Any]) -> dict[str, Any]:
        # An archive made before the story's fields has neither `section` nor `paragraph`.
        section = item.get("section")
        return {
            "report": report,
            "theme": plan.theme(item["theme"]),
            "element": plan.element(item["theme"], item["element"]),
            "position": item["position"],
            "section": own_sections[section] if section is not None else None,
            "paragraph": item.get("paragraph"),
        }

    items: list[tuple[str, list[Any]]] = [
        (
            "practice_items",
            [
                PracticeItem(
                    **place(i), kind=i["kind"], title=i["title"], text=i["text"], source=i["source"]
                )
                for i in document["practice_items"]
            ],
        ),
        (
            "quotes",
            [
                Quote(**place(i), text=i["text"], attribution=i["attribution"])
                for i in document["quotes"]
            ],
        ),
        (
            "sources",
            [
                SourceDocument(**place(i), title=i["title"], description=i["description"])
                for i in document["sources"]
            ],
        ),
    ]
    for collection, objects in items:
        if objects:
            created = type(objects[0]).objects.bulk_create(objects)
            _set_times(created, [time(i["created_at"]) for i in document[collection]], "created_at")

    comments = Comment.objects.bulk_create(
        Comment(
            report=report,
            answer=by_key[c["indicator"]] if c["indicator"] else None,
            theme=plan.theme(c["theme"]),
            kind=c["kind"],
            text=c["text"],
            author=plan.user(c["author"]),
            author_name=c["author_name"],
            resolved_at=time(c["resolved_at"]),
            resolved_by=plan.user(c["resolved_by"]),
            resolution=c["resolution"],
        )
        for c in document["comments"]
    )
    _set_times(comments, [time(c["created_at"]) for c in document["comments"]], "created_at")
    status_changes = StatusChange.objects.bulk_create(
        StatusChange(
            report=report,
            from_status=s["from"],
            to_status=s["to"],
            changed_by=plan.user(s["changed_by"]),
            changed_by_name=s["changed_by_name"],
            note=s["note"],
        )
        for s in document["status_changes"]
    )
    _set_times(
        status_changes, [time(s["changed_at"]) for s in document["status_changes"]], "changed_at"
    )
    clearances = PrivacyClearance.objects.bulk_create(
        PrivacyClearance(
            report=report,
            kind=c["kind"],
            text=c["text"],
            reason=c["reason"],
            cleared_by=plan.user(c["cleared_by"]),
            cleared_by_name=c["cleared_by_name"],
        )
        for c in document["privacy_clearances"]
    )
    _set_times(
        clearances, [time(c["cleared_at"]) for c in document["privacy_clearances"]], "cleared_at"
    )
    # Archives of format version 1 have no assessments.
    assessments_write(
        document=document,
        report=report,
        themes=plan.themes,
        answers=by_key,
        user=plan.user,
        time=time,
    )
    return report
