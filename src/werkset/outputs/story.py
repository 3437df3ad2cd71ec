"""The report as a report (the `rapport` variant): the network's story in reading order.

Built on the questionnaire's read model (document.py) for the answers, the catalogue's
context and the sources, plus the report's own story: title, introduction, summary, own
chapters and paragraphs, practice items and quotes at their place in the running text,
and how the report came about. A fixed number of queries, whatever the report's size.
"""

import logging

from django.core.files.storage import default_storage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from werkset.catalogue.models import Theme
from werkset.regions.models import Organisation
from werkset.reports.models import (
    AnswerChange,
    Comment,
    PracticeItem,
    PracticeKind,
    Quote,
    Report,
    ReportSection,
    ReportStatus,
    StatusChange,
)

from .document import (
    DOCUMENT_LANGUAGE,
    IndicatorEntry,
    ReportDocument,
    _local_date,
    _markdown,
    document_print_html,
    document_words,
    report_document,
)
from .numbering import ChapterSlot, chapter_order, paragraphs, references_linked
from .story_model import (
    AnswerElement,
    AnswerRow,
    AnswerTheme,
    Block,
    ContextPart,
    ContextTheme,
    HistoryEvent,
    PracticeBlock,
    QuoteBlock,
    ReportUnit,
    StoryChapter,
    StoryDocument,
    StoryElement,
    StoryImage,
    StoryParagraph,
    SummaryRow,
    TextBlock,
    TocLine,
)
from .variants import DEFAULT_VARIANT, DocumentVariant

logger = logging.getLogger(__name__)

IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def report_unit(report: Report) -> ReportUnit:
    """The one place that says whom a report is about (title page, title, footer)."""
    if report.region is None:
        return ReportUnit(name=report.network.name, kind=_("Regional network"), network="")
    return ReportUnit(name=report.region.name, kind=_("Region"), network=report.network.name)


def story_words() -> dict[str, str]:
    """The fixed words of the report variant (on top of the questionnaire's)."""
    words = document_words()
    words.update(
        {
            "summary": _("Summary"),
            "appendix_context": _("Appendix 1: National context"),
            "appendix_answers": _("Appendix 2: Overview of indicators"),
            "answers_intro": _(
                "Every indicator of the instrument with the answer in this report, or "
                "“not answered”."
            ),
            "not_answered": _("not answered"),
            "answered_see_text": _("answered (see the chapter)"),
            "summary_of_answers": _("Answers in brief"),
            "history": _("How this report came about"),
            "participants": _("Contributions came from"),
            "context_intro": _(
                "The national context of each theme as the instrument describes it: its aim, "
                "the occasion, its form and what it is expected to bring."
            ),
        }
    )
    return words


# A theme's context in the catalogue (catalogue.schema.json), in the order Bijlage 1 shows it.
CONTEXT_PARTS = (
    "introduction", "goal", "occasion", "form", "process_steps", "more_work", "less_work",
    "shifted_work", "expected_value", "impact",
)  # fmt: skip


def _context_label(key: str) -> str:
    labels = {
        "goal": _("Aim"),
        "occasion": _("Occasion"),
        "form": _("Form"),
        "process_steps": _("Process steps"),
        "more_work": _("More work"),
        "less_work": _("Less work"),
        "shifted_work": _("Shifted work"),
        "expected_value": _("Expected value"),
        "impact": _("Expected impact"),
    }
    return labels.get(key, "")


def _context_theme(number: int, theme: Theme) -> ContextTheme:
    parts = []
    for key in CONTEXT_PARTS:
        value = theme.context.get(key)
        if not value:
            continue
        text = "\n".join(f"- {line}" for line in value) if isinstance(value, list) else value
        parts.append(ContextPart(label=_context_label(key), markdown=text, html=_markdown(text)))
    return ContextTheme(number=number, title=theme.title, parts=parts)


def _answer_text(entry: IndicatorEntry) -> str:
    values = ([entry.choice_label] if entry.choice_label else []) + [
        f"{label}: {value}" for label, value in entry.figures
    ]
    return " · ".join(values)


def _image(item: PracticeItem) -> StoryImage | None:
    """The practice item's stored image, read for embedding; none when it is unreadable."""
    if not item.image:
        return None
    extension = item.image.name.rsplit(".", 1)[-1].lower()
    content_type = IMAGE_TYPES.get(extension)
    if content_type is None:
        return None
    try:
        with default_storage.open(item.image.name, "rb") as handle:
            content = handle.read()
    except OSError:
        logger.warning("Afbeelding van praktijkvoorbeeld %s ontbreekt", item.pk)
        return None
    return StoryImage(
        content=content,
        content_type=content_type,
        alt=item.image_alt,
        width=item.image_width,
        height=item.image_height,
    )


class _Placement:
    """Puts items into the running texts and numbers the practice items per chapter."""

    def __init__(self, practice: list[PracticeItem], quotes: list[Quote]) -> None:
        self.kind_labels = dict(PracticeKind.choices)
        self.by_place: dict[tuple[str, int], list[PracticeItem | Quote]] = {}
        items: list[PracticeItem | Quote] = [*practice, *quotes]
        # The models' own order (position, id); at the same position a box before a quote.
        for item in sorted(items, key=lambda i: (i.position, isinstance(i, Quote), i.pk)):
            self.by_place.setdefault(self._place(item), []).append(item)
        self.chapter = 0
        self.count = 0
        self.numbers: set[str] = set()

    @staticmethod
    def _place(item: PracticeItem | Quote) -> tuple[str, int]:
        if item.section_id is not None:
            return ("section", item.section_id)
        if item.element_id is not None:
            return ("element", item.element_id)
        if item.theme_id is not None:
            return ("theme", item.theme_id)
        return ("none", 0)

    def start_chapter(self, number: int) -> None:
        self.chapter, self.count = number, 0

    def blocks(self, text: str, place: tuple[str, int]) -> list[Block]:
        """The text's paragraphs with the items of `place` after their paragraph."""
        parts = paragraphs(text)
        items = self.by_place.get(place, [])
        after: dict[int, list[PracticeItem | Quote]] = {}
        for item in items:
            index = item.paragraph if item.paragraph and item.paragraph <= len(parts) else 0
            after.setdefault(index, []).append(item)
        blocks: list[Block] = []
        for number, part in enumerate(parts, start=1):
            blocks.append(TextBlock(markdown=part))
            blocks.extend(self._item(item) for item in after.get(number, []))
        blocks.extend(self._item(item) for item in after.get(0, []))
        return blocks

    def _item(self, item: PracticeItem | Quote) -> Block:
        if isinstance(item, Quote):
            return QuoteBlock(
                text=item.text, attribution=item.attribution or _("Network member (anonymous)")
            )
        self.count += 1
        number = f"{self.chapter}.{self.count}"
        self.numbers.add(number)
        return PracticeBlock(
            number=number,
            kind=str(self.kind_labels.get(item.kind, item.kind)),
            title=item.title,
            markdown=item.text,
            source=item.source,
            image=_image(item),
        )


def _own_paragraphs(
    sections: list[ReportSection], placement: _Placement, *, theme_id: int, element_id: int | None
) -> list[StoryParagraph]:
    return [
        StoryParagraph(
            title=section.title,
            anchor=f"eigen-{section.pk}",
            blocks=placement.blocks(section.text, ("section", section.pk)),
        )
        for section in sections
        if not section.is_chapter
        and section.theme_id == theme_id
        and section.element_id == element_id
    ]


def _summary(entries: list[IndicatorEntry]) -> list[SummaryRow]:
    return [
        SummaryRow(
            label=entry.label,
            answer=_answer_text(entry),
            explanation=entry.explanation,
            perspectives=entry.perspectives,
        )
        for entry in entries
        if entry.has_content
    ]


def _theme_chapter(
    slot: ChapterSlot,
    questionnaire: ReportDocument,
    sections: list[ReportSection],
    placement: _Placement,
) -> StoryChapter:
    theme = slot.theme
    assert theme is not None
    source = next(chapter for chapter in questionnaire.chapters if chapter.key == theme.key)
    blocks = placement.blocks(source.text, ("theme", theme.pk))
    own = _own_paragraphs(sections, placement, theme_id=theme.pk, element_id=None)
    elements = []
    for position, (element, section) in enumerate(
        zip(theme.elements.all(), source.elements, strict=True), start=1
    ):
        elements.append(
            StoryElement(
                number=f"{slot.number}.{position}",
                title=element.title,
                anchor=f"h-{theme.key}-{element.key}",
                blocks=placement.blocks(section.text, ("element", element.pk)),
                summary=_summary(section.indicators),
                paragraphs=_own_paragraphs(
                    sections, placement, theme_id=theme.pk, element_id=element.pk
                ),
            )
        )
    return StoryChapter(
        number=slot.number,
        title=theme.title,
        anchor=f"h-{theme.key}",
        blocks=blocks,
        paragraphs=own,
        elements=elements,
        is_own=False,
    )


def _history(
    report: Report, changes: list[StatusChange], organisations: dict[int, str]
) -> list[HistoryEvent]:
    """Dated steps from the report's own history; organisations, never people's names."""
    events = [HistoryEvent(_local_date(report.created_at), _("The report was started."))]
    messages: dict[str, str] = {
        ReportStatus.TER_BESPREKING: _(
            "The concept was put to the regional network for additions and factual corrections."
        ),
        ReportStatus.CONCEPT: _("The report went back to concept to be worked on."),
        ReportStatus.VOORGELEGD: _("The report was put to the regional network for decision."),
        ReportStatus.VASTGESTELD: _("The regional network finalised the report."),
    }
    for change in changes:
        text = messages.get(change.to_status)
        # The first change (from no status to concept) is the start, said above.
        if text is None or not change.from_status:
            continue
        organisation = organisations.get(change.changed_by_id or 0)
        if organisation:
            text = _("%(text)s (recorded by %(organisation)s)") % {
                "text": text.rstrip("."),
                "organisation": organisation,
            }
        events.append(HistoryEvent(_local_date(change.changed_at), text))
    return events


def _participants(report: Report, questionnaire: ReportDocument) -> list[str]:
    """Organisations whose people answered, commented or moved the report on, and those
    whose perspective the answers give: who took part, without naming anyone."""
    user_ids = (
        Q(users__in=Comment.objects.filter(report=report).values("author"))
        | Q(users__in=AnswerChange.objects.filter(answer__report=report).values("changed_by"))
        | Q(users__in=StatusChange.objects.filter(report=report).values("changed_by"))
    )
    names = set(Organisation.objects.filter(user_ids).values_list("name", flat=True))
    for chapter in questionnaire.chapters:
        for element in chapter.elements:
            for entry in element.indicators:
                names.update(name for name, _text in entry.perspectives)
    return sorted(names, key=str.casefold)


def report_story(*, report: Report) -> StoryDocument:
    """The `rapport` read model in a fixed number of queries, in Dutch."""
    with translation.override(DOCUMENT_LANGUAGE):
        return _report_story(report=report)


def _report_story(*, report: Report) -> StoryDocument:
    questionnaire = report_document(report=report)
    report = Report.objects.select_related("region__network", "catalogue_version").get(pk=report.pk)
    themes = list(
        Theme.objects.filter(version=report.catalogue_version).prefetch_related("elements")
    )
    sections = list(ReportSection.objects.filter(report=report))
    practice = list(PracticeItem.objects.filter(report=report))
    quotes = list(Quote.objects.filter(report=report))
    changes = list(
        StatusChange.objects.filter(report=report).select_related("changed_by__organisation")
    )
    organisations: dict[int, str] = {
        change.changed_by.pk: change.changed_by.organisation.name
        for change in changes
        if change.changed_by is not None and change.changed_by.organisation is not None
    }
    words = story_words()
    unit = report_unit(report)
    placement = _Placement(practice, quotes)

    introduction_text = report.introduction or questionnaire.introduction
    placement.start_chapter(0)
    introduction: list[Block] = [TextBlock(markdown=p) for p in paragraphs(introduction_text)]
    summary: list[Block] = [TextBlock(markdown=part) for part in paragraphs(report.summary)]

    chapters: list[StoryChapter] = []
    own_chapters = [section for section in sections if section.is_chapter]
    for slot in chapter_order(themes=themes, own_chapters=own_chapters):
        placement.start_chapter(slot.number)
        if slot.theme is not None:
            chapters.append(_theme_chapter(slot, questionnaire, sections, placement))
            continue
        section = slot.section
        assert section is not None
        chapters.append(
            StoryChapter(
                number=slot.number,
                title=section.title,
                anchor=f"eigen-{section.pk}",
                blocks=placement.blocks(section.text, ("section", section.pk)),
                paragraphs=[],
                elements=[],
                is_own=True,
            )
        )

    story = StoryDocument(
        title=report.title
        or _("Indicator report %(unit)s %(period)s")
        % {"unit": unit.name, "period": report.period_label},
        unit=unit,
        period=report.period_label,
        status=str(report.get_status_display()),
        is_final=report.is_final,
        version_number=report.number,
        catalogue_title=questionnaire.catalogue_title,
        catalogue_edition=questionnaire.catalogue_edition,
        printed_on=questionnaire.printed_on,
        introduction=introduction,
        summary=summary,
        chapters=chapters,
        context=[_context_theme(n, theme) for n, theme in enumerate(themes, start=1)],
        answers=_answers(questionnaire, words),
        sources=questionnaire.sources,
        history=_history(report, changes, organisations),
        participants=_participants(report, questionnaire),
        words=words,
    )
    _render_texts(story, placement.numbers)
    story.toc = _toc(story)
    return story


def _answers(questionnaire: ReportDocument, words: dict[str, str]) -> list[AnswerTheme]:
    """Bijlage 2: every indicator with its answer, or "niet beantwoord"."""
    themes = []
    for chapter in questionnaire.chapters:
        elements = []
        for element in chapter.elements:
            rows = []
            for entry in element.indicators:
                answer = _answer_text(entry) or (
                    words["answered_see_text"] if entry.has_content else words["not_answered"]
                )
                rows.append(AnswerRow(entry.label, answer, entry.has_content))
            elements.append(AnswerElement(title=f"{element.number} {element.title}", rows=rows))
        themes.append(AnswerTheme(number=chapter.number, title=chapter.title, elements=elements))
    return themes


def _all_blocks(story: StoryDocument) -> list[Block]:
    blocks: list[Block] = [*story.introduction, *story.summary]
    for chapter in story.chapters:
        blocks.extend(chapter.blocks)
        for paragraph in chapter.paragraphs:
            blocks.extend(paragraph.blocks)
        for element in chapter.elements:
            blocks.extend(element.blocks)
            for paragraph in element.paragraphs:
                blocks.extend(paragraph.blocks)
    return blocks


def _render_texts(story: StoryDocument, numbers: set[str]) -> None:
    """Markdown to HTML once every practice number is known, references made links."""
    for block in _all_blocks(story):
        if isinstance(block, TextBlock | PracticeBlock):
            block.markdown = references_linked(block.markdown, numbers=numbers)
            block.html = _markdown(block.markdown)


def _toc(story: StoryDocument) -> list[TocLine]:
    words = story.words
    lines = [TocLine("inleiding", words["introduction"], 1)]
    if story.summary:
        lines.append(TocLine("samenvatting", words["summary"], 1))
    for chapter in story.chapters:
        lines.append(TocLine(chapter.anchor, chapter.heading, 1))
        lines.extend(TocLine(p.anchor, p.title, 2) for p in chapter.paragraphs)
        for element in chapter.elements:
            lines.append(TocLine(element.anchor, element.heading, 2))
            lines.extend(TocLine(p.anchor, p.title, 2) for p in element.paragraphs)
    lines += [
        TocLine("bijlage-1", words["appendix_context"], 1),
        TocLine("bijlage-2", words["appendix_answers"], 1),
        TocLine("bronnen", words["sources"], 1),
        TocLine("totstandkoming", words["history"], 1),
    ]
    return lines


def story_print_html(*, story: StoryDocument) -> str:
    """The `rapport` variant as one standalone HTML5 document (print view, PDF input)."""
    with translation.override(DOCUMENT_LANGUAGE):
        context = {"story": story, "words": story.words}
        return render_to_string("outputs/rapport/report.html", context)


def report_html(*, report: Report, variant: str = DEFAULT_VARIANT) -> str:
    """The standalone HTML of the report in `variant`: the print view and the PDF's input."""
    if variant == DocumentVariant.VRAGENLIJST:
        return document_print_html(document=report_document(report=report))
    return story_print_html(story=report_story(report=report))
