"""A whole report as a JSON document (the archive), for archives and migrations.

The same report always gives the same document; its shape is in archive_format.py.
"""

from datetime import UTC, datetime
from typing import Any

from django.db.models import F, Prefetch

from werkset.accounts.models import User
from werkset.privacy.models import PrivacyClearance
from werkset.reports.models import AnswerChange, PracticeItem, Report, ReportSection

from .archive_assessments import assessments_json
from .archive_format import ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION
from .archive_inventories import inventories_json


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _username(user: User | None) -> str | None:
    return user.get_username() if user is not None else None


def _key(obj: Any) -> str | None:
    return obj.key if obj is not None else None


def _item_place(item: Any, sections: dict[int, int]) -> dict[str, Any]:
    return {
        "theme": _key(item.theme),
        "element": _key(item.element),
        "position": item.position,
        "created_at": _time(item.created_at),
        "section": sections.get(item.section_id) if item.section_id else None,
        "paragraph": item.paragraph,
    }


def _image(item: PracticeItem) -> dict[str, Any] | None:
    """The image's description (its file is not in the archive)."""
    if not item.image:
        return None
    return {"alt": item.image_alt, "width": item.image_width or 0, "height": item.image_height or 0}


def report_json(*, report: Report) -> dict[str, Any]:
    """The whole report, JSON-ready: answers with their history, texts, items, comments and
    status changes, in a fixed order so the same report always gives the same document."""
    report = Report.objects.select_related(
        "region",
        "catalogue_version",
        "created_by",
        "corrects",
        "started_from__catalogue_version",
        "decision_recorded_by",
    ).get(pk=report.pk)
    answers = (
        report.answers.select_related("indicator", "updated_by")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=AnswerChange.objects.select_related("changed_by").order_by(
                    "revision", "id"
                ),
            )
        )
        .order_by("indicator__position")
    )
    started_from = report.started_from
    own_sections = list(
        ReportSection.objects.filter(report=report)
        .select_related("theme", "element", "updated_by")
        .order_by("position", "id")
    )
    # An item names its own section by the section's index in `own_sections`.
    sections = {section.pk: index for index, section in enumerate(own_sections)}
    return {
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_FORMAT_VERSION,
        "catalogue": report.catalogue_version.slug,
        "region": report.region.code if report.region else None,
        "network": report.network.code,
        "period": report.period,
        "number": report.number,
        "status": report.status,
        "created_at": _time(report.created_at),
        "created_by": _username(report.created_by),
        "finalised_at": _time(report.finalised_at),
        "decided_on": report.decided_on.isoformat() if report.decided_on else None,
        "decided_by": report.decided_by,
        "decision_note": report.decision_note,
        "decision_recorded_by": _username(report.decision_recorded_by),
        "corrects": report.corrects.number if report.corrects is not None else None,
        "correction_reason": report.correction_reason,
        "withdrawn_at": _time(report.withdrawn_at),
        "withdrawn_by_name": report.withdrawn_by_name,
        "withdrawal_reason": report.withdrawal_reason,
        "started_from": {
            "catalogue": started_from.catalogue_version.slug,
            "period": started_from.period,
            "number": started_from.number,
        }
        if started_from is not None
        else None,
        "answers": {
            answer.indicator.key: {
                "choice": answer.choice,
                "explanation": answer.explanation,
                "figures": answer.figures,
                "perspectives": answer.perspectives,
                **({"regional": answer.regional} if answer.regional else {}),
                "revision": answer.revision,
                "carried_over": answer.carried_over,
                "updated_at": _time(answer.updated_at),
                "updated_by": _username(answer.updated_by),
                "history": [
                    {
                        "revision": change.revision,
                        "changed_at": _time(change.changed_at),
                        "changed_by": _username(change.changed_by),
                        "changed_by_name": change.changed_by_name,
                        "source": change.source,
                        "before": change.before,
                        "after": change.after,
                    }
                    for change in answer.changes.all()
                ],
            }
            for answer in answers
        },
        "section_texts": [
            {
                "theme": text.theme.key,
                "element": _key(text.element),
                "text": text.text,
                "revision": text.revision,
                "updated_at": _time(text.updated_at),
                "updated_by": _username(text.updated_by),
            }
            for text in report.section_texts.select_related(
                "theme", "element", "updated_by"
            ).order_by("theme__position", F("element__position").asc(nulls_first=True), "id")
        ],
        "practice_items": [
            {
                **_item_place(item, sections),
                "kind": item.kind,
                "title": item.title,
                "text": item.text,
                "source": item.source,
                "image": _image(item),
            }
            for item in report.practice_items.select_related("theme", "element").order_by(
                "position", "id"
            )
        ],
        "quotes": [
            {**_item_place(item, sections), "text": item.text, "attribution": item.attribution}
            for item in report.quotes.select_related("theme", "element").order_by("position", "id")
        ],
        "sources": [
            {**_item_place(item, sections), "title": item.title, "description": item.description}
            for item in report.sources.select_related("theme", "element").order_by("position", "id")
        ],
        "story": {
            "title": report.title,
            "introduction": report.introduction,
            "summary": report.summary,
            "revision": report.story_revision,
        },
        "own_sections": [
            {
                "is_chapter": section.is_chapter,
                "theme": _key(section.theme),
                "element": _key(section.element),
                "title": section.title,
                "text": section.text,
                "position": section.position,
                "revision": section.revision,
                "updated_at": _time(section.updated_at),
                "updated_by": _username(section.updated_by),
            }
            for section in own_sections
        ],
        "comments": [
            {
                "indicator": _key(comment.answer.indicator) if comment.answer else None,
                "theme": _key(comment.theme),
                "kind": comment.kind,
                "text": comment.text,
                "author": _username(comment.author),
                "author_name": comment.author_name,
                "created_at": _time(comment.created_at),
                "resolved_at": _time(comment.resolved_at),
                "resolved_by": _username(comment.resolved_by),
                "resolution": comment.resolution,
            }
            for comment in report.comments.select_related(
                "answer__indicator", "theme", "author", "resolved_by"
            ).order_by("created_at", "id")
        ],
        "status_changes": [
            {
                "from": change.from_status,
                "to": change.to_status,
                "changed_at": _time(change.changed_at),
                "changed_by": _username(change.changed_by),
                "changed_by_name": change.changed_by_name,
                "note": change.note,
            }
            for change in report.status_changes.select_related("changed_by").order_by(
                "changed_at", "id"
            )
        ],
        "assessments": assessments_json(report=report),
        "inventories": inventories_json(report=report),
        "privacy_clearances": [
            {
                "kind": clearance.kind,
                "text": clearance.text,
                "reason": clearance.reason,
                "cleared_by": _username(clearance.cleared_by),
                "cleared_by_name": clearance.cleared_by_name,
                "cleared_at": _time(clearance.cleared_at),
            }
            for clearance in PrivacyClearance.objects.filter(report=report)
            .select_related("cleared_by")
            .order_by("cleared_at", "id")
        ],
    }
