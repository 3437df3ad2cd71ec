"""Markdown (as the regions write it) into Word paragraphs, never raw HTML.

One writer for every Word document, so lists, emphasis, links and tables look the same in
the report, its story variant and the framing appendix. The dialect is CommonMark with
tables and without HTML, as in core.markdown.
"""

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .word_xml import LINK, add_text_with_breaks, internal_hyperlink, styled, table_grid

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")


def _add_inline(paragraph: Any, token: Token, *, italic: bool = False) -> None:
    """Inline Markdown (bold, italic, code, links, breaks) as runs of one paragraph."""
    bold = 0
    emphasis = 0
    link: str | None = None
    hyperlink: Any = None
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            emphasis += 1
        elif child.type == "em_close":
            emphasis -= 1
        elif child.type == "link_open":
            link = str(child.attrs.get("href", ""))
            if link.startswith("#"):
                hyperlink = internal_hyperlink(paragraph, link[1:])
        elif child.type == "link_close":
            if link and link.startswith(("http://", "https://", "mailto:")):
                paragraph.add_run(f" ({link})")
            link, hyperlink = None, None
        elif child.type in ("softbreak",):
            paragraph.add_run(" ")
        elif child.type == "hardbreak":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif child.type in ("text", "code_inline", "html_inline", "image"):
            text = child.content
            if child.type == "image":
                text = "".join(c.content for c in child.children or [])
            run = paragraph.add_run(text)
            if hyperlink is not None:
                hyperlink.append(run._r)
                run.underline = True
                run.font.color.rgb = LINK
            run.bold = bold > 0 or None
            run.italic = (emphasis % 2 == 1) != italic or None
            if child.type == "code_inline":
                run.font.name = "Courier New"


def add_markdown(container: Any, text: str) -> None:
    """Block Markdown (paragraphs, lists, quotes, headings, tables) into a document or cell.

    Ordered lists get their numbers written out, because Word's list numbering would
    continue across the whole document instead of restarting per list.
    """
    tokens = _markdown.parse(text or "")
    lists: list[list[int]] = []  # per open list: [is_ordered, next_number]
    first_in_item = False
    quote_depth = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1) or 1)
            lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            first_in_item = True
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("paragraph_open", "heading_open"):
            inline = tokens[index + 1]
            paragraph = container.add_paragraph()
            if lists:
                ordered, number = lists[-1]
                depth = len(lists)
                if first_in_item and not ordered:
                    styled(paragraph, "List Bullet 2" if depth > 1 else "List Bullet")
                else:
                    paragraph.paragraph_format.left_indent = Mm(6 * depth)
                    if first_in_item:
                        paragraph.paragraph_format.first_line_indent = Mm(-6)
                        paragraph.add_run(f"{number}.\t")
                        lists[-1][1] += 1
                first_in_item = False
            elif quote_depth:
                paragraph.paragraph_format.left_indent = Mm(8 * quote_depth)
            _add_inline(paragraph, inline, italic=bool(quote_depth))
            if kind == "heading_open":
                for run in paragraph.runs:
                    run.bold = True
            index += 3
            continue
        elif kind in ("fence", "code_block"):
            paragraph = container.add_paragraph()
            add_text_with_breaks(paragraph, token.content.rstrip("\n"))
            for run in paragraph.runs:
                run.font.name = "Courier New"
        elif kind == "table_open":
            index = _add_markdown_table(container, tokens, index)
            continue
        elif kind == "hr":
            container.add_paragraph("—" * 3).alignment = WD_ALIGN_PARAGRAPH.CENTER
        index += 1


def _add_markdown_table(container: Any, tokens: list[Token], index: int) -> int:
    """A Markdown table as a Table Grid table; returns the index after its last token."""
    rows: list[list[tuple[Token, bool]]] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append((tokens[index + 1], token.type == "th_open"))
        index += 1
    columns = max((len(row) for row in rows), default=0)
    if rows and columns:
        table = table_grid(container.add_table(rows=len(rows), cols=columns))
        for row_index, row in enumerate(rows):
            cells = table.rows[row_index].cells
            for column, (inline, header) in enumerate(row):
                paragraph = cells[column].paragraphs[0]
                _add_inline(paragraph, inline)
                if header:
                    for run in paragraph.runs:
                        run.bold = True
    return index + 1


def add_inline_markdown(paragraph: Any, text: str, *, italic: bool = False) -> None:
    """One line of Markdown (an indicator's question) as runs of the paragraph."""
    _add_inline(paragraph, _markdown.parseInline(text)[0], italic=italic)
