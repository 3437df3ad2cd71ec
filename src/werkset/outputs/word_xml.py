"""Low-level python-docx helpers shared by every Word document werkset writes.

python-docx has no API for fields, cell shading, bookmarks' links or Word's settings, so
these write the OOXML elements directly; the builders (word.py, word_story.py and the
synthesis) stay about content. Also the house colours and the XML-safe read model.
"""

import dataclasses
import re
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

WORD_LANGUAGE = "nl-NL"
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
BOX_FILL = "EAF1F8"
SUBTLE = RGBColor(0x5C, 0x5C, 0x5C)
ACCENT = RGBColor(0xA9, 0x00, 0x61)
LINK = RGBColor(0x15, 0x42, 0x73)

# Characters XML 1.0 does not allow (control characters pasted from other programs).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """The read model with XML-illegal characters removed from every text in it."""
    if isinstance(value, SafeString):
        return mark_safe(_XML_ILLEGAL.sub("", value))  # noqa: S308 (was safe, stays safe)
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    if isinstance(value, tuple):
        return tuple(xml_safe(item) for item in value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    return value


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


def request_field_update(docx: Any) -> None:
    """Ask Word to refresh the TOC field (and page numbers) when the file is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings = docx.settings.element
    # Word validates the order of w:settings; updateFields goes before these.
    later = next((child for child in settings if _local(child.tag) in _AFTER_UPDATE), None)
    if later is not None:
        later.addprevious(update)
    else:
        settings.append(update)


def add_toc_field(docx: Any, titles: list[str]) -> None:
    """A dirty TOC field whose result shows the chapter titles until Word refreshes it
    with page numbers."""
    first = docx.add_paragraph()
    for kind in ("begin", "instr", "separate"):
        run = first.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = TOC_INSTRUCTION
            run._r.append(instr)
        else:
            run._r.append(_fld_char(kind, dirty=kind == "begin"))
    first.add_run(titles[0])
    last = first
    for title in titles[1:]:
        last = docx.add_paragraph(title)
    last.add_run()._r.append(_fld_char("end"))


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
        field_run(line, "PAGE", "1")


def field_run(paragraph: Any, instruction: str, placeholder: str = "") -> None:
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


def shade(cell: Any, fill: str) -> None:
    """A background colour for a table cell (a practice box, a group row)."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def pad(cell: Any, twips: int) -> None:
    """Inner margins of a cell, so a shaded box does not glue its text to the border."""
    margins = OxmlElement("w:tcMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    cell._tc.get_or_add_tcPr().append(margins)


def add_text_with_breaks(paragraph: Any, text: str, **style: Any) -> None:
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


def internal_hyperlink(paragraph: Any, anchor: str) -> Any:
    """A w:hyperlink to a bookmark in the document; the link's runs go inside it."""
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("w:anchor"), bookmark_name(anchor))
    hyperlink.set(qn("w:history"), "1")
    paragraph._p.append(hyperlink)
    return hyperlink
