"""Reading the network's own story: its own sections, and the numbers of its practice items.

Two queries for a whole report (its own sections; its practice items' places), whatever its
size: the theme page, the story page and the documents number items the same way
(reports/numbering.py)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from werkset.catalogue.models import Element, Theme
from werkset.catalogue.structure import catalogue_structure

from .models import PracticeItem, Quote, Report, ReportSection, SectionText
from .numbering import (
    Block,
    Chapter,
    ItemNumber,
    OwnSection,
    PlacedItem,
    ThemeOutline,
    block_of,
    chapters_in_order,
    document_blocks,
    practice_numbers,
    practice_references,
)


@dataclass(frozen=True)
class StoryOutline:
    """A report's own sections in order, its chapters and its practice items' numbers, and
    its blocks of running text in document order (chapter number, block)."""

    sections: list[ReportSection]
    chapters: list[Chapter]
    numbers: dict[int, ItemNumber] = field(default_factory=dict)
    blocks: list[tuple[int, Block]] = field(default_factory=list)

    def block_of(self, item: PracticeItem | Quote) -> Block | None:
        """The block of running text a practice item or quote stands in (numbering.py's rule;
        None: it has no place in the document)."""
        place = PlacedItem(
            id=item.pk,
            theme_id=item.theme_id,
            element_id=item.element_id,
            section_id=item.section_id,
            paragraph=item.paragraph,
            position=item.position,
        )
        return block_of(place, known=self._known_blocks)

    @cached_property
    def _known_blocks(self) -> set[Block]:
        return {block for _chapter, block in self.blocks}

    def theme_paragraphs(self, theme: Theme) -> list[ReportSection]:
        """The own paragraphs in the chapter of `theme`, and own chapters placed after it."""
        return [s for s in self.sections if s.theme_id == theme.pk]

    def chapter_number(self, *, theme_id: int | None = None, section_id: int | None = None) -> int:
        for chapter in self.chapters:
            if (chapter.theme_id, chapter.section_id) == (theme_id, section_id):
                return chapter.number
        return 0


def theme_outlines(report: Report) -> list[ThemeOutline]:
    """The report's themes and their elements in catalogue order, for reports/numbering.py."""
    structure = catalogue_structure(version=report.catalogue_version)
    return [
        ThemeOutline(
            id=theme.pk,
            element_ids=tuple(element.pk for element in structure.theme_elements(theme)),
        )
        for theme in structure.themes
    ]


def report_sections(*, report: Report) -> list[ReportSection]:
    """The report's own sections in their order, with their theme and element."""
    return list(
        ReportSection.objects.filter(report=report)
        .select_related("theme", "element", "updated_by")
        # kept in the cache with the theme page's rows: not the writer's password hash
        .defer("updated_by__password")
        .order_by("position", "id")
    )


def report_story_outline(
    *,
    report: Report,
    practice: Sequence[PracticeItem] | None = None,
    sections: list[ReportSection] | None = None,
) -> StoryOutline:
    """The report's own sections (with their theme and element) and its items' numbers.

    `practice` and `sections`: every practice item and own section of the report, when the
    caller has read them already (the theme page), so that they are not read twice."""
    if sections is None:
        sections = report_sections(report=report)
    own = [
        OwnSection(
            id=s.pk,
            is_chapter=s.is_chapter,
            theme_id=s.theme_id,
            element_id=s.element_id,
            position=s.position,
        )
        for s in sections
    ]
    places = (
        [(p.pk, p.theme_id, p.element_id, p.section_id, p.paragraph, p.position) for p in practice]
        if practice is not None
        else PracticeItem.objects.filter(report=report)
        .order_by()
        .values_list("id", "theme_id", "element_id", "section_id", "paragraph", "position")
    )
    items = [
        PlacedItem(
            id=id_,
            theme_id=theme_id,
            element_id=element_id,
            section_id=section_id,
            paragraph=paragraph,
            position=position,
        )
        for id_, theme_id, element_id, section_id, paragraph, position in places
    ]
    themes = theme_outlines(report)
    chapters = chapters_in_order(themes=themes, sections=own)
    numbers = practice_numbers(themes=themes, sections=own, items=items)
    blocks = document_blocks(chapters=chapters, themes=themes, sections=own)
    return StoryOutline(sections=sections, chapters=chapters, numbers=numbers, blocks=blocks)


@dataclass(frozen=True)
class TextBlock:
    """A running text an item can stand in: the theme's, an element's or an own section's."""

    key: str  # "t", "e<element id>", "s<section id>"
    label: str
    text: str
    element: Element | None = None
    section: ReportSection | None = None


def theme_text_blocks(
    *, report: Report, theme: Theme, sections: list[ReportSection] | None = None
) -> list[TextBlock]:
    """The running texts of a theme's chapter in document order, for an item's place: the
    theme's text, per element its text and the own paragraphs after it, own chapters placed
    after the theme. Two queries (one if the report's own sections are passed)."""
    structure = catalogue_structure(version=report.catalogue_version)
    texts: dict[int | None, str] = {
        element_id: text
        for element_id, text in SectionText.objects.filter(report=report, theme=theme)
        .order_by()
        .values_list("element_id", "text")
    }
    if sections is None:
        sections = list(ReportSection.objects.filter(report=report, theme=theme))
    own = sorted((s for s in sections if s.theme_id == theme.pk), key=lambda s: (s.position, s.pk))

    def after(element_id: int | None) -> list[TextBlock]:
        return [
            TextBlock(key=f"s{s.pk}", label=s.title, text=s.text, section=s)
            for s in own
            if not s.is_chapter and s.element_id == element_id
        ]

    blocks = [TextBlock(key="t", label=str(_("Text of the theme")), text=texts.get(None, ""))]
    blocks += after(None)
    for element in structure.theme_elements(theme):
        blocks.append(
            TextBlock(
                key=f"e{element.pk}",
                label=element.title,
                text=texts.get(element.pk, ""),
                element=element,
            )
        )
        blocks += after(element.pk)
    blocks += [
        TextBlock(key=f"s{s.pk}", label=s.title, text=s.text, section=s)
        for s in own
        if s.is_chapter
    ]
    return blocks


@dataclass(frozen=True)
class LooseReference:
    """A reference in a running text ("zie Uit de praktijk 4.1") that no item's number has."""

    place: str
    label: str


def report_loose_references(*, report: Report, outline: StoryOutline) -> list[LooseReference]:
    """The references to practice items that point nowhere, in the report's running texts:
    its introduction and summary, the themes' and elements' texts, its own sections. One
    query (the running texts); the own sections and numbers come with the outline."""
    structure = catalogue_structure(version=report.catalogue_version)
    themes = {theme.pk: theme for theme in structure.themes}
    texts: list[tuple[str, str]] = [
        (str(_("Introduction")), report.introduction),
        (str(_("Summary")), report.summary),
    ]
    rows = SectionText.objects.filter(report=report).order_by().values_list("theme_id", "text")
    texts += [
        (themes[theme_id].short_title if theme_id in themes else "", text)
        for theme_id, text in rows
    ]
    texts += [(section.title, section.text) for section in outline.sections]
    return [
        LooseReference(place=place, label=reference.label)
        for place, text in texts
        for reference in practice_references(text, numbers=outline.numbers)
        if reference.item_id is None
    ]
