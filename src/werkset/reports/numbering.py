"""Where things stand in a report document, and the numbers of its "Uit de praktijk" items.

Seed 001 numbers its practice items per chapter ("Uit de praktijk 1.1, 1.2, 2.1, ...") and its
running text refers to them ("zie Uit de Praktijk 1.2"). The theme page, the PDF and the DOCX
must agree on those numbers, so they are computed here, once, from plain values: no queries,
no models (the callers read the rows, one query each, and pass their ids).

The document's order:
- Chapters: the themes in catalogue order; an own chapter (ReportSection.is_chapter) stands
  after the theme chapter of its `theme`, or before the first theme without one; several at
  the same place by (position, id). A chapter's number is its place in that order, from 1.
- Within a theme chapter: the theme's running text, the own paragraphs placed after it, then
  per element (catalogue order) the element's running text and the own paragraphs placed
  after that element. An own chapter is one block.
- Within a block: the items placed after paragraph 1, 2, ..., then those after the whole text
  (paragraph empty), each group by (position, id).
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt

# The same Markdown dialect as core.markdown and outputs.word (CommonMark with tables).
_blocks_parser = MarkdownIt("commonmark", {"html": False}).enable("table")


@dataclass(frozen=True)
class ThemeOutline:
    """A theme of the catalogue version with its elements, both in catalogue order."""

    id: int
    element_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class OwnSection:
    """A ReportSection's placement (see its docstring for the rule)."""

    id: int
    is_chapter: bool
    theme_id: int | None
    element_id: int | None = None
    position: int = 0


@dataclass(frozen=True)
class PlacedItem:
    """A practice item's placement: in the text of (theme, element), or of an own section."""

    id: int
    theme_id: int | None
    element_id: int | None = None
    section_id: int | None = None
    paragraph: int | None = None
    position: int = 0


@dataclass(frozen=True)
class Chapter:
    """A chapter of the document: a theme's (theme_id) or an own one (section_id)."""

    number: int
    theme_id: int | None = None
    section_id: int | None = None


@dataclass(frozen=True)
class ItemNumber:
    chapter: int
    number: int

    @property
    def label(self) -> str:
        """ "2.1", as the document prints it after "Uit de praktijk"."""
        return f"{self.chapter}.{self.number}"

    @property
    def anchor(self) -> str:
        """The item's id in the documents, the target of a reference: praktijk-2-1."""
        return practice_anchor(self.label)


def practice_anchor(label: str) -> str:
    """The id of practice item "2.1" in the PDF and DOCX (a bookmark there): praktijk-2-1."""
    return "praktijk-" + label.replace(".", "-")


def _by_place(section: OwnSection) -> tuple[int, int]:
    return (section.position, section.id)


def chapters_in_order(
    *, themes: Sequence[ThemeOutline], sections: Iterable[OwnSection]
) -> list[Chapter]:
    """The document's chapters, numbered: themes in the given order, own chapters after their
    theme (an own chapter whose theme is not among `themes` stands before the first one)."""
    theme_ids = {theme.id for theme in themes}
    after: dict[int | None, list[OwnSection]] = defaultdict(list)
    for section in sections:
        if section.is_chapter:
            key = section.theme_id if section.theme_id in theme_ids else None
            after[key].append(section)
    ordered: list[tuple[int | None, int | None]] = []
    ordered += [(None, s.id) for s in sorted(after[None], key=_by_place)]
    for theme in themes:
        ordered.append((theme.id, None))
        ordered += [(None, s.id) for s in sorted(after[theme.id], key=_by_place)]
    return [
        Chapter(number=index, theme_id=theme_id, section_id=section_id)
        for index, (theme_id, section_id) in enumerate(ordered, start=1)
    ]


# A block of running text: ("text", theme id, element id or None) or ("own", section id).
Block = tuple[str, int, int | None]


def document_blocks(
    *, chapters: Sequence[Chapter], themes: Sequence[ThemeOutline], sections: Sequence[OwnSection]
) -> list[tuple[int, Block]]:
    """(chapter number, block) for every block of running text, in document order."""
    outline = {theme.id: theme for theme in themes}
    paragraphs: dict[tuple[int, int | None], list[OwnSection]] = defaultdict(list)
    for section in sections:
        if not section.is_chapter and section.theme_id in outline:
            theme = outline[section.theme_id]
            element = section.element_id if section.element_id in theme.element_ids else None
            paragraphs[(theme.id, element)].append(section)
    blocks: list[tuple[int, Block]] = []
    for chapter in chapters:
        if chapter.section_id is not None:
            blocks.append((chapter.number, ("own", chapter.section_id, None)))
            continue
        theme = outline[chapter.theme_id]  # type: ignore[index]
        for element_id in (None, *theme.element_ids):
            blocks.append((chapter.number, ("text", theme.id, element_id)))
            for section in sorted(paragraphs[(theme.id, element_id)], key=_by_place):
                blocks.append((chapter.number, ("own", section.id, None)))
    return blocks


def block_of(item: PlacedItem, *, known: Mapping[Block, int] | set[Block]) -> Block | None:
    """The block of running text an item (a practice item or a quote) stands in; None: none."""
    if item.section_id is not None and ("own", item.section_id, None) in known:
        return ("own", item.section_id, None)
    if item.theme_id is None:
        return None
    text = ("text", item.theme_id, item.element_id)
    if text in known:
        return text
    theme_text = ("text", item.theme_id, None)  # an element not of this theme
    return theme_text if theme_text in known else None


def in_block_order(item: PlacedItem) -> tuple[bool, int, int, int]:
    """Where an item stands within its block: by paragraph (those after a paragraph past the end
    of a shortened text before those after the whole text), then position, then id."""
    return (item.paragraph is None, item.paragraph or 0, item.position, item.id)


def practice_numbers(
    *,
    themes: Sequence[ThemeOutline],
    sections: Sequence[OwnSection],
    items: Iterable[PlacedItem],
) -> dict[int, ItemNumber]:
    """The number of every practice item (by id), counted per chapter in document order.

    An item placed in an own section that no longer exists counts in the text of its theme
    and element; an item with no place in the document (no theme, no section) gets none."""
    chapters = chapters_in_order(themes=themes, sections=sections)
    blocks = document_blocks(chapters=chapters, themes=themes, sections=sections)
    order = {block: index for index, (_chapter, block) in enumerate(blocks)}
    chapter_of = {block: chapter for chapter, block in blocks}
    placed: list[tuple[int, tuple[bool, int, int, int], PlacedItem, Block]] = []
    for item in items:
        block = block_of(item, known=order)
        if block is not None:
            placed.append((order[block], in_block_order(item), item, block))
    placed.sort(key=lambda row: (row[0], row[1]))
    counts: dict[int, int] = defaultdict(int)
    numbers = {}
    for _order, _key, item, block in placed:
        chapter = chapter_of[block]
        counts[chapter] += 1
        numbers[item.id] = ItemNumber(chapter=chapter, number=counts[chapter])
    return numbers


# "Uit de praktijk 2.2", "zie Uit de Praktijk 2.2", "(uit de praktijk 1.10)"; the words may be
# broken over a line. The number must not run on into another number or word ("2.2.1").
REFERENCE = re.compile(
    r"(?<![\w.])uit\s+de\s+praktijk\s+(?P<chapter>\d{1,3})\.(?P<number>\d{1,3})(?![\w]|\.\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reference:
    """A reference in a text: its span (the words "Uit de praktijk 2.2", without "zie"), the
    number it names, and the item with that number (None: no item has it)."""

    start: int
    end: int
    label: str
    item_id: int | None


def practice_references(text: str, *, numbers: Mapping[int, ItemNumber]) -> list[Reference]:
    """The references to practice items in `text`, in order, with the item each points to."""
    by_label = {number.label: item_id for item_id, number in numbers.items()}
    references = []
    for match in REFERENCE.finditer(text or ""):
        label = f"{int(match['chapter'])}.{int(match['number'])}"
        references.append(
            Reference(
                start=match.start(), end=match.end(), label=label, item_id=by_label.get(label)
            )
        )
    return references


def text_paragraphs(text: str) -> list[str]:
    """The paragraphs of a running text as "after paragraph N" counts them (N from 1): its
    top-level Markdown blocks, each as its source. A paragraph, a whole list, a table, a
    quote or a heading is one; blank lines inside a list or a table do not split it.

    The theme page, the PDF and the DOCX split a text here and put the items placed after
    paragraph N between block N and block N + 1 (an N past the end: after the text)."""
    lines = (text or "").splitlines()
    paragraphs = []
    for token in _blocks_parser.parse(text or ""):
        if token.level == 0 and token.map is not None and token.nesting in (0, 1):
            start, end = token.map
            paragraphs.append("\n".join(lines[start:end]).strip())
    return [paragraph for paragraph in paragraphs if paragraph]
