"""What the theme page's partials need besides the report's rows (ADR 0015).

The answer forms, the running-text forms, the comments, practice items and quotes of a theme
page are Jinja2 partials in `reports/jinja2/reports/` (a theme page repeats them once per
indicator or element). A partial gets its rows and this one small object: the report and
theme it belongs to, who may do what on the page, and the answer forms' states."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType
from typing import Any, ClassVar

from django.urls import reverse
from django.utils.safestring import SafeString

from werkset.catalogue.models import CatalogueVersion

from . import limits as text_limits
from .models import Comment
from .numbering import ItemNumber, text_paragraphs

# A number that no id reaches, reversed in the place of the id (an <int:...> path segment).
_STAND_IN = 987654321987


@dataclass(frozen=True)
class UrlPerId:
    """The URLs of one route for many ids (every answer's save URL on a page): reversed once,
    with the id put in its place. Reversing took about 20 µs a URL, and a theme page links
    every answer twice."""

    head: str
    tail: str

    @classmethod
    def of(cls, name: str, *args: Any) -> "UrlPerId":
        head, _stand_in, tail = reverse(name, args=[*args, _STAND_IN]).rpartition(str(_STAND_IN))
        return cls(head=head, tail=tail)

    def __call__(self, id_: int) -> str:
        return f"{self.head}{int(id_)}{self.tail}"


@dataclass(frozen=True)
class ThemePage:
    """One theme page of one report, as its partials see it."""

    # The longest text each field takes (reports/limits.py), for the fields' maxlength.
    limits: ClassVar[ModuleType] = text_limits

    report_id: int
    theme_key: str
    # The page's form token, masked once (csrf_input would mask it again for every form).
    csrf_token: str
    catalogue_version: CatalogueVersion
    # The rapporteur changes the report (forms); others read it (answers as text).
    can_edit: bool
    # Network members add comments while the report is under discussion.
    can_comment: bool
    # The region's own people see the comments and the answers' history.
    show_discussion: bool
    answer_comments: Mapping[int, Sequence[Comment]]
    frequency_periods: Sequence[tuple[str, Any]]
    # Per answer: where its form posts, its history; per comment: where it is resolved.
    answer_save_url: UrlPerId
    answer_history_url: UrlPerId
    comment_resolve_url: UrlPerId
    # Where every comment form of the page posts; where a practice item or quote is changed.
    comment_add_url: str
    practice_item_url: UrlPerId
    quote_url: UrlPerId
    # The network's story (issue 18): the practice items' numbers, where their images are
    # served, where an own section is changed.
    numbers: Mapping[int, ItemNumber]
    image_url: UrlPerId
    section_url: UrlPerId
    # Per answer the HTML of its form or, for a reader, of the answer (answer_fragments.py).
    answer_html: Mapping[int, SafeString] = field(default_factory=dict)

    @cached_property
    def proposal_url(self) -> UrlPerId:
        """Where a network member proposes a new value for an answer (ADR 21)."""
        return UrlPerId.of("reports:proposal_add", self.report_id)

    def number(self, item_id: int) -> str:
        """The item's number in the document ("2.1"), or empty if it has none."""
        number = self.numbers.get(item_id)
        return number.label if number is not None else ""

    @staticmethod
    def placed(
        text: str, practice: Sequence[Any] | None, quotes: Sequence[Any] | None
    ) -> "PlacedText":
        """A running text split into paragraphs, with the items placed after each."""
        return placed_in_text(text, practice=practice, quotes=quotes)


@dataclass(frozen=True)
class PlacedItem:
    kind: str  # "praktijk" or "quote"
    item: Any


@dataclass(frozen=True)
class PlacedText:
    # (paragraph source, the items after it) in order; then the items after the whole text.
    paragraphs: list[tuple[str, list[PlacedItem]]]
    tail: list[PlacedItem]

    @property
    def items(self) -> list[tuple[int | None, PlacedItem]]:
        """Every item with the paragraph it follows (None: after the text), in order."""
        rows: list[tuple[int | None, PlacedItem]] = []
        for number, (_text, after) in enumerate(self.paragraphs, start=1):
            rows += [(number, item) for item in after]
        return rows + [(None, item) for item in self.tail]


def placed_in_text(
    text: str, *, practice: Sequence[Any] | None, quotes: Sequence[Any] | None
) -> PlacedText:
    """Where each practice item and quote stands in `text` (reports/numbering.py's rule: after
    paragraph N, or after the whole text when N is empty or past the end)."""
    rows = [PlacedItem("praktijk", item) for item in practice or ()]
    rows += [PlacedItem("quote", item) for item in quotes or ()]
    if not any(row.item.paragraph for row in rows):
        # Nothing stands between paragraphs (the common case): the text stays whole, as one
        # Markdown rendering, and is not split.
        rows.sort(key=lambda row: (row.item.position, row.item.pk))
        return PlacedText(paragraphs=[(text, [])] if text and text.strip() else [], tail=rows)
    paragraphs = text_paragraphs(text)
    # The order of reports/numbering.py: by paragraph (an item after a paragraph past the end
    # of a shortened text comes before those after the whole text), position, id.
    rows.sort(
        key=lambda row: (
            row.item.paragraph is None,
            row.item.paragraph or 0,
            row.item.position,
            row.item.pk,
        )
    )
    after: dict[int, list[PlacedItem]] = {}
    tail = []
    for row in rows:
        paragraph = row.item.paragraph
        if paragraph and paragraph <= len(paragraphs):
            after.setdefault(paragraph, []).append(row)
        else:
            tail.append(row)
    return PlacedText(
        paragraphs=[(p, after.get(n, [])) for n, p in enumerate(paragraphs, start=1)], tail=tail
    )
