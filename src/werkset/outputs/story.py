"""The report as a report (the `rapport` variant): the network's story in reading order.

Built on the questionnaire's read model (document.py) for the answers, the catalogue's
context and the sources, plus the report's own story: title, introduction, summary, own
chapters and paragraphs, practice items and quotes at their place in the running text,
and how the report came about. A fixed number of queries, whatever the report's size.

This module assembles the story and renders it; the steps of one purpose each are in
story_placement.py (boxes and quotes in the text), story_answers.py (answers in brief,
Bijlage 2), story_context.py (Bijlage 1), story_history.py (how it came about) and
story_text.py (Markdown to HTML with references linked); the classes in story_model.py.
"""

from collections import defaultdict

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from werkset.catalogue.models import Theme
from werkset.reports.models import PracticeItem, Quote, Report, ReportSection, StatusChange
from werkset.reports.numbering import Block as NumberingBlock
from werkset.reports.numbering import text_paragraphs
from werkset.reports.story_selectors import report_story_outline

from .document import document_print_html, report_document
from .document_model import ReportDocument
from .document_text import DOCUMENT_LANGUAGE, document_words, withdrawn_words
from .story_answers import _answers, _summary
from .story_context import _context_theme
from .story_history import _history, _participants
from .story_model import (
    Block,
    ReportUnit,
    StoryChapter,
    StoryDocument,
    StoryElement,
    StoryParagraph,
    TextBlock,
    TocLine,
)
from .story_placement import _Placement
from .story_text import _render_texts
from .variants import DEFAULT_VARIANT, DocumentVariant


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
