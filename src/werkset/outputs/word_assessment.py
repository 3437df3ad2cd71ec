"""A theme's assessment in Word (both layouts): the maturity as a line, the toetsingskader
as a two-column table, "niet beoordeeld" with its reason (issue 19)."""

from typing import Any

from .assessment import AssessmentLine, ThemeAssessmentEntry
from .word_xml import SUBTLE, add_text_with_breaks, styled, table_grid


def _value(paragraph: Any, line: AssessmentLine, *, separator: str) -> None:
    value = paragraph.add_run(line.value)
    value.bold = line.assessed
    if not line.assessed:
        value.italic = True
        value.font.color.rgb = SUBTLE
    if line.text:
        paragraph.add_run(separator if line.assessed else ": ")
        add_text_with_breaks(paragraph, line.text)


def add_theme_assessment(docx: Any, assessment: ThemeAssessmentEntry | None, *, level: int) -> None:
    """The section at a theme chapter's end; nothing for a theme without one."""
    if assessment is None:
        return
    styled(docx.add_paragraph(assessment.heading), f"Heading {level}")
    if assessment.maturity is not None:
        paragraph = docx.add_paragraph()
        paragraph.add_run(f"{assessment.maturity.label}: ").bold = True
        _value(paragraph, assessment.maturity, separator=". ")
    if not assessment.criteria:
        return
    caption = docx.add_paragraph()
    caption.add_run(assessment.criteria_heading).bold = True
    caption.paragraph_format.keep_with_next = True
    table = table_grid(docx.add_table(rows=len(assessment.criteria), cols=2))
    for row, line in zip(table.rows, assessment.criteria, strict=True):
        row.cells[0].paragraphs[0].add_run(line.label)
        _value(row.cells[1].paragraphs[0], line, separator=": ")
