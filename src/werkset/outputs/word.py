"""The report as an editable Word document (python-docx), from the same read model as the PDF.

Real built-in headings (Title, Heading 1 per chapter and appendix, Heading 2 per element,
Heading 3 per indicator and practice box) so that Word's navigation pane and table of
contents work; a TOC field that Word refreshes on opening; plain styles and no images, so
the region can keep editing it. Markdown becomes Word paragraphs (word_markdown.py); the
python-docx details are in word_xml.py.
"""

from io import BytesIO
from typing import Any

from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from werkset.reports.models import Report

from .document import report_document
from .document_model import (
    ElementSection,
    IndicatorEntry,
    PracticeEntry,
    QuoteEntry,
    ReportDocument,
    ThemeChapter,
)
from .document_text import DOCUMENT_LANGUAGE
from .story import report_story
from .variants import DEFAULT_VARIANT, DocumentVariant
from .word_assessment import add_theme_assessment
from .word_framing import add_framing_appendix
from .word_markdown import add_inline_markdown, add_markdown
from .word_story import story_docx
from .word_xml import (
    ACCENT,
    BOX_FILL,
    SUBTLE,
    WORD_LANGUAGE,
    add_text_with_breaks,
    add_toc_field,
    headers_and_footers,
    pad,
    request_field_update,
    shade,
    xml_safe,
)


def report_docx(*, report: Report, variant: str = DEFAULT_VARIANT) -> bytes:
    """The region's report as a .docx; CONCEPT in every page header until it is final."""
    with translation.override(DOCUMENT_LANGUAGE):
        if variant != DocumentVariant.VRAGENLIJST:
            return story_docx(story=report_story(report=report))
        return document_docx(document=report_document(report=report))


def document_docx(*, document: ReportDocument) -> bytes:
    """Write an already built read model as Word (lets callers reuse one read model)."""
    builder = _WordBuilder(xml_safe(document))
    builder.build()
    output = BytesIO()
    builder.docx.save(output)
    return output.getvalue()


class _WordBuilder:
    """The vragenlijst layout: one pass over the read model, in reading order."""

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
        add_framing_appendix(self, self.doc.framing)
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
        request_field_update(self.docx)

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
        add_toc_field(self.docx, [entry.title for entry in self.doc.toc])

    def _introduction(self) -> None:
        self._heading(self.words["introduction"], 1, new_page=True)
        add_markdown(self.docx, self.doc.introduction)
        self.docx.add_paragraph(self.words["elements_intro"])
        table = self.docx.add_table(rows=len(self.doc.element_definitions), cols=2)
        table.style = "Table Grid"
        for row, (title, question) in enumerate(self.doc.element_definitions):
            table.cell(row, 0).paragraphs[0].add_run(title).italic = True
            table.cell(row, 1).paragraphs[0].add_run(question)

    def _chapter(self, chapter: ThemeChapter) -> None:
        self._heading(chapter.heading, 1, new_page=True)
        add_markdown(self.docx, chapter.text)
        for quote in chapter.quotes:
            self._quote(quote)
        for element in chapter.elements:
            self._element(element)
        for item in chapter.practice_items:
            self._practice(item)
        add_theme_assessment(self.docx, chapter.assessment, level=2)

    def _element(self, element: ElementSection) -> None:
        self._heading(f"{element.number} {element.title}", 2)
        add_markdown(self.docx, element.text)
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
        add_inline_markdown(question, entry.question, italic=True)
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
                add_text_with_breaks(self.docx.add_paragraph(), block.strip("\n"))
        for region in entry.regions:
            paragraph = self.docx.add_paragraph()
            paragraph.add_run(f"{region.region}: ").bold = True
            add_text_with_breaks(paragraph, region.answer)
        for organisation, text in entry.perspectives:
            paragraph = self.docx.add_paragraph()
            paragraph.add_run(f"{organisation}: ").bold = True
            add_text_with_breaks(paragraph, text)

    def _practice(self, item: PracticeEntry) -> None:
        """A shaded one-cell table, so the box stays together and can be edited as one."""
        self.docx.add_paragraph().paragraph_format.space_after = Pt(0)
        table = self.docx.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        cell = table.cell(0, 0)
        shade(cell, BOX_FILL)
        pad(cell, 140)
        title = cell.paragraphs[0]
        title.style = self.docx.styles["Heading 3"]
        title.add_run(f"{self.words['from_practice']} {item.number}: {item.title}")
        kind = cell.add_paragraph().add_run(item.kind)
        kind.font.size = Pt(9)
        kind.font.color.rgb = SUBTLE
        add_markdown(cell, item.text)
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
        add_text_with_breaks(paragraph, f"“{quote.text}”", italic=True)
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
                    add_markdown(self.docx, text)

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
                shade(cell, "F2F5F9")
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
