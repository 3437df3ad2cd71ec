"""Importing a whole report from its JSON archive (issue 17: moving data, restoring one).

Everything is checked before anything is written, and then written in one transaction: an
archive with any error changes nothing, and the person gets every problem at once, each
with its path in the JSON document and a Dutch message.

Reading and checking the archive is in archive_format.py and archive_reader.py; this
module writes. The problem types are in problems.py; the workbook import is in
excel_import.py.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.privacy.models import PrivacyClearance
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import (
    Answer,
    AnswerChange,
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
from werkset.reports.policy import report_may_start
from werkset.reports.services import ReportError, round_catalogue_version

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
from .problems import refused


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


def _archive_accounts(plan: ArchivePlan) -> None:
    """Authors named in the archive but unknown here come back as inactive accounts, so the
    history keeps who did what; they cannot log in until an administrator activates them."""
    for username in sorted(plan.usernames - set(plan.users)):
        user = User(username=username, is_active=False)
        user.set_unusable_password()
        user.save()
        plan.users[username] = user
