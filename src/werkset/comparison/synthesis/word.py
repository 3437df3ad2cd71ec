"""The synthesis as an editable Word document (python-docx) with Word's own styles: Title,
Heading 1 per chapter, Heading 2 per part and region, Table Grid tables with a header row,
and a contents field that Word fills in on opening. No images: every figure is a table."""

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from werkset.outputs.word_xml import (
    TOC_INSTRUCTION,
    WORD_LANGUAGE,
    field_run,
    headers_and_footers,
    styled,
    table_grid,
)

from .figures import Synthesis

DASH = "\u2013"  # an empty cell


def _table(docx: Any, head: Sequence[str], rows: Sequence[Sequence[Any]]) -> Any:
    """A table with a header row that repeats on every page (a screen reader reads it as
    the header)."""
    table = table_grid(docx.add_table(rows=1, cols=len(head)))
    cells = table.rows[0].cells
    for cell, text in zip(cells, head, strict=True):
        cell.text = str(text)
        cell.paragraphs[0].runs[0].bold = True
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    return table


def _setup(docx: Any, synthesis: Synthesis) -> None:
    properties = docx.core_properties
    properties.title = synthesis.title
    properties.subject = synthesis.catalogue.title
    properties.language = WORD_LANGUAGE
    properties.keywords = synthesis.period
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), WORD_LANGUAGE)
    for section in docx.sections:
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(22)


def _title_page(docx: Any, s: Synthesis) -> None:
    docx.add_paragraph(s.catalogue.title)
    styled(docx.add_paragraph(_("National synthesis")), "Title")
    for label, value in (
        (_("Period"), s.period),
        (_("Catalogue version"), f"{s.catalogue.title} ({s.catalogue.slug})"),
        (_("Regions with a finalised report"), f"{s.regions_final} / {s.regions_total}"),
        (_("Generated on"), date_format(s.generated_at, "j F Y H:i")),
    ):
        paragraph = docx.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    contents = styled(docx.add_paragraph(_("Contents")), "TOC Heading")
    contents.paragraph_format.page_break_before = True
    field_run(
        docx.add_paragraph(),
        TOC_INSTRUCTION,
        _("The contents appear when Word updates the fields."),
    )


def _chapter(docx: Any, title: str) -> None:
    docx.add_heading(title, level=1).paragraph_format.page_break_before = True


def _themes(docx: Any, s: Synthesis) -> None:
    for section in s.themes:
        _chapter(docx, section.theme.title)
        docx.add_heading(_("Bandwidth of effort"), level=2)
        if section.figures:
            _table(
                docx,
                [
                    _("Question"),
                    _("Figure"),
                    _("Unit"),
                    "n",
                    _("Minimum"),
                    _("Median"),
                    _("Maximum"),
                ],
                [
                    [
                        f.question,
                        f.field,
                        f.unit,
                        f.n,
                        f.minimum or DASH,
                        f.median or DASH,
                        f.maximum or DASH,
                    ]
                    for f in section.figures
                ],
            )
        else:
            docx.add_paragraph(_("This theme asks no figures."))
        docx.add_heading(_("Spread of value"), level=2)
        if section.values:
            labels = [c.label for c in section.values[0].counts]
            _table(
                docx,
                [_("Question"), "n", *labels, _("Unknown or not applicable")],
                [
                    [v.question, v.n, *[f"{c.count} ({c.share}%)" for c in v.counts], v.unknown]
                    for v in section.values
                ],
            )
        else:
            docx.add_paragraph(_("This theme asks no value questions."))


def _national(docx: Any, s: Synthesis) -> None:
    _chapter(docx, _("Groups"))
    docx.add_paragraph(
        _("The groupings the answers allow, with the regions in each group (finalised reports).")
    )
    for summary in s.groupings:
        docx.add_heading(summary.label, level=2)
        _table(
            docx,
            [_("Group"), "n", _("Regions")],
            [[g.label, g.n, ", ".join(g.regions)] for g in summary.groups],
        )
    _chapter(docx, _("Maturity map"))
    docx.add_paragraph("; ".join(f"{value} = {label}" for value, label in s.levels))
    _table(
        docx,
        [_("Region"), *s.maturity_themes],
        [[m.region, *[level or DASH for level in m.levels]] for m in s.maturity],
    )
    _chapter(docx, _("Toetsingskader"))
    t = s.toetsingskader
    _table(
        docx,
        [_("Verdict"), "n", _("Regions")],
        [
            [_("With an Actieoverleg"), len(t.wel), ", ".join(t.wel) or DASH],
            [_("Without an Actieoverleg"), len(t.geen), ", ".join(t.geen) or DASH],
            [_("Not assessed"), len(t.not_assessed), ", ".join(t.not_assessed) or DASH],
        ],
    )
    _chapter(docx, _("Bottlenecks (rode draad)"))
    docx.add_paragraph(
        _(
            "n is the number of regions that name a bottleneck, of the %(n)s regions with a "
            "finalised report."
        )
        % {"n": s.bottleneck_n}
    )
    _table(
        docx,
        [_("Bottleneck"), "n", _("Regions")],
        [[b.title, b.n, ", ".join(b.regions) or DASH] for b in s.rode_draad],
    )
    _chapter(docx, _("Support needs and success factors"))
    for title, items in (
        (_("Support needs"), s.support_needs),
        (_("Success factors"), s.success_factors),
    ):
        docx.add_heading(title, level=2)
        if items is None:
            docx.add_paragraph(_("Not available: no inventory of this period records them."))
        else:
            _table(
                docx,
                [title, "n", _("Regions")],
                [[i.title, f"{len(i.regions)} / {i.n}", ", ".join(i.regions)] for i in items],
            )


def _regions(docx: Any, s: Synthesis) -> None:
    _chapter(docx, _("The regions"))
    docx.add_paragraph(_("One page per region with its key figures and a link to its report."))
    for index, page in enumerate(s.regions):
        heading = docx.add_heading(page.name, level=2)
        heading.paragraph_format.page_break_before = index > 0
        values = ", ".join(f"{c.label} {c.count}" for c in page.values)
        for label, value in (
            (_("Regional network"), page.network),
            (_("Report"), page.report),
            (_("Link"), page.link or DASH),
            (_("Toetsingskader"), page.toetsingskader),
            (_("Value questions answered"), f"{page.answered}" + (f": {values}" if values else "")),
        ):
            paragraph = docx.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
        _table(
            docx, [_("Theme"), _("Maturity")], [[t, level or DASH] for t, level in page.maturity]
        )
        docx.add_heading(_("Bottlenecks named"), level=3)
        if page.bottlenecks:
            for title in page.bottlenecks:
                styled(docx.add_paragraph(title), "List Bullet")
        else:
            docx.add_paragraph(_("None coded."))


def synthesis_docx(*, synthesis: Synthesis) -> bytes:
    docx = Document()
    _setup(docx, synthesis)
    _title_page(docx, synthesis)
    _themes(docx, synthesis)
    _national(docx, synthesis)
    _regions(docx, synthesis)
    headers_and_footers(docx, concept=None, footer=f"{synthesis.title} · ")
    output = BytesIO()
    docx.save(output)
    return output.getvalue()
