"""The framing is available to a report's document: its Bijlage 3 prints the sources and
the Verantwoording of the catalogue version the report was made with."""

from io import BytesIO

import pytest
from docx import Document

from werkset.outputs.document import report_document, report_print_html
from werkset.outputs.story import report_html
from werkset.outputs.word import report_docx

pytestmark = pytest.mark.django_db


def test_the_document_of_a_2021_report_has_the_verantwoording_as_appendix(report):
    html = report_print_html(report=report)
    assert '<h2 id="bijlage-3-titel">Bijlage 3: Verantwoording van de werkset</h2>' in html
    assert "<h3>Bijlage: Verantwoording</h3>" in html
    assert "<h3>1.3 Bronnen</h3>" in html
    assert "12 oktober 2021: Samenwerken bij strafbare kindermishandeling" in html
    assert "Janniek" not in html


def test_the_appendix_is_in_the_table_of_contents(report):
    document = report_document(report=report)
    assert ("bijlage-3", "Bijlage 3: Verantwoording van de werkset") in [
        (entry.anchor, entry.title) for entry in document.toc
    ]


def test_the_word_document_has_the_same_appendix(report):
    docx = Document(BytesIO(report_docx(report=report)))
    paragraphs = [paragraph.text for paragraph in docx.paragraphs]
    assert "Bijlage 3: Verantwoording van de werkset" in paragraphs
    assert "Werksessies" in paragraphs
    assert "9 september 2021: Actie-overleg" in paragraphs
    assert not [text for text in paragraphs if "Janniek" in text]


def test_the_rapport_variant_has_the_appendix_too(report):
    html = report_html(report=report)
    assert '<h2 id="bijlage-3-titel">Bijlage 3: Verantwoording van de werkset</h2>' in html
    assert 'href="#bijlage-3"' in html
    assert "Deelnemers werksessies (willekeurige volgorde)" in html
