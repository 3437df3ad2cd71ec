"""The `rapport` variant as Word: the same structure as its PDF in Word's own styles.

Title, Heading 1 per chapter and appendix, Heading 2 per element and own paragraph,
Quote for quotes, Caption under images and sources, Table Grid for tables; a TOC field;
references to practice items are w:hyperlink elements to bookmarks on the boxes; images
are embedded with their alternative text (docPr descr). A policy officer edits it further.
"""

from io import BytesIO
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .story_model import (
    Block,
    PracticeBlock,
    QuoteBlock,
    StoryChapter,
    StoryDocument,
    StoryParagraph,
    TextBlock,
)
from .word_assessment import add_theme_assessment
from .word_framing import add_framing_appendix
from .word_markdown import add_markdown
from .word_xml import (
    ACCENT,
    BOX_FILL,
    SUBTLE,
    WORD_LANGUAGE,
    add_text_with_breaks,
    add_toc_field,
    bookmark_name,
    headers_and_footers,
    pad,
    request_field_update,
    shade,
    styled,
    table_grid,
    xml_safe,
)

IMAGE_WIDTH_MM = 120


def story_docx(*, story: StoryDocument) -> bytes:
    """Write the report variant's read model as .docx."""
    builder = _StoryBuilder(xml_safe(story))
    builder.build()
    output = BytesIO()
    builder.docx.save(output)
    return output.getvalue()


class _StoryBuilder:
    """The rapport layout: one pass over the story read model, in reading order."""

    def __init__(self, story: StoryDocument) -> None:
        self.story = story
        self.words = story.words
        self.docx = Document()
        self.bookmark_id = 0

    def build(self) -> None:
        self._setup()
        self._title_page()
        self._contents()
        self._heading(self.words["introduction"], 1, new_page=True)
        self._blocks(self.story.introduction)
        if self.story.summary:
            self._heading(self.words["summary"], 1, new_page=True)
            self._blocks(self.story.summary)
        for chapter in self.story.chapters:
            self._chapter(chapter)
        self._context()
        self._answers()
        add_framing_appendix(self, self.story.framing)
        self._sources_and_history()
        self._headers_and_footers()

    def _setup(self) -> None:
        properties = self.docx.core_properties
        properties.title = self.story.title
        properties.subject = f"{self.story.catalogue_title} ({self.story.catalogue_edition})"
        properties.language = WORD_LANGUAGE
        properties.author = self.story.unit.name
        properties.keywords = f"{self.story.unit.name}; {self.story.period}; {self.story.status}"
        properties.comments = f"{self.words['version']} {self.story.version_number}"
        defaults = self.docx.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for lang in defaults.iter(qn("w:lang")):
                lang.set(qn("w:val"), WORD_LANGUAGE)
        for section in self.docx.sections:
            section.page_height, section.page_width = Mm(297), Mm(210)
            section.left_margin = section.right_margin = Mm(22)
            section.top_margin = section.bottom_margin = Mm(22)
        request_field_update(self.docx)

    def _heading(self, text: str, level: int, *, new_page: bool = False) -> Any:
        heading = styled(self.docx.add_paragraph(text), f"Heading {level}")
        if new_page:
            heading.paragraph_format.page_break_before = True
        return heading

    def _fact(self, label: str, value: str) -> None:
        paragraph = self.docx.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    def _bookmark(self, paragraph: Any, anchor: str) -> None:
        """A bookmark around the paragraph's content, the target of internal links."""
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), bookmark_name(anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        properties = paragraph._p.pPr
        if properties is not None:
            properties.addnext(start)
        else:
            paragraph._p.insert(0, start)
        paragraph._p.append(end)

    def _title_page(self) -> None:
        series = self.docx.add_paragraph(self.story.catalogue_title)
        series.runs[0].font.color.rgb = SUBTLE
        styled(self.docx.add_paragraph(self.story.title), "Title")
        styled(self.docx.add_paragraph(self.story.unit.name), "Subtitle")
        self._fact(self.story.unit.kind, self.story.unit.name)
        if not self.story.unit.is_network:
            self._fact(self.words["network"], self.story.unit.network)
        self._fact(self.words["period"], self.story.period)
        self._fact(self.words["status"], self.story.status)
        self._fact(self.words["version"], str(self.story.version_number))
        self._concept_notice()

    def _concept_notice(self) -> None:
        if not self.story.is_final:
            paragraph = self.docx.add_paragraph()
            run = paragraph.add_run(f"{self.words['concept']} · ")
            run.bold = True
            run.font.color.rgb = ACCENT
            paragraph.add_run(self.words["concept_notice"]).font.color.rgb = ACCENT

    def _contents(self) -> None:
        heading = styled(self.docx.add_paragraph(self.words["contents"]), "TOC Heading")
        heading.paragraph_format.page_break_before = True
        add_toc_field(self.docx, [line.title for line in self.story.toc if line.level == 1])

    def _blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, TextBlock):
                add_markdown(self.docx, block.markdown)
            elif isinstance(block, PracticeBlock):
                self._practice(block)
            elif isinstance(block, QuoteBlock):
                self._quote(block)

    def _paragraph(self, paragraph: StoryParagraph) -> None:
        self._heading(paragraph.title, 2)
        self._blocks(paragraph.blocks)

    def _chapter(self, chapter: StoryChapter) -> None:
        self._heading(chapter.heading, 1, new_page=True)
        self._blocks(chapter.blocks)
        for paragraph in chapter.paragraphs:
            self._paragraph(paragraph)
        for element in chapter.elements:
            self._heading(element.heading, 2)
            self._blocks(element.blocks)
            if element.summary:
                self._heading(self.words["summary_of_answers"], 3)
            for row in element.summary:
                label = self.docx.add_paragraph()
                label.paragraph_format.space_after = Pt(0)
                label.paragraph_format.keep_with_next = True
                label.add_run(row.label).bold = True
                text = self.docx.add_paragraph()
                text.paragraph_format.left_indent = Mm(4)
                if row.answer:
                    text.add_run(row.answer).bold = True
                    if row.explanation:
                        text.add_run(". ")
                if row.explanation:
                    add_text_with_breaks(text, row.explanation)
                for region in row.regions:
                    line = self.docx.add_paragraph()
                    line.paragraph_format.left_indent = Mm(4)
                    line.add_run(f"{region.region}: ").bold = True
                    add_text_with_breaks(line, region.answer)
                for organisation, perspective in row.perspectives:
                    line = self.docx.add_paragraph()
                    line.paragraph_format.left_indent = Mm(4)
                    line.add_run(f"{organisation}: ").italic = True
                    add_text_with_breaks(line, perspective)
            for paragraph in element.paragraphs:
                self._paragraph(paragraph)
        add_theme_assessment(self.docx, chapter.assessment, level=2)

    def _practice(self, item: PracticeBlock) -> None:
        """A shaded one-cell table with a bookmark on its title, the target of references."""
        self.docx.add_paragraph().paragraph_format.space_after = Pt(0)
        table = table_grid(self.docx.add_table(rows=1, cols=1))
        cell = table.rows[0].cells[0]
        shade(cell, BOX_FILL)
        pad(cell, 140)
        title = cell.paragraphs[0]
        styled(title, "Heading 3")
        title.add_run(f"{self.words['from_practice']} {item.number}: {item.title}")
        self._bookmark(title, item.anchor)
        kind = cell.add_paragraph().add_run(item.kind)
        kind.font.size = Pt(9)
        kind.font.color.rgb = SUBTLE
        add_markdown(cell, item.markdown)
        if item.image is not None:
            picture = cell.add_paragraph().add_run()
            shape = picture.add_picture(BytesIO(item.image.content), width=Mm(IMAGE_WIDTH_MM))
            shape._inline.docPr.set("descr", item.image.alt)
        if item.source:
            styled(cell.add_paragraph(f"{self.words['source']}: {item.source}"), "Caption")
        self.docx.add_paragraph()

    def _quote(self, quote: QuoteBlock) -> None:
        paragraph = styled(self.docx.add_paragraph(), "Quote")
        add_text_with_breaks(paragraph, f"“{quote.text}”")
        styled(self.docx.add_paragraph(f"— {quote.attribution}"), "Caption")

    def _context(self) -> None:
        self._heading(self.words["appendix_context"], 1, new_page=True)
        self.docx.add_paragraph(self.words["context_intro"])
        for theme in self.story.context:
            self._heading(f"{theme.number}. {theme.title}", 2)
            for part in theme.parts:
                if part.label:
                    self._heading(part.label, 3)
                add_markdown(self.docx, part.markdown)

    def _answers(self) -> None:
        self._heading(self.words["appendix_answers"], 1, new_page=True)
        self.docx.add_paragraph(self.words["answers_intro"])
        for theme in self.story.answers:
            self._heading(f"{theme.number}. {theme.title}", 2)
            rows = 1 + sum(1 + len(element.rows) for element in theme.elements)
            table = table_grid(self.docx.add_table(rows=rows, cols=2))
            header = table.rows[0].cells
            header[0].paragraphs[0].add_run(self.words["indicator"]).bold = True
            header[1].paragraphs[0].add_run(self.words["answer"]).bold = True
            row = 1
            for element in theme.elements:
                cells = table.rows[row].cells
                cell = cells[0].merge(cells[1])
                shade(cell, "F2F5F9")
                cell.paragraphs[0].add_run(element.title).italic = True
                row += 1
                for item in element.rows:
                    cells = table.rows[row].cells
                    cells[0].paragraphs[0].add_run(item.label)
                    answer = cells[1].paragraphs[0].add_run(item.answer)
                    answer.italic = not item.answered
                    for region in item.regions:
                        line = cells[1].add_paragraph()
                        line.add_run(f"{region.region}: ").bold = True
                        add_text_with_breaks(line, region.answer)
                    row += 1

    def _sources_and_history(self) -> None:
        self._heading(self.words["sources"], 1, new_page=True)
        if not self.story.sources:
            self.docx.add_paragraph(self.words["no_sources"])
        for source in self.story.sources:
            paragraph = styled(self.docx.add_paragraph(), "List Bullet")
            paragraph.add_run(source.title).bold = True
            if source.description:
                paragraph.add_run(f". {source.description}")
        self._heading(self.words["history"], 1)
        for event in self.story.history:
            paragraph = styled(self.docx.add_paragraph(), "List Bullet")
            paragraph.add_run(f"{event.date}: ").bold = True
            paragraph.add_run(event.text)
        if self.story.participants:
            self.docx.add_paragraph(f"{self.words['participants']}:")
            for name in self.story.participants:
                styled(self.docx.add_paragraph(name), "List Bullet")
        self._fact(
            self.words["catalogue"],
            f"{self.story.catalogue_title} ({self.story.catalogue_edition})",
        )
        self._fact(self.words["version"], str(self.story.version_number))
        self._fact(self.words["printed_on"], self.story.printed_on)
        self._concept_notice()

    def _headers_and_footers(self) -> None:
        headers_and_footers(
            self.docx,
            concept=None if self.story.is_final else self.words["concept"],
            footer=f"{self.story.unit.name} · {self.story.period} · ",
        )
