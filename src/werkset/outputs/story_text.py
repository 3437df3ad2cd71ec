"""The report's texts (the `rapport` variant) from Markdown to HTML, once every practice
item's number is known, with references to practice items made internal links.

The last step of story.py's assembly: it needs the whole story, since a reference may point
to a box in another chapter.
"""

from werkset.reports.numbering import ItemNumber, practice_references

from .document_text import _markdown
from .story_model import Block, PracticeBlock, StoryDocument, TextBlock


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
