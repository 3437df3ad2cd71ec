"""The `rapport` variant: the report reads as a report (issue 18, part 4).

The demo's finalised Friesland report gets a story of its own through the ORM (title,
introduction, an own chapter and paragraph, placed practice items and a quote, an image,
a reference, one indicator left unanswered) and is rendered once per module, inside a
transaction that is rolled back.
"""

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
import pypdf
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from docx.oxml.ns import qn
from PIL import Image

from werkset.catalogue.models import Indicator, Theme
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.demo.services import demo_reports_create, demo_users_create
from werkset.outputs.pdf import report_pdf
from werkset.outputs.story import report_html, report_story
from werkset.outputs.word import report_docx
from werkset.regions.services import regions_load
from werkset.reports.models import (
    Answer,
    PracticeItem,
    Quote,
    Report,
    ReportSection,
    SectionText,
    SourceDocument,
)

CATALOGUE_2021 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml"
pytestmark = pytest.mark.django_db

THEME_TEXT = (
    "Eerste alinea van het verhaal over acuut.\n\n"
    "Tweede alinea: zie Uit de praktijk 3.2 voor de werkwijze.\n\n"
    "Derde alinea van het verhaal."
)

TABLE_TEXT = "Kosten per partner:\n\n| Partner | Uren |\n|---|---|\n| Politie | 120 |\n| VT | 80 |"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _png() -> bytes:
    output = BytesIO()
    Image.new("RGB", (40, 20), (21, 66, 115)).save(output, format="PNG")
    return output.getvalue()


@dataclass
class Rendered:
    html: str
    pdf: bytes
    pages: list[str]
    docx: bytes
    questionnaire_html: str
    unanswered_label: str
    queries_small: int
    queries_large: int


def _story(report: Report) -> str:
    """The story through the ORM; returns the label of the indicator left unanswered."""
    report.title = "Veiligheid Voorop in Friesland: vier jaar samen"
    report.introduction = "Dit is de eigen inleiding van het netwerk.\n\nTweede alinea."
    report.summary = "Kort gezegd: het werkt."
    report.save()
    themes = list(Theme.objects.filter(version=report.catalogue_version))
    acuut = themes[1]
    SectionText.objects.update_or_create(
        report=report, theme=acuut, element=None, defaults={"text": THEME_TEXT}
    )
    PracticeItem.objects.filter(report=report).delete()
    Quote.objects.filter(report=report).delete()
    PracticeItem.objects.create(
        report=report, theme=acuut, kind="interview", title="Na alinea een", text="Box A.",
        paragraph=1, position=0,
    )  # fmt: skip
    item = PracticeItem.objects.create(
        report=report, theme=acuut, kind="werkplan", title="Het werkplan acuut", text="Box B.",
        paragraph=2, position=1, image_alt="Schema van het werkplan", image_width=40,
        image_height=20,
    )  # fmt: skip
    item.image.save("werkplan.png", ContentFile(_png()), save=True)
    Quote.objects.create(report=report, theme=acuut, text="Samen staan we sterker.", paragraph=1)
    element = acuut.elements.order_by("position").first()
    SectionText.objects.update_or_create(
        report=report, theme=acuut, element=element, defaults={"text": TABLE_TEXT}
    )
    SourceDocument.objects.create(
        report=report,
        title="Werkplan acuut",
        description="Te vinden op https://www.example.nl/werkplan-acuut",
        position=99,
    )
    ReportSection.objects.create(
        report=report, is_chapter=True, title="Ex-partnerstalking", text="Eigen hoofdstuk."
    )
    ReportSection.objects.create(
        report=report, theme=acuut, title="Eigen paragraaf acuut", text="Tekst van de paragraaf."
    )
    indicator = (
        Indicator.objects.filter(version=report.catalogue_version, element__theme=acuut)
        .order_by("position")
        .first()
    )
    assert indicator is not None
    Answer.objects.filter(report=report, indicator=indicator).update(
        choice="", explanation="", figures={}, perspectives={}
    )
    return indicator.label


def _queries(report: Report) -> int:
    with CaptureQueriesContext(connection) as captured:
        report_story(report=report)
    return len(captured.captured_queries)


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker) -> Rendered:
    with django_db_blocker.unblock(), translation.override("nl"), transaction.atomic():
        regions_load(path=Path(settings.WERKSET_REGIONS_FILE))
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        demo_users_create(password="demo-wachtwoord-voor-test")
        final, _concept = demo_reports_create()
        queries_small = _queries(final)
        label = _story(final)
        queries_large = _queries(final)
        pdf = report_pdf(report=final)
        result = Rendered(
            html=report_html(report=final),
            pdf=pdf,
            pages=[page.extract_text() for page in pypdf.PdfReader(BytesIO(pdf)).pages],
            docx=report_docx(report=final),
            questionnaire_html=report_html(report=final, variant="vragenlijst"),
            unanswered_label=label,
            queries_small=queries_small,
            queries_large=queries_large,
        )
        transaction.set_rollback(True)
    return result


def _chapter_html(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index('<section class="chapter', start + 1)]


def test_titelpagina_noemt_de_regio_en_de_eigen_titel(rendered):
    first = squash(rendered.pages[0])
    assert squash("Regio Friesland") in first
    assert squash("Veiligheid Voorop in Friesland: vier jaar samen") in first


def test_eigen_inleiding_staat_voor_de_hoofdstukken(rendered):
    text = squash("".join(rendered.pages))
    introduction = text.index(squash("Dit is de eigen inleiding van het netwerk."))
    assert introduction < text.index(squash("1. Ex-partnerstalking"), introduction)


def test_eigen_hoofdstuk_zonder_thema_komt_voor_het_eerste_thema(rendered):
    chapters = re.findall(r'<h2 id="[^"]+-titel">(\d+)\. ([^<]+)</h2>', rendered.html)
    assert chapters[0] == ("1", "Ex-partnerstalking")
    assert chapters[1][0] == "2"


def test_praktijkvoorbeeld_staat_na_zijn_alinea(rendered):
    chapter = _chapter_html(rendered.html, "h-acuut")
    first = chapter.index("Eerste alinea")
    box_a = chapter.index("Na alinea een")
    quote = chapter.index("Samen staan we sterker.")
    second = chapter.index("Tweede alinea")
    box_b = chapter.index("Het werkplan acuut")
    third = chapter.index("Derde alinea")
    assert first < box_a < quote < second < box_b < third


def test_praktijkvoorbeelden_zijn_per_hoofdstuk_genummerd(rendered):
    assert "Uit de praktijk 3.1: Na alinea een" in rendered.html
    assert "Uit de praktijk 3.2: Het werkplan acuut" in rendered.html


def test_verwijzing_wordt_een_interne_link(rendered):
    assert 'zie <a href="#praktijk-3-2"' in rendered.html
    reader = pypdf.PdfReader(BytesIO(rendered.pdf))
    names = reader.named_destinations
    assert "praktijk-3-2" in names


def test_afbeelding_staat_in_de_pdf_met_alt_tekst(rendered):
    assert 'alt="Schema van het werkplan"' in rendered.html
    reader = pypdf.PdfReader(BytesIO(rendered.pdf))
    assert any(page.images for page in reader.pages)


def test_onbeantwoorde_indicator_niet_in_hoofdstuk_wel_in_bijlage_2(rendered):
    chapter = _chapter_html(rendered.html, "h-acuut")
    assert rendered.unanswered_label not in chapter
    appendix = rendered.html[rendered.html.index('id="bijlage-2"') :]
    row = re.search(
        rf"<td>{re.escape(rendered.unanswered_label)}</td><td[^>]*>([^<]+)</td>", appendix
    )
    assert row is not None
    assert row[1] == "niet beantwoord"


def test_pdf_heeft_bijlagen_bronnen_en_totstandkoming(rendered):
    text = squash("".join(rendered.pages))
    for heading in (
        "Bijlage 1: Landelijke context",
        "Bijlage 2: Overzicht indicatoren",
        "Bijlage 3: Verantwoording van de werkset",
        "Bronnen",
        "Hoe deze rapportage tot stand kwam",
    ):
        assert text.count(squash(heading)) >= 2, heading  # contents and the chapter


def test_bijlage_1_geeft_de_volledige_context(rendered):
    appendix = rendered.html[
        rendered.html.index('id="bijlage-1"') : rendered.html.index('id="bijlage-2"')
    ]
    for label in ("Doel", "Aanleiding", "Vorm", "Verwachte waarde"):
        assert f"<h4>{label}</h4>" in appendix


def test_totstandkoming_noemt_geen_namen_van_mensen(rendered):
    history = rendered.html[rendered.html.index('id="totstandkoming"') :]
    assert "vastgesteld" in history
    # Started, discussed, put to the network, decided: never "back to concept".
    assert "teruggezet naar concept" not in history
    assert "voorgelegd ter vaststelling" in history
    for name in ("rapporteur", "netwerklid"):
        assert name not in history.lower()


def test_vragenlijst_variant_is_de_oude_indeling(rendered):
    assert "Uit de praktijk 3.2: Het werkplan acuut" not in rendered.questionnaire_html
    assert 'href="#praktijk-3-2"' not in rendered.questionnaire_html
    assert 'class="indicator"' in rendered.questionnaire_html


def test_leesmodel_in_een_vast_aantal_queries(rendered):
    assert rendered.queries_small == rendered.queries_large


def test_docx_heeft_de_structuur_in_word_koppen(rendered):
    document = docx.Document(BytesIO(rendered.docx))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    level_one = [text for style, text in headings if style == "Heading 1"]
    assert level_one[0] == "Inleiding"
    assert "1. Ex-partnerstalking" in level_one
    assert level_one[-4:] == [
        "Bijlage 2: Overzicht indicatoren",
        "Bijlage 3: Verantwoording van de werkset",
        "Bronnen",
        "Hoe deze rapportage tot stand kwam",
    ]
    assert document.paragraphs[0].style.name == "Title" or any(
        p.style.name == "Title" for p in document.paragraphs[:3]
    )


def test_docx_verwijzing_is_een_interne_hyperlink(rendered):
    document = docx.Document(BytesIO(rendered.docx))
    body = document.element.body
    anchors = {link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))}
    bookmarks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    assert "praktijk_3_2" in anchors
    assert "praktijk_3_2" in bookmarks


def test_docx_afbeelding_heeft_alt_tekst(rendered):
    document = docx.Document(BytesIO(rendered.docx))
    descriptions = [
        pr.get("descr")
        for pr in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert "Schema van het werkplan" in descriptions


def test_bron_met_url_is_een_werkende_link(rendered):
    reader = pypdf.PdfReader(BytesIO(rendered.pdf))
    uris = {
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    }
    assert "https://www.example.nl/werkplan-acuut" in uris


def test_docx_pijptabel_wordt_een_word_tabel(rendered):
    document = docx.Document(BytesIO(rendered.docx))
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    assert [["Partner", "Uren"], ["Politie", "120"], ["VT", "80"]] in tables
    assert any(t.style.name == "Table Grid" for t in document.tables)


def test_totstandkoming_noemt_het_besluit_van_het_netwerk(rendered):
    history = rendered.html[rendered.html.index('id="totstandkoming"') :]
    assert "heeft de rapportage vastgesteld in de vergadering van" in history
    assert "Het Regionaal Netwerk Zorg-Straf in zijn vergadering (fictief)" in history
