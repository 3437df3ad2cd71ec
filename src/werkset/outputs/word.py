"""The report as an editable Word document (python-docx), from the same read model as the PDF.

Real built-in headings (Title, Heading 1 per chapter and appendix, Heading 2 per element,
Heading 3 per indicator and practice box) so that Word's navigation pane and table of
contents work; a TOC field that Word refreshes on opening; plain styles and no images, so
the region can keep editing it. Markdown becomes Word paragraphs, never raw HTML.
"""

import dataclasses
import re
from io import BytesIO
from typing import Any

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from markdown_it import MarkdownIt
from markdown_it.token import Token

from werkset.reports.models import Report

from .document import (
    DOCUMENT_LANGUAGE,
    ElementSection,
    IndicatorEntry,
    PracticeEntry,
    QuoteEntry,
    ReportDocument,
    ThemeChapter,
    report_document,
)
from .story import report_story
from .variants import DEFAULT_VARIANT, DocumentVariant
from .word_framing import add_framing_appendix

WORD_LANGUAGE = "nl-NL"
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
BOX_FILL = "EAF1F8"
SUBTLE = RGBColor(0x5C, 0x5C, 0x5C)
ACCENT = RGBColor(0xA9, 0x00, 0x61)
LINK = RGBColor(0x15, 0x42, 0x73)

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")


# Characters XML 1.0 does not allow (control characters pasted from other programs).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """The read model with XML-illegal characters removed from every text in it."""
    if isinstance(value, SafeString):
        return mark_safe(_XML_ILLEGAL.sub("", value))  # noqa: S308 (was safe, stays safe)
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [_xml_safe(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_xml_safe(item) for item in value)
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    return value


def report_docx(*, report: Report, variant: str = DEFAULT_VARIANT) -> bytes:
    """The region's report as a .docx; CONCEPT in every page header until it is final."""
    with translation.override(DOCUMENT_LANGUAGE):
        if variant != DocumentVariant.VRAGENLIJST:
            from .word_story import story_docx  # it builds on this module's helpers

            return story_docx(story=report_story(report=report))
        return document_docx(document=report_document(report=report))


def document_docx(*, document: ReportDocument) -> bytes:
    """Write an already built read model as Word (lets callers reuse one read model)."""
    builder = _WordBuilder(_xml_safe(document))
    builder.build()
    output = BytesIO()
    builder.docx.save(output)
    return output.getvalue()


# --- low-level helpers ---------------------------------------------------------------------

# Elements that follow w:updateFields in the schema's sequence for w:settings.
_AFTER_UPDATE = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
}  # fmt: skip


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def headers_and_footers(docx: Any, *, concept: str | None, footer: str) -> None:
    """Every page's header (the concept mark, if any) and footer (who, when, page number),
    for both layouts of the Word document."""
    for section in docx.sections:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if concept:
            run = header.add_run(concept)
            run.bold = True
            run.font.color.rgb = ACCENT
        line = section.footer.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        line.add_run(footer)
        _field_run(line, "PAGE", "1")


def _field_run(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (begin, instruction, separate, result, end) in one paragraph."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run._r.append(_fld_char(kind))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_fld_char("end"))


def _fld_char(kind: str, *, dirty: bool = False) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    return element


def _shade(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _pad(cell: Any, twips: int) -> None:
    """Inner margins of a cell, so a shaded box does not glue its text to the border."""
    margins = OxmlElement("w:tcMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    cell._tc.get_or_add_tcPr().append(margins)


def _add_text_with_breaks(paragraph: Any, text: str, **style: Any) -> None:
    """Plain text (a toelichting, a quote) with its line breaks kept."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        for name, value in style.items():
            setattr(run, name, value)
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


# Style ids of the default template's built-in styles. Setting the id directly skips
# python-docx's lookup by name, which walks every style on each call (a third of the time).
STYLE_IDS = {
    "Title": "Title", "Subtitle": "Subtitle", "TOC Heading": "TOCHeading",
    "List Bullet": "ListBullet", "List Bullet 2": "ListBullet2", "Quote": "Quote",
    "Caption": "Caption", "Heading 1": "Heading1", "Heading 2": "Heading2",
    "Heading 3": "Heading3",
}  # fmt: skip


def styled(paragraph: Any, name: str) -> Any:
    """Give the paragraph a built-in style by its id (fast); returns the paragraph."""
    paragraph._p.style = STYLE_IDS[name]
    return paragraph


def table_grid(table: Any) -> Any:
    """The built-in Table Grid style, set by its id."""
    table._tbl.tblStyle_val = "TableGrid"
    return table


def bookmark_name(anchor: str) -> str:
    """Word's name for an HTML anchor: letters, digits and underscores (praktijk_2_1)."""
    return re.sub(r"[^A-Za-z0-9_]", "_", anchor)[:40]


def _internal_hyperlink(paragraph: Any, anchor: str) -> Any:
    """A w:hyperlink to a bookmark in the document; the link's runs go inside it."""
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("w:anchor"), bookmark_name(anchor))
    hyperlink.set(qn("w:history"), "1")
    paragraph._p.append(hyperlink)
    return hyperlink


# --- Markdown ------------------------------------------------------------------------------


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
                hyperlink = _internal_hyperlink(paragraph, link[1:])
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


def _add_markdown(container: Any, text: str) -> None:
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
            _add_text_with_breaks(paragraph, token.content.rstrip("\n"))
            for run in paragraph.runs:
                run.font.name = "Courier New"
        elif kind == "table_open":
            index = _add_markdown_table(container, tokens, index)
            continue
        elif kind == "hr":
            container.add_paragraph("—" * 3).alignment = WD_ALIGN_PARAGRAPH.CENTER
        index += 1


def _add_markdown_table(container: Any, tokens: list[Token], index: int) -> int:
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


# --- the document --------------------------------------------------------------------------


class _WordBuilder:
    def __init__(self, document: ReportDocument) -> None:
        self.doc = document
        self.words = document.words
        self.docx = Document()

    def build(self) -> None:
        self._setup()
        self._title_page()
        self._contents()
        self._introduction()
        for chapter in self.doc.chapters:
            self._chapter(chapter)
        self._context()
        self._overview()
        add_framing_appendix(self, self.doc.framing, add_markdown=_add_markdown)
        self._sources_and_colophon()
        self._headers_and_footers()

    # setup ---------------------------------------------------------------------------------

    def _setup(self) -> None:
        properties = self.docx.core_properties
        properties.title = self.doc.title
        properties.subject = f"{self.doc.catalogue_title} ({self.doc.catalogue_edition})"
        properties.language = WORD_LANGUAGE
        properties.author = self.doc.region
        properties.keywords = f"{self.doc.region}; {self.doc.period}; {self.doc.status}"
        properties.comments = f"{self.words['version']} {self.doc.version_number}"
        styles = self.docx.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for lang in defaults.iter(qn("w:lang")):
                lang.set(qn("w:val"), WORD_LANGUAGE)
        for section in self.docx.sections:
            section.page_height = Mm(297)
            section.page_width = Mm(210)
            section.left_margin = section.right_margin = Mm(22)
            section.top_margin = section.bottom_margin = Mm(22)
        # Ask Word to refresh the TOC field (and page numbers) when the file is opened.
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings = self.docx.settings.element
        # Word validates the order of w:settings; updateFields goes before these.
        later = next((child for child in settings if _local(child.tag) in _AFTER_UPDATE), None)
        if later is not None:
            later.addprevious(update)
        else:
            settings.append(update)

    def _heading(self, text: str, level: int, *, new_page: bool = False) -> Any:
        heading = self.docx.add_heading(text, level=level)
        if new_page:
            heading.paragraph_format.page_break_before = True
        return heading

    def _fact(self, label: str, value: str) -> None:
        paragraph = self.docx.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    def _concept_notice(self) -> None:
        if not self.doc.is_final:
            paragraph = self.docx.add_paragraph()
            run = paragraph.add_run(f"{self.words['concept']} · ")
            run.bold = True
            run.font.color.rgb = ACCENT
            paragraph.add_run(self.words["concept_notice"]).font.color.rgb = ACCENT

    # parts ---------------------------------------------------------------------------------

    def _title_page(self) -> None:
        series = self.docx.add_paragraph(self.doc.catalogue_title)
        series.runs[0].font.color.rgb = SUBTLE
        self.docx.add_paragraph(self.doc.region, style="Title")
        self.docx.add_paragraph(self.words["document"], style="Subtitle")
        self._fact(self.words["network"], self.doc.network)
        self._fact(self.words["period"], self.doc.period)
        status = self.doc.status
        if self.doc.finalised_on:
            status = f"{status} ({self.doc.finalised_on})"
        self._fact(self.words["status"], status)
        self._fact(self.words["version"], str(self.doc.version_number))
        self._concept_notice()

    def _contents(self) -> None:
        heading = self.docx.add_paragraph(self.words["contents"], style="TOC Heading")
        heading.paragraph_format.page_break_before = True
        # The field's result shows the chapter titles until Word refreshes it with pages.
        entries = [entry.title for entry in self.doc.toc]
        first = self.docx.add_paragraph()
        for kind in ("begin", "instr", "separate"):
            run = first.add_run()
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = TOC_INSTRUCTION
                run._r.append(instr)
            else:
                run._r.append(_fld_char(kind, dirty=kind == "begin"))
        first.add_run(entries[0])
        last = first
        for title in entries[1:]:
            last = self.docx.add_paragraph(title)
        last.add_run()._r.append(_fld_char("end"))

    def _introduction(self) -> None:
        self._heading(self.words["introduction"], 1, new_page=True)
        _add_markdown(self.docx, self.doc.introduction)
        self.docx.add_paragraph(self.words["elements_intro"])
        table = self.docx.add_table(rows=len(self.doc.element_definitions), cols=2)
        table.style = "Table Grid"
        for row, (title, question) in enumerate(self.doc.element_definitions):
            table.cell(row, 0).paragraphs[0].add_run(title).italic = True
            table.cell(row, 1).paragraphs[0].add_run(question)

    def _chapter(self, chapter: ThemeChapter) -> None:
        self._heading(chapter.heading, 1, new_page=True)
        _add_markdown(self.docx, chapter.text)
        for quote in chapter.quotes:
            self._quote(quote)
        for element in chapter.elements:
            self._element(element)
        for item in chapter.practice_items:
            self._practice(item)
        from .word_assessment import add_theme_assessment  # imports this module

        add_theme_assessment(self.docx, chapter.assessment, level=2)

    def _element(self, element: ElementSection) -> None:
        self._heading(f"{element.number} {element.title}", 2)
        _add_markdown(self.docx, element.text)
        for group in element.groups:
            if group.category:
                run = self.docx.add_paragraph().add_run(group.category.upper())
                run.bold = True
                run.font.size = Pt(9)
                run.font.color.rgb = SUBTLE
            for entry in group.indicators:
                self._indicator(entry)
        for quote in element.quotes:
            self._quote(quote)
        for item in element.practice_items:
            self._practice(item)

    def _indicator(self, entry: IndicatorEntry) -> None:
        self._heading(entry.label, 3)
        question = self.docx.add_paragraph()
        question.paragraph_format.space_after = Pt(3)
        _add_inline(question, _markdown.parseInline(entry.question)[0], italic=True)
        for run in question.runs:
            run.font.color.rgb = SUBTLE
        if not entry.has_content:
            run = self.docx.add_paragraph().add_run(self.words["not_answered"])
            run.italic = True
            run.font.color.rgb = SUBTLE
            return
        if entry.choice_label or entry.figures:
            answer = self.docx.add_paragraph()
            answer.paragraph_format.space_after = Pt(3)
            answer.add_run(f"{self.words['answer']}: ").font.color.rgb = SUBTLE
            parts: list[tuple[str, str]] = []
            if entry.choice_label:
                parts.append(("", entry.choice_label))
            parts.extend(entry.figures)
            for index, (label, value) in enumerate(parts):
                if index:
                    answer.add_run(" · ")
                if label:
                    answer.add_run(f"{label}: ")
                answer.add_run(value).bold = True
        if entry.explanation:
            for block in entry.explanation.split("\n\n"):
                _add_text_with_breaks(self.docx.add_paragraph(), block.strip("\n"))
        for region in entry.regions:
            paragraph = self.docx.add_paragraph()
            paragraph.add_run(f"{region.region}: ").bold = True
            _add_text_with_breaks(paragraph, region.answer)
        for organisation, text in entry.perspectives:
            paragraph = self.docx.add_paragraph()
            paragraph.add_run(f"{organisation}: ").bold = True
            _add_text_with_breaks(paragraph, text)

    def _practice(self, item: PracticeEntry) -> None:
        """A shaded one-cell table, so the box stays together and can be edited as one."""
        self.docx.add_paragraph().paragraph_format.space_after = Pt(0)
        table = self.docx.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        cell = table.cell(0, 0)
        _shade(cell, BOX_FILL)
        _pad(cell, 140)
        title = cell.paragraphs[0]
        title.style = self.docx.styles["Heading 3"]
        title.add_run(f"{self.words['from_practice']} {item.number}: {item.title}")
        kind = cell.add_paragraph().add_run(item.kind)
        kind.font.size = Pt(9)
        kind.font.color.rgb = SUBTLE
        _add_markdown(cell, item.text)
        if item.source:
            source = cell.add_paragraph().add_run(f"{self.words['source']}: {item.source}")
            source.italic = True
            source.font.size = Pt(9)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(4)
        self.docx.add_paragraph()

    def _quote(self, quote: QuoteEntry) -> None:
        paragraph = self.docx.add_paragraph(style="Quote")
        paragraph.paragraph_format.left_indent = Mm(12)
        paragraph.paragraph_format.right_indent = Mm(12)
        _add_text_with_breaks(paragraph, f"“{quote.text}”", italic=True)
        attribution = self.docx.add_paragraph()
        attribution.paragraph_format.left_indent = Mm(12)
        run = attribution.add_run(f"— {quote.attribution}")
        run.font.size = Pt(9)
        run.font.color.rgb = SUBTLE

    def _context(self) -> None:
        self._heading(self.words["appendix_context"], 1, new_page=True)
        self.docx.add_paragraph(self.words["context_intro"])
        for entry in self.doc.context:
            self._heading(f"{entry.number}. {entry.title}", 2)
            for label, text in (
                (self.words["goal"], entry.goal),
                (self.words["expected_value"], entry.expected_value),
            ):
                if text:
                    self.docx.add_paragraph().add_run(label).bold = True
                    _add_markdown(self.docx, text)

    def _overview(self) -> None:
        self._heading(self.words["appendix_overview"], 1, new_page=True)
        self.docx.add_paragraph(self.words["overview_intro"])
        for theme in self.doc.overview:
            self._heading(f"{theme.number}. {theme.title}", 2)
            rows = 1 + sum(1 + len(element.rows) for element in theme.elements)
            table = self.docx.add_table(rows=rows, cols=2)
            table.style = "Table Grid"
            header = table.rows[0].cells
            header[0].paragraphs[0].add_run(self.words["indicator"]).bold = True
            header[1].paragraphs[0].add_run(self.words["status"]).bold = True
            row = 1
            for element in theme.elements:
                cell = table.cell(row, 0).merge(table.cell(row, 1))
                _shade(cell, "F2F5F9")
                cell.paragraphs[0].add_run(element.title).italic = True
                row += 1
                for item in element.rows:
                    table.cell(row, 0).paragraphs[0].add_run(item.label)
                    status = (
                        table.cell(row, 1)
                        .paragraphs[0]
                        .add_run(self.words["answered"] if item.answered else self.words["open"])
                    )
                    status.bold = not item.answered
                    row += 1

    def _sources_and_colophon(self) -> None:
        self._heading(self.words["sources"], 1, new_page=True)
        if not self.doc.sources:
            self.docx.add_paragraph(self.words["no_sources"])
        for source in self.doc.sources:
            paragraph = self.docx.add_paragraph(style="List Bullet")
            paragraph.add_run(source.title).bold = True
            if source.description:
                paragraph.add_run(f". {source.description}")
        self._heading(self.words["colophon"], 1)
        unit = self.doc.region
        if self.doc.region != self.doc.network:
            unit = f"{self.doc.region} ({self.doc.network})"
        self._fact(self.doc.unit_label or self.words["region"], unit)
        self._fact(self.words["period"], self.doc.period)
        self._fact(
            self.words["catalogue"], f"{self.doc.catalogue_title} ({self.doc.catalogue_edition})"
        )
        self._fact(self.words["version"], str(self.doc.version_number))
        self._fact(self.words["status"], f"{self.doc.status}; {self.words['progress']}")
        if self.doc.finalised_on:
            self._fact(self.words["finalised_on"], self.doc.finalised_on)
        self._fact(self.words["printed_on"], self.doc.printed_on)
        self._concept_notice()

    def _headers_and_footers(self) -> None:
        headers_and_footers(
            self.docx,
            concept=None if self.doc.is_final else self.words["concept"],
            footer=f"{self.doc.region} · {self.doc.period} · ",
        )
