"""Chapter order, practice-item numbers and references for the report document.

TEMPORARY: to be replaced by `reports.numbering` (branch `story`) when that is merged; the
behaviour is meant to be the same. The chapter number is the chapter's position in the
document: the catalogue's themes in order, each followed by the report's own chapters
(`ReportSection.is_chapter`) of that theme, with own chapters without a theme before the
first theme. Practice items are numbered per chapter in document order ("Uit de praktijk
2.1", "2.2"); "Uit de praktijk 2.2" in a running text refers to the second one of chapter 2.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# "Uit de praktijk 2.2" (any case), not already the text of a Markdown link.
REFERENCE = re.compile(r"(?<!\[)\b([Uu]it de praktijk)\s+(\d{1,3})\.(\d{1,3})\b(?!\]\()")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class ChapterSlot:
    """One chapter in document order: a catalogue theme or an own chapter."""

    number: int
    theme: Any | None = None  # catalogue Theme for a theme chapter
    section: Any | None = None  # ReportSection for an own chapter


def chapter_order(*, themes: Iterable[Any], own_chapters: Iterable[Any]) -> list[ChapterSlot]:
    """Themes in catalogue order, own chapters after their theme (or before the first)."""
    own = list(own_chapters)
    slots: list[tuple[Any | None, Any | None]] = [(None, s) for s in own if s.theme_id is None]
    for theme in themes:
        slots.append((theme, None))
        slots.extend((None, s) for s in own if s.theme_id == theme.pk)
    return [
        ChapterSlot(number=number, theme=theme, section=section)
        for number, (theme, section) in enumerate(slots, start=1)
    ]


def practice_anchor(number: str) -> str:
    """The id of practice item "2.1" in the document: praktijk-2-1."""
    return "praktijk-" + number.replace(".", "-")


def paragraphs(text: str) -> list[str]:
    """A running text's paragraphs (blocks separated by an empty line), counted from 1."""
    return [part.strip("\n") for part in PARAGRAPH_BREAK.split(text or "") if part.strip()]


def references_linked(text: str, *, numbers: set[str]) -> str:
    """Markdown with every reference to an existing practice item made an internal link."""

    def link(match: re.Match[str]) -> str:
        number = f"{match[2]}.{match[3]}"
        if number not in numbers:
            return match[0]
        return f"[{match[1]} {number}](#{practice_anchor(number)})"

    return REFERENCE.sub(link, text or "")
