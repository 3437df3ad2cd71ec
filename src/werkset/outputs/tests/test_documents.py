"""The report as a document in the `vragenlijst` variant: print HTML, PDF and Word say the same.

The demo's two Friesland reports (2024 complete and finalised, 2025 under discussion) are
built and rendered once per module inside a transaction that is rolled back, so the
checks on the rendered files need no database and the suite stays fast.
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import docx
import pypdf
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from docx.oxml.ns import qn

from werkset.accounts.models import User
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.core.markdown import markdown_to_html
from werkset.demo.services import demo_reports_create, demo_users_create
from werkset.outputs.document import report_document, report_print_html
from werkset.outputs.pdf import report_pdf
from werkset.outputs.word import report_docx
from werkset.regions.services import regions_load
from werkset.reports.answers import AnswerContent, answer_is_complete, content_of
from werkset.reports.forms import figure_display
from werkset.reports.models import Answer, Report
from werkset.reports.services import answer_save, report_start
from werkset.reports.text_services import report_item_save

CATALOGUE_2021 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml"

# Every test needs the test database set up, even those that only read the rendered files.
pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines wherever the layout did."""
    return re.sub(r"\s+", "", text)


def plain(markdown: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markdown_to_html(markdown)))


@dataclass
class ExpectedAnswer:
    question: str
    values: list[str]


@dataclass
class Rendered:
    theme_headings: list[str]
    element_headings: dict[str, list[str]]
    answers: list[ExpectedAnswer]
    final_pdf: bytes
    concept_pdf: bytes
    final_docx: bytes
    concept_docx: bytes
    final_html: str
    final_pages: list[str]
    concept_pages: list[str]


def _expected_answers(report: Report) -> list[ExpectedAnswer]:
    expected = []
    answers = Answer.objects.filter(report=report).select_related("indicator__answer_type")
    for answer in answers.order_by("indicator__position"):
        indicator = answer.indicator
        content = content_of(answer)
        if not answer_is_complete(indicator.answer_type, content):
            continue
        labels = {c["key"]: c["label"] for c in indicator.answer_type.all_choices}
        values = [labels[content.choice]] if content.choice else []
        values += [
            figure_display(spec, content.figures[spec["key"]])
            for spec in indicator.fields
            if spec["key"] in content.figures
        ]
        expected.append(ExpectedAnswer(question=plain(indicator.question), values=values))
    return expected


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker) -> Rendered:
    with django_db_blocker.unblock(), translation.override("nl"), transaction.atomic():
        regions_load(path=Path(settings.WERKSET_REGIONS_FILE))
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        demo_users_create(password="demo-wachtwoord-voor-test")
        final, concept = demo_reports_create()
        assert final.is_final
        assert not concept.is_final
        themes = list(final.catalogue_version.themes.prefetch_related("elements"))
        result = Rendered(
            theme_headings=[f"{n}. {theme.title}" for n, theme in enumerate(themes, start=1)],
            element_headings={
                f"{n}. {theme.title}": [
                    f"{n}.{m} {element.title}"
                    for m, element in enumerate(theme.elements.all(), start=1)
                ]
                for n, theme in enumerate(themes, start=1)
            },
            answers=_expected_answers(final),
            final_pdf=report_pdf(report=final, variant="vragenlijst"),
            concept_pdf=report_pdf(report=concept, variant="vragenlijst"),
            final_docx=report_docx(report=final, variant="vragenlijst"),
            concept_docx=report_docx(report=concept, variant="vragenlijst"),
            final_html=report_print_html(report=final),
            final_pages=[],
            concept_pages=[],
        )
        transaction.set_rollback(True)
    result.final_pages = _pages(result.final_pdf)
    result.concept_pages = _pages(result.concept_pdf)
    return result


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_bevat_elk_themahoofdstuk(rendered):
    text = squash("".join(rendered.final_pages))
    for heading in rendered.theme_headings:
        assert text.count(squash(heading)) >= 3, heading  # contents, chapter, appendices


def test_pdf_bevat_het_antwoord_op_elke_beantwoorde_vraag(rendered):
    text = squash("".join(rendered.final_pages))
    assert len(rendered.answers) == 114
    positions = []
    cursor = 0
    for answer in rendered.answers:
        cursor = text.index(squash(answer.question), cursor)
        positions.append(cursor)
    for answer, start, end in zip(
        rendered.answers, positions, [*positions[1:], len(text)], strict=True
    ):
        for value in answer.values:
            assert squash(value) in text[start:end], (answer.question, value)


def test_pdf_bevat_de_bijlagen_en_de_bronnen(rendered):
    text = squash("".join(rendered.final_pages))
    for heading in ("Bijlage 1: Landelijke context", "Bijlage 2: Overzicht indicatoren"):
        assert text.count(squash(heading)) >= 2  # in the contents and as a chapter
    assert "Bronnen" in rendered.final_pages[-1]
    assert "Werkafspraken samenwerking zorg en straf (fictief)" in "".join(rendered.final_pages)


def test_pdf_inhoudsopgave_geeft_de_juiste_paginanummers(rendered):
    contents = rendered.final_pages[1]
    assert "Inhoudsopgave" in contents
    entries = re.findall(r"^(\S.*?)[ .]{3,}(\d+)$", contents, flags=re.MULTILINE)
    # Five themes; introduction, three appendices (the third: the catalogue's Verantwoording),
    # sources, colophon.
    assert len(entries) == 5 + 6
    # A heading is a line of its own ("Bronnen", not "1.3 Bronnen" inside Bijlage 3).
    body = [
        {squash(line) for line in page.splitlines() if line.strip()}
        for page in rendered.final_pages[2:]
    ]
    for title, number in entries:
        first = next(n for n, page in enumerate(body, start=3) if squash(title) in page)
        assert first == int(number), title


def test_concept_pdf_heeft_concept_op_elke_pagina(rendered):
    assert len(rendered.concept_pages) > 10
    for number, page in enumerate(rendered.concept_pages, start=1):
        assert "CONCEPT" in page, number


def test_vastgestelde_pdf_heeft_op_geen_enkele_pagina_concept(rendered):
    assert not [page for page in rendered.final_pages if "CONCEPT" in page]


def test_pdf_is_getagd_in_het_nederlands_met_titel_en_ingebedde_fonts(rendered):
    reader = pypdf.PdfReader(BytesIO(rendered.final_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Friesland: Indicatoren kwaliteit & impact 2024"
    fonts = {
        font.get_object()["/BaseFont"]: font.get_object()
        for page in reader.pages[:3]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Liberation" in name or "DejaVu" in name for name in fonts)
    for font in fonts.values():
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0]["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object())


def test_pdf_is_a4(rendered):
    box = pypdf.PdfReader(BytesIO(rendered.final_pdf)).pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (
        210,
        297,
    )


# --- Word ------------------------------------------------------------------------------------


def _headings(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(BytesIO(data))
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name in ("Title", "Heading 1", "Heading 2")
    ]


def test_docx_heeft_een_kop_1_per_hoofdstuk_en_bijlage_en_een_kop_2_per_element(rendered):
    headings = _headings(rendered.final_docx)
    level_one = [text for style, text in headings if style == "Heading 1"]
    assert level_one == [
        "Inleiding",
        *rendered.theme_headings,
        "Bijlage 1: Landelijke context",
        "Bijlage 2: Overzicht indicatoren",
        "Bijlage 3: Verantwoording van de werkset",
        "Bronnen",
        "Colofon",
    ]
    for theme, elements in rendered.element_headings.items():
        start = headings.index(("Heading 1", theme))
        following = []
        for style, text in headings[start + 1 :]:
            if style == "Heading 1":
                break
            following.append(text)
        # Each chapter ends with the theme's assessment (issue 19).
        assert following == [*elements, "Beoordeling van dit thema"]


def test_docx_heeft_een_kop_3_per_vraag(rendered):
    document = docx.Document(BytesIO(rendered.final_docx))
    headings = [(p.style.name, p.text) for p in document.paragraphs]
    # Up to Bijlage 3, whose sections (work sessions, participants) are headings 3 too.
    end = headings.index(("Heading 1", "Bijlage 3: Verantwoording van de werkset"))
    level_three = [text for style, text in headings[:end] if style == "Heading 3"]
    assert len(level_three) == 114


def test_docx_heeft_een_inhoudsopgaveveld_dat_word_bijwerkt(rendered):
    document = docx.Document(BytesIO(rendered.final_docx))
    instructions = [node.text for node in document.element.body.iter(qn("w:instrText"))]
    assert any(re.fullmatch(r'TOC \\o "1-\d" \\h \\z \\u', text) for text in instructions)
    assert 'w:fldCharType="begin"' in document.element.body.xml
    assert "w:updateFields" in document.settings.element.xml


def test_docx_concept_in_de_kop_van_elke_sectie_alleen_zolang_niet_vastgesteld(rendered):
    concept = docx.Document(BytesIO(rendered.concept_docx))
    final = docx.Document(BytesIO(rendered.final_docx))
    assert all("CONCEPT" in s.header.paragraphs[0].text for s in concept.sections)
    assert not any("CONCEPT" in s.header.paragraphs[0].text for s in final.sections)


def test_docx_eigenschappen_titel_en_taal(rendered):
    document = docx.Document(BytesIO(rendered.final_docx))
    assert document.core_properties.title == "Friesland: Indicatoren kwaliteit & impact 2024"
    assert document.core_properties.language == "nl-NL"
    assert 'w:val="nl-NL"' in document.styles.element.xml


def test_docx_praktijkvoorbeeld_staat_in_een_gearceerd_kader(rendered):
    document = docx.Document(BytesIO(rendered.final_docx))
    boxes = [
        table
        for table in document.tables
        if len(table.rows) == 1
        and len(table.columns) == 1
        and table.cell(0, 0).paragraphs[0].text.startswith("Uit de praktijk 1.1")
    ]
    assert boxes
    cell = boxes[0].cell(0, 0)
    assert cell.paragraphs[0].style.name == "Heading 3"
    assert "w:shd" in cell._tc.xml
    assert any(run.bold for p in cell.paragraphs for run in p.runs if run.text == "Les:")


# --- print HTML ------------------------------------------------------------------------------


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.h2: list[str] = []
        self.tags: set[str] = set()
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        if self._in_h2:
            self.h2[-1] += data


def test_printweergave_is_nederlands_met_een_h2_per_thema(rendered):
    outline = _Outline()
    outline.feed(rendered.final_html)
    assert rendered.final_html.startswith("<!DOCTYPE html>")
    assert outline.lang == "nl"
    for heading in rendered.theme_headings:
        assert outline.h2.count(heading) == 1
    assert "<style>" in rendered.final_html


def test_printweergave_laadt_niets_van_buiten(rendered):
    outline = _Outline()
    outline.feed(rendered.final_html)
    assert not outline.tags & {"link", "script", "img", "iframe", "object"}
    assert "url(" not in rendered.final_html


# --- the read model, on a small report -------------------------------------------------------


@pytest.fixture
def small_report(rapporteur_friesland, friesland, catalogue_2021, open_round) -> Report:
    open_round("2025", catalogue_2021)
    return report_start(
        region=friesland, period="2025", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )


def _fill(report: Report, user: User) -> None:
    answer = report.answers.select_related("indicator__answer_type").get(
        indicator__key="samenhang.ontwikkel.afspraken-over-afstemmen-en-delen-van-informatie"
    )
    answer_save(
        answer=answer,
        content=AnswerContent(
            choice="ja",
            explanation="Afspraken in een convenant.",
            figures={"kosten": "1234.50", "uren": "40.0"},
            perspectives={"politie": "Voor de politie scheelt het zoekwerk."},
        ),
        base_revision=answer.revision,
        user=user,
    )
    theme = report.catalogue_version.themes.get(key="acuut")
    element = theme.elements.get(key="waarde")
    report_item_save(
        report=report,
        user=user,
        kind="praktijk",
        values={
            "theme": theme,
            "element": element,
            "kind": "interview",
            "title": "Gesprek met de crisisdienst",
            "text": "Het werkt **beter** dan gedacht.\n\n<script>alert(1)</script>",
            "source": "Interview RNZS",
        },
    )
    report_item_save(
        report=report,
        user=user,
        kind="quote",
        values={"theme": theme, "text": "Samen zijn we sneller.", "attribution": ""},
    )


def test_leesmodel_gebruikt_een_vast_aantal_queries(small_report, rapporteur_friesland):
    with CaptureQueriesContext(connection) as empty:
        report_document(report=small_report)
    _fill(small_report, rapporteur_friesland)
    with CaptureQueriesContext(connection) as filled:
        report_document(report=small_report)
    assert len(filled) == len(empty) <= 12


def test_antwoord_staat_als_leesbare_tekst_met_cijfers_toelichting_en_perspectief(
    small_report, rapporteur_friesland
):
    _fill(small_report, rapporteur_friesland)
    page = report_print_html(report=small_report)
    fragment = page[page.index("Afspraken over afstemmen en delen van informatie") :][:2000]
    assert "<strong>Ja</strong>" in fragment
    assert "Kosten: <strong>€ 1.234,50</strong>" in fragment
    assert "Ureninzet: <strong>40,0 uren (totaal)</strong>" in fragment
    assert "Afspraken in een convenant." in fragment
    assert "<strong>Politie:</strong> Voor de politie scheelt het zoekwerk." in fragment
    assert "Nog niet beantwoord" in page


def test_praktijkvoorbeeld_en_anoniem_citaat_staan_apart(small_report, rapporteur_friesland):
    _fill(small_report, rapporteur_friesland)
    page = report_print_html(report=small_report)
    assert '<aside class="practice"' in page
    assert "Uit de praktijk 2.1: Gesprek met de crisisdienst" in page
    assert "Het werkt <strong>beter</strong> dan gedacht." in page
    assert "Bron: Interview RNZS" in page
    assert "<script>" not in page
    assert "Samen zijn we sneller." in page
    assert "Netwerklid (anoniem)" in page


def test_bijlage_2_markeert_open_en_beantwoorde_indicatoren(small_report, rapporteur_friesland):
    _fill(small_report, rapporteur_friesland)
    document = report_document(report=small_report)
    rows = [row for theme in document.overview for e in theme.elements for row in e.rows]
    assert [row.label for row in rows if row.answered] == [
        "Afspraken over afstemmen en delen van informatie"
    ]
    assert len(rows) == 114
    page = report_print_html(report=small_report)
    assert page.count('class="status answered">beantwoord<') == 1
    assert page.count('class="status open">open<') == 113


def test_colofon_noemt_werkset_en_rapportversie(small_report):
    page = report_print_html(report=small_report)
    colophon = page[page.index('id="colofon"') :]
    assert "Werkset Indicatoren Kwaliteit en Impact Veiligheid Voorop (2021)" in colophon
    assert "<dt>Versie</dt><dd>1</dd>" in colophon
    assert "<dt>Status</dt><dd>Concept; 0 van 114 indicatoren beantwoord</dd>" in colophon
    assert "Vastgesteld op" not in colophon
