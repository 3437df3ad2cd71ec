"""Writes of a report's running texts and of its practice items, quotes and sources (the
items of a theme page); the answers are in services.py. Keyword-only, atomic, audited."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.catalogue.models import Element, Theme
from werkset.core.services import audit_record

from .answers import clean_text
from .audit import ReportAuditAction
from .limits import SECTION_TEXT_MAX, item_too_long, text_too_long
from .models import (
    PracticeItem,
    Quote,
    Report,
    SectionText,
    SourceDocument,
)
from .services import (
    HISTORY_FOLD_WINDOW,
    EditConflict,
    InputTooLong,
    ReportError,
    locked_report,
    require_editable,
    user_label,
)
from .story_services import item_placement_check


def section_text_save(
    *,
    report: Report,
    theme: Theme,
    element: Element | None,
    text: str,
    base_revision: int,
    user: User,
) -> tuple[SectionText, bool]:
    """Store the running text of a theme or element, with the same conflict check.

    Running texts autosave while someone types, so not every save is audited: only the save
    that starts an editing session (the text was last saved by someone else, or longer than
    HISTORY_FOLD_WINDOW ago), the same rule by which answer_save folds an answer's saves into
    one history entry. The log then says who edited which text when, one row per session."""
    text = clean_text(text)
    if message := text_too_long(text, limit=SECTION_TEXT_MAX):
        raise InputTooLong(message)
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        section, _created = SectionText.objects.select_for_update().get_or_create(
            report=locked, theme=theme, element=element
        )
        if section.text == text:
            return section, False
        if section.revision != base_revision:
            raise EditConflict(
                current={"text": section.text},
                revision=section.revision,
                changed_by=user_label(section.updated_by),
            )
        now = timezone.now()
        session_starts = (
            section.updated_by_id != user.pk
            or section.updated_at is None
            or section.updated_at <= now - HISTORY_FOLD_WINDOW
        )
        section.text = text
        section.revision += 1
        section.updated_at = now
        section.updated_by = user
        section.save()
        if session_starts:
            place = element.title if element is not None else theme.short_title
            _audit_section_text(section=section, place=place, report=locked, user=user)
    return section, True


def _audit_section_text(*, section: SectionText, place: str, report: Report, user: User) -> None:
    audit_record(
        actor=user,
        action=ReportAuditAction.SECTION_TEXT_SAVED,
        target=section,
        summary=_("Running text of %(place)s in %(report)s edited")
        % {"place": place, "report": report},
        detail={"report": report.pk, "revision": section.revision},
    )


ITEM_MODELS: dict[str, type[PracticeItem] | type[Quote] | type[SourceDocument]] = {
    "praktijk": PracticeItem,
    "quote": Quote,
    "bron": SourceDocument,
}


def report_item_save(
    *,
    report: Report,
    user: User,
    kind: str,
    values: dict[str, Any],
    item_id: int | None = None,
) -> PracticeItem | Quote | SourceDocument:
    """Create or change a practice item, quote or source (values already validated)."""
    if message := item_too_long(kind=kind, values=values):
        raise ReportError(message)
    model = ITEM_MODELS[kind]
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        item_placement_check(report=locked, values=values)
        if item_id is None:
            item = model(report=locked, position=model.objects.filter(report=locked).count())
        else:
            item = model.objects.select_for_update().get(pk=item_id, report=locked)
        for name, value in values.items():
            setattr(item, name, value)
        item.full_clean()
        item.save()
        audit_record(
            actor=user,
            action=ReportAuditAction.REPORT_ITEM_SAVED,
            target=item,
            summary=_("%(kind)s saved in %(report)s")
            % {"kind": capfirst(model._meta.verbose_name), "report": locked},
            detail={"report": locked.pk, "kind": kind, "new": item_id is None},
        )
    return item


def report_item_delete(*, report: Report, user: User, kind: str, item_id: int) -> None:
    model = ITEM_MODELS[kind]
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        deleted, _rows = model.objects.filter(pk=item_id, report=locked).delete()
        if deleted:
            audit_record(
                actor=user,
                action=ReportAuditAction.REPORT_ITEM_DELETED,
                summary=_("%(kind)s removed from %(report)s")
                % {"kind": capfirst(model._meta.verbose_name), "report": locked},
                detail={"report": locked.pk, "kind": kind, "item": item_id},
            )
