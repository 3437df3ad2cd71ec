"""The report as a report (the `rapport` variant): the network's story in reading order.

Built on the questionnaire's read model (document.py) for the answers, the catalogue's
context and the sources, plus the report's own story: title, introduction, summary, own
chapters and paragraphs, practice items and quotes at their place in the running text,
and how the report came about. A fixed number of queries, whatever the report's size.
"""

import logging
from collections import defaultdict

from django.core.files.storage import default_storage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
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
from werkset.reports.numbering import Block as NumberingBlock
from werkset.reports.numbering import ItemNumber, practice_references, text_paragraphs
from werkset.reports.story_selectors import StoryOutline, report_story_outline

from .document import (
    DOCUMENT_LANGUAGE,
    IndicatorEntry,
    ReportDocument,
    _local_date,
    _markdown,
    document_print_html,
    document_words,
    report_document,
    withdrawn_words,
)
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
        return ReportUnit(
            name=report.network.name,
            kind=_("Regional network"),
            network=report.network.name,
            is_network=True,
        )
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


def _item_order(item: PracticeItem | Quote) -> tuple[bool, int, int, bool, int]:
    """reports.numbering's order within a block; at the same place a box before a quote."""
    return (
        item.paragraph is None,
        item.paragraph or 0,
        item.position,
        isinstance(item, Quote),
        item.pk,
    )


class _Placement:
    """Puts practice items and quotes into the running texts where reports.numbering says they
    stand, numbered as the theme page numbers them (report_story_outline)."""

    def __init__(
        self, outline: StoryOutline, practice: list[PracticeItem], quotes: list[Quote]
    ) -> None:
        self.kind_labels = dict(PracticeKind.choices)
        self.numbers = outline.numbers
        self.by_block: dict[NumberingBlock, list[PracticeItem | Quote]] = defaultdict(list)
        items: list[PracticeItem | Quote] = [*practice, *quotes]
        for item in items:
            block = outline.block_of(item)
            if block is not None:
                self.by_block[block].append(item)

    def blocks(self, text: str, block: NumberingBlock) -> list[Block]:
        """The text's paragraphs with the block's items after their paragraph (one past the
        end of the text: after the text)."""
        parts = text_paragraphs(text)
        after: dict[int, list[PracticeItem | Quote]] = defaultdict(list)
        for item in sorted(self.by_block.get(block, []), key=_item_order):
            index = item.paragraph if item.paragraph and item.paragraph <= len(parts) else 0
            after[index].append(item)
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
        number = self.numbers.get(item.pk)
        return PracticeBlock(
            number=number.label if number is not None else "",
            kind=str(self.kind_labels.get(item.kind, item.kind)),
            title=item.title,
            markdown=item.text,
            source=item.source,
            image=_image(item),
        )


def _summary(entries: list[IndicatorEntry]) -> list[SummaryRow]:
    return [
        SummaryRow(
            label=entry.label,
            answer=_answer_text(entry),
            explanation=entry.explanation,
            perspectives=entry.perspectives,
            regions=entry.regions,
        )
        for entry in entries
        if entry.has_content
    ]


def _theme_chapter(
    number: int,
    theme: Theme,
    blocks: list[NumberingBlock],
    questionnaire: ReportDocument,
    sections: dict[int, ReportSection],
    placement: _Placement,
) -> StoryChapter:
    """A theme's chapter from its blocks in reports.numbering's order: the theme's text, own
    paragraphs, per element its text, answers in brief and the own paragraphs after it."""
    source = next(chapter for chapter in questionnaire.chapters if chapter.key == theme.key)
    elements = {
        element.pk: (position, element, section)
        for position, (element, section) in enumerate(
            zip(theme.elements.all(), source.elements, strict=True), start=1
        )
    }
    chapter = StoryChapter(
        number=number,
        title=theme.title,
        anchor=f"h-{theme.key}",
        blocks=[],
        paragraphs=[],
        elements=[],
        is_own=False,
        assessment=source.assessment,
    )
    paragraphs = chapter.paragraphs
    for block in blocks:
        kind, key, element_id = block
        if kind == "own":
            section = sections[key]
            paragraphs.append(
                StoryParagraph(
                    title=section.title,
                    anchor=f"eigen-{section.pk}",
                    blocks=placement.blocks(section.text, block),
                )
            )
        elif element_id is None:
            chapter.blocks = placement.blocks(source.text, block)
        else:
            position, element, text = elements[element_id]
            story_element = StoryElement(
                number=f"{number}.{position}",
                title=element.title,
                anchor=f"h-{theme.key}-{element.key}",
                blocks=placement.blocks(text.text, block),
                summary=_summary(text.indicators),
                paragraphs=[],
            )
            chapter.elements.append(story_element)
            paragraphs = story_element.paragraphs
    return chapter


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
        ReportStatus.INGETROKKEN: _("The national network withdrew the report."),
    }
    for change in changes:
        text = messages.get(change.to_status)
        # The first change (from no status to concept) is the start, said above.
        if text is None or not change.from_status:
            continue
        if change.to_status == ReportStatus.VASTGESTELD and report.decided_on:
            # The network's decision, as its chair or secretary recorded it (issue 19).
            text = _("%(who)s decided on the report at the meeting of %(date)s.") % {
                "who": report.decided_by,
                "date": date_format(report.decided_on, "j F Y"),
            }
        if change.to_status == ReportStatus.INGETROKKEN and change.note:
            text = _("The national network withdrew the report, reason: %(reason)s.") % {
                "reason": change.note.rstrip(".")
            }
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
    report = Report.objects.select_related("region", "network", "catalogue_version").get(
        pk=report.pk
    )
    themes = list(
        Theme.objects.filter(version=report.catalogue_version).prefetch_related("elements")
    )
    outline = report_story_outline(report=report)
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
    words = story_words() | withdrawn_words(report)
    unit = report_unit(report)
    placement = _Placement(outline, practice, quotes)

    introduction_text = report.introduction or questionnaire.introduction
    introduction: list[Block] = [TextBlock(markdown=p) for p in text_paragraphs(introduction_text)]
    summary: list[Block] = [TextBlock(markdown=part) for part in text_paragraphs(report.summary)]

    themes_by_id = {theme.pk: theme for theme in themes}
    sections = {section.pk: section for section in outline.sections}
    blocks: dict[int, list[NumberingBlock]] = defaultdict(list)
    for number, block in outline.blocks:
        blocks[number].append(block)
    chapters: list[StoryChapter] = []
    for slot in outline.chapters:
        if slot.theme_id is not None:
            theme = themes_by_id[slot.theme_id]
            chapters.append(
                _theme_chapter(
                    slot.number, theme, blocks[slot.number], questionnaire, sections, placement
                )
            )
            continue
        section = sections[slot.section_id]  # type: ignore[index]
        chapters.append(
            StoryChapter(
                number=slot.number,
                title=section.title,
                anchor=f"eigen-{section.pk}",
                blocks=placement.blocks(section.text, ("own", section.pk, None)),
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
        framing=questionnaire.framing,
    )
    _render_texts(story, outline.numbers)
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
                rows.append(AnswerRow(entry.label, answer, entry.has_content, entry.regions))
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


def _references_linked(text: str, numbers: dict[int, ItemNumber]) -> str:
    """Markdown with every reference to an existing practice item ("zie Uit de praktijk 2.2",
    reports.numbering) made an internal link; one that already is a link's text stays."""
    parts = []
    last = 0
    for reference in practice_references(text, numbers=numbers):
        if reference.item_id is None:
            continue
        if text[: reference.start].endswith("[") and text[reference.end :].startswith("]("):
            continue
        words = text[reference.start : reference.end]
        parts += [text[last : reference.start], f"[{words}](#{numbers[reference.item_id].anchor})"]
        last = reference.end
    return "".join([*parts, text[last:]])


def _render_texts(story: StoryDocument, numbers: dict[int, ItemNumber]) -> None:
    """Markdown to HTML once every practice number is known, references made links."""
    for block in _all_blocks(story):
        if isinstance(block, TextBlock | PracticeBlock):
            block.markdown = _references_linked(block.markdown, numbers)
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
        *([TocLine("bijlage-3", words["appendix_framing"], 1)] if story.framing else []),
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
