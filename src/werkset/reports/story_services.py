"""Writes to the network's own story (issue 18, part 3): the report's title, introduction and
summary, its own chapters and paragraphs, where items stand in the running text, and the
images of practice items.

The same shape as reports/services.py: keyword-only, atomic, the report locked, the user
checked through reports/policy.py, audited; a text that changed since the writer's
`base_revision` is not overwritten (EditConflict carries what is stored now). The privacy
guard reads these texts with the others (privacy/selectors.py).
"""

import uuid
from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.catalogue.models import Element, Theme
from werkset.core.services import audit_record

from .answers import clean_text
from .audit import ReportAuditAction
from .images import ImageRefused, image_clean
from .limits import (
    IMAGE_ALT_MAX,
    OWN_SECTION_TITLE_MAX,
    PARAGRAPH_MAX,
    REPORT_TITLE_MAX,
    STORY_TEXT_MAX,
    text_too_long,
)
from .models import PracticeItem, Quote, Report, ReportSection, SourceDocument
from .services import EditConflict, ReportError, locked_report, require_editable, user_label


def _checked_title(title: str, *, required: bool, limit: int = REPORT_TITLE_MAX) -> str:
    title = " ".join(clean_text(title).split())
    if required and not title:
        raise ReportError(_("Give the chapter or paragraph a title. Nothing has been saved."))
    if message := text_too_long(title, limit=limit):
        raise ReportError(message)
    return title


def _checked_text(text: str) -> str:
    text = clean_text(text)
    if message := text_too_long(text, limit=STORY_TEXT_MAX):
        raise ReportError(message)
    return text


def report_story_save(
    *, report: Report, user: User, title: str, introduction: str, summary: str, base_revision: int
) -> tuple[Report, bool]:
    """Store the report's own title, introduction and summary; returns (report, changed)."""
    content = {
        "title": _checked_title(title, required=False),
        "introduction": _checked_text(introduction),
        "summary": _checked_text(summary),
    }
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        stored = {name: getattr(locked, name) for name in content}
        if stored == content:
            return locked, False
        if locked.story_revision != base_revision:
            raise EditConflict(current=stored, revision=locked.story_revision, changed_by="")
        for name, value in content.items():
            setattr(locked, name, value)
        locked.story_revision += 1
        locked.save(update_fields=[*content, "story_revision"])
        audit_record(
            actor=user,
            action=ReportAuditAction.STORY_SAVED,
            target=locked,
            summary=_("Title, introduction or summary of %(report)s edited") % {"report": locked},
            detail={"report": locked.pk, "revision": locked.story_revision},
        )
    return locked, True


def _checked_place(
    *, report: Report, is_chapter: bool, theme: Theme | None, element: Element | None
) -> None:
    if theme is not None and theme.version_id != report.catalogue_version_id:
        raise ReportError(_("This theme is not part of the report's catalogue."))
    if element is not None and (theme is None or element.theme_id != theme.pk):
        raise ReportError(_("This element is not part of the chosen theme."))
    if not is_chapter and theme is None:
        raise ReportError(_("Choose the theme in whose chapter the paragraph stands."))


def _audit_section(*, section: ReportSection, report: Report, user: User, action: str) -> None:
    audit_record(
        actor=user,
        action=action,
        target=section,
        summary=_("%(title)s in %(report)s") % {"title": section.title[:120], "report": report},
        detail={"report": report.pk, "section": section.pk, "revision": section.revision},
    )


def report_section_create(
    *,
    report: Report,
    user: User,
    is_chapter: bool,
    theme: Theme | None,
    element: Element | None,
    title: str,
    text: str = "",
) -> ReportSection:
    """Add an own chapter or paragraph at a place (ReportSection's rule), last at that place."""
    title = _checked_title(title, required=True, limit=OWN_SECTION_TITLE_MAX)
    text = _checked_text(text)
    if is_chapter:
        element = None
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        _checked_place(report=locked, is_chapter=is_chapter, theme=theme, element=element)
        section = ReportSection.objects.create(
            report=locked,
            is_chapter=is_chapter,
            theme=theme,
            element=element,
            title=title,
            text=text,
            position=ReportSection.objects.filter(report=locked).count(),
            revision=1,
            updated_at=timezone.now(),
            updated_by=user,
        )
        _audit_section(
            section=section, report=locked, user=user, action=ReportAuditAction.OWN_SECTION_SAVED
        )
    return section


def _held_section(report: Report, section_id: int) -> ReportSection:
    try:
        return ReportSection.objects.select_for_update().get(pk=section_id, report=report)
    except ReportSection.DoesNotExist:
        raise ReportError(_("This chapter or paragraph is not part of the report.")) from None


def report_section_update(
    *,
    report: Report,
    user: User,
    section_id: int,
    title: str,
    text: str,
    base_revision: int,
    theme: Theme | None = None,
    element: Element | None = None,
    move_place: bool = False,
) -> tuple[ReportSection, bool]:
    """Change an own section's title and text (and, with `move_place`, its place)."""
    title = _checked_title(title, required=True, limit=OWN_SECTION_TITLE_MAX)
    text = _checked_text(text)
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        section = _held_section(locked, section_id)
        if move_place:
            element = None if section.is_chapter else element
            _checked_place(
                report=locked, is_chapter=section.is_chapter, theme=theme, element=element
            )
        else:
            theme, element = section.theme, section.element
        new = {"title": title, "text": text, "theme_id": theme.pk if theme else None}
        new["element_id"] = element.pk if element else None
        stored = {name: getattr(section, name) for name in new}
        if stored == new:
            return section, False
        if section.revision != base_revision:
            raise EditConflict(
                current={"title": section.title, "text": section.text},
                revision=section.revision,
                changed_by=user_label(section.updated_by),
            )
        if section.theme_id != new["theme_id"]:
            # Items stand in the chapter of their own theme: moved elsewhere, the section
            # leaves them at the end of their theme's or element's text.
            for model in (PracticeItem, Quote, SourceDocument):
                model.objects.filter(report=locked, section=section).update(
                    section=None, paragraph=None
                )
        for name, value in new.items():
            setattr(section, name, value)
        section.revision += 1
        section.updated_at = timezone.now()
        section.updated_by = user
        section.save()
        _audit_section(
            section=section, report=locked, user=user, action=ReportAuditAction.OWN_SECTION_SAVED
        )
    return section, True


def report_section_move(
    *, report: Report, user: User, section_id: int, direction: str
) -> ReportSection:
    """Move an own section one place up or down among those at the same place."""
    if direction not in ("up", "down"):
        raise ReportError(_("Unknown step."))
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        section = _held_section(locked, section_id)
        siblings = list(
            ReportSection.objects.select_for_update()
            .filter(
                report=locked,
                is_chapter=section.is_chapter,
                theme=section.theme,
                element=section.element,
            )
            .order_by("position", "id")
        )
        index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return section
        siblings[index], siblings[other] = siblings[other], siblings[index]
        # Renumber the place from its smallest position, so ties cannot keep the old order.
        start = min(s.position for s in siblings)
        for offset, sibling in enumerate(siblings):
            sibling.position = start + offset
        ReportSection.objects.bulk_update(siblings, ["position"])
        _audit_section(
            section=section, report=locked, user=user, action=ReportAuditAction.OWN_SECTION_MOVED
        )
    return section


def report_section_delete(*, report: Report, user: User, section_id: int) -> None:
    """Remove an own section; the items placed in it go back to the end of their theme's or
    element's text (ReportItem.section is SET_NULL, the paragraph is cleared here)."""
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        section = _held_section(locked, section_id)
        for model in (PracticeItem, Quote, SourceDocument):
            model.objects.filter(report=locked, section=section).update(paragraph=None)
        _audit_section(
            section=section,
            report=locked,
            user=user,
            action=ReportAuditAction.OWN_SECTION_DELETED,
        )
        section.delete()


def item_placement_check(*, report: Report, values: dict[str, Any]) -> None:
    """That an item's place (its `section`, `paragraph`) is one of this report's, in the
    chapter of the item's theme: ReportError otherwise. Called inside report_item_save."""
    paragraph = values.get("paragraph")
    if paragraph is not None and not 1 <= int(paragraph) <= PARAGRAPH_MAX:
        raise ReportError(_("This place in the text does not exist."))
    section = values.get("section")
    if section is None:
        return
    theme = values.get("theme")
    if section.report_id != report.pk or (theme is not None and section.theme_id != theme.pk):
        raise ReportError(_("This place in the text does not exist."))


def _file_shared(name: str, *, besides: int) -> bool:
    """Whether another practice item (a copy in a newer report version) uses this file."""
    return PracticeItem.objects.filter(image=name).exclude(pk=besides).exists()


def _delete_file_after_commit(name: str) -> None:
    transaction.on_commit(lambda: default_storage.delete(name))


def practice_image_attach(
    *, report: Report, user: User, item_id: int, upload: IO[bytes], size: int, alt: str
) -> PracticeItem:
    """Attach an image to a practice item (replacing one it had), re-encoded without its
    metadata; a refused file changes nothing and says why (ReportError, in Dutch)."""
    alt = " ".join(clean_text(alt).split())
    if not alt:
        raise ReportError(
            _("Describe the image in an alternative text, for readers who cannot see it.")
        )
    if message := text_too_long(alt, limit=IMAGE_ALT_MAX):
        raise ReportError(message)
    try:
        image = image_clean(upload, size=size)
    except ImageRefused as exc:
        raise ReportError(str(exc)) from None
    stored = ""
    try:
        with transaction.atomic():
            locked = locked_report(report)
            require_editable(locked, user)
            item = _held_item(locked, item_id)
            old = item.image.name
            name = f"{uuid.uuid4().hex}.{image.extension}"
            item.image.save(name, ContentFile(image.content), save=False)
            stored = item.image.name
            item.image_alt = alt
            item.image_width = image.width
            item.image_height = image.height
            item.save(update_fields=["image", "image_alt", "image_width", "image_height"])
            if old and not _file_shared(old, besides=item.pk):
                _delete_file_after_commit(old)
            audit_record(
                actor=user,
                action=ReportAuditAction.PRACTICE_IMAGE_SAVED,
                target=item,
                summary=_("Image of “%(title)s” in %(report)s saved")
                % {"title": item.title[:120], "report": locked},
                detail={"report": locked.pk, "width": image.width, "height": image.height},
            )
    except BaseException:
        # Nothing changed in the database: the new file is not kept either.
        if stored:
            default_storage.delete(stored)
        raise
    return item


def _held_item(report: Report, item_id: int) -> PracticeItem:
    try:
        return PracticeItem.objects.select_for_update().get(pk=item_id, report=report)
    except PracticeItem.DoesNotExist:
        raise ReportError(_("This item is not part of the report.")) from None


def practice_image_remove(*, report: Report, user: User, item_id: int) -> PracticeItem:
    """Take the image off a practice item; its file goes once no report version uses it."""
    with transaction.atomic():
        locked = locked_report(report)
        require_editable(locked, user)
        item = _held_item(locked, item_id)
        old = item.image.name
        if not old:
            return item
        item.image = ""
        item.image_alt = ""
        item.image_width = None
        item.image_height = None
        item.save(update_fields=["image", "image_alt", "image_width", "image_height"])
        if not _file_shared(old, besides=item.pk):
            _delete_file_after_commit(old)
        audit_record(
            actor=user,
            action=ReportAuditAction.PRACTICE_IMAGE_REMOVED,
            target=item,
            summary=_("Image of “%(title)s” in %(report)s removed")
            % {"title": item.title[:120], "report": locked},
            detail={"report": locked.pk},
        )
    return item
