"""Practice items and quotes at their place in the report's running text (the `rapport`
variant).

reports.numbering says where each box and quote stands and what number it has; this module
turns a text and those items into the story's blocks, reading a box's image for embedding.
Kept apart from story.py, which assembles the chapters from these blocks.
"""

import logging
from collections import defaultdict

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from werkset.reports.models import PracticeItem, PracticeKind, Quote
from werkset.reports.numbering import Block as NumberingBlock
from werkset.reports.numbering import text_paragraphs
from werkset.reports.story_selectors import StoryOutline

from .story_model import Block, PracticeBlock, QuoteBlock, StoryImage, TextBlock

logger = logging.getLogger(__name__)

IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


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
