"""Bijlage 3 of the Word document: the catalogue version's Bronnen and Verantwoording.

The same parts as the print HTML shows (Framing.appendix_parts, guidance/), written with
the document's own Markdown writer so that lists and emphasis look like the rest."""

from typing import Any

from werkset.guidance.texts import Framing, Section

from .word_markdown import add_markdown


def _markdown_of(section: Section) -> list[str]:
    blocks = [text for text in (section.note, *section.paragraphs) if text]
    if section.items:
        blocks.append(
            "\n".join(
                f"{section.start + n}. {item}" if section.numbered else f"- {item}"
                for n, item in enumerate(section.items)
            )
        )
    return [*blocks, *section.after]


def add_framing_appendix(builder: Any, framing: Framing | None) -> None:
    """Append Bijlage 3 to `builder`'s document (nothing when the version has no framing)."""
    if framing is None:
        return
    builder._heading(builder.words["appendix_framing"], 1, new_page=True)
    builder.docx.add_paragraph(framing.title)
    for part in framing.appendix_parts:
        builder._heading(part.title, 2)
        for section in part.sections:
            if section.heading:
                builder._heading(section.heading, 3)
            for block in _markdown_of(section):
                add_markdown(builder.docx, block)
