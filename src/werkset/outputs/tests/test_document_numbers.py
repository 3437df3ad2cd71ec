"""One rule for numbering (issue 18): the report document's chapters and "Uit de praktijk"
numbers are those of reports.numbering, the theme page's (report_story_outline).

The demo's Friesland report gets own chapters before, between and after the themes, an own
paragraph after an element and practice items in every kind of place; the rapport's HTML (the
PDF's input) is built once per module, inside a transaction that is rolled back.
"""

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation

from werkset.catalogue.models import Theme
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.demo.services import demo_reports_create, demo_users_create
from werkset.outputs.story import report_html
from werkset.regions.services import regions_load
from werkset.reports.models import PracticeItem, Report, ReportSection, SectionText
from werkset.reports.story_selectors import StoryOutline, report_story_outline

CATALOGUE_2021 = Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml"
pytestmark = pytest.mark.django_db


@dataclass
class Built:
    html: str
    outline: StoryOutline
    titles: dict[int, str]  # practice item id → title
    chapter_titles: dict[tuple[int | None, int | None], str]  # (theme id, section id) → title


def _place_story(report: Report) -> None:
    themes = list(Theme.objects.filter(version=report.catalogue_version).order_by("position"))
    first, second, third = themes[0], themes[1], themes[2]
    element = second.elements.order_by("position").last()
    PracticeItem.objects.filter(report=report).delete()
    ReportSection.objects.filter(report=report).delete()
    before = ReportSection.objects.create(
        report=report, is_chapter=True, title="Eigen hoofdstuk vooraf", text="Vooraf.", position=0
    )
    after_first = ReportSection.objects.create(
        report=report, is_chapter=True, theme=first, title="Eigen hoofdstuk na thema een",
        text="Eerste alinea.\n\nTweede alinea.", position=0,
    )  # fmt: skip
    paragraph = ReportSection.objects.create(
        report=report, theme=second, element=element, title="Eigen paragraaf", text="Alinea."
    )
    SectionText.objects.update_or_create(
        report=report, theme=third, element=None,
        defaults={"text": "Een.\n\nTwee: zie Uit de praktijk 1.1.\n\nDrie."},
    )  # fmt: skip

    def item(title: str, **place: object) -> None:
        PracticeItem.objects.create(
            report=report, kind="interview", title=title, text="Tekst.", **place
        )

    item("Na het hele vooraf-hoofdstuk", section=before)
    item("In eigen hoofdstuk na alinea 1", section=after_first, paragraph=1)
    item("In eigen hoofdstuk na de tekst", section=after_first)
    item("Na de eigen paragraaf", theme=second, section=paragraph)
    item("Bij het element", theme=second, element=element)
    item("Bij de thematekst van twee", theme=second)
    item("Drie, na alinea 2", theme=third, paragraph=2, position=5)
    item("Drie, na een alinea voorbij het eind", theme=third, paragraph=9)
    item("Drie, na de tekst", theme=third)
    item("Drie, ook na alinea 2", theme=third, paragraph=2, position=1)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker) -> Built:
    with django_db_blocker.unblock(), translation.override("nl"), transaction.atomic():
        regions_load(path=Path(settings.WERKSET_REGIONS_FILE))
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        demo_users_create(password="demo-wachtwoord-voor-test")
        final, _concept = demo_reports_create()
        _place_story(final)
        outline = report_story_outline(report=final)
        themes = {t.pk: t.title for t in Theme.objects.filter(version=final.catalogue_version)}
        result = Built(
            html=report_html(report=final),
            outline=outline,
            titles=dict(PracticeItem.objects.filter(report=final).values_list("id", "title")),
            chapter_titles={
                (chapter.theme_id, chapter.section_id): themes[chapter.theme_id]
                if chapter.theme_id is not None
                else next(s.title for s in outline.sections if s.pk == chapter.section_id)
                for chapter in outline.chapters
            },
        )
        transaction.set_rollback(True)
    return result


def test_hoofdstuknummers_in_het_document_zijn_die_van_de_themapagina(built):
    in_document = re.findall(r'<h2 id="[^"]+-titel">(\d+)\. ([^<]+)</h2>', built.html)
    expected = [
        (str(chapter.number), built.chapter_titles[(chapter.theme_id, chapter.section_id)])
        for chapter in built.outline.chapters
    ]
    assert [(number, unescape(title).strip()) for number, title in in_document] == expected
    assert expected[0][1] == "Eigen hoofdstuk vooraf"
    assert expected[2][1] == "Eigen hoofdstuk na thema een"


def test_praktijknummers_in_het_document_zijn_die_van_de_themapagina(built):
    in_document = dict(
        (unescape(title), label)
        for label, title in re.findall(r"Uit de praktijk (\d+\.\d+): ([^<]+)</h", built.html)
    )
    expected = {
        built.titles[item_id]: number.label for item_id, number in built.outline.numbers.items()
    }
    assert in_document == expected
    assert len(expected) == 10


def test_praktijkvoorbeelden_staan_in_de_volgorde_van_hun_nummers(built):
    labels = re.findall(r"Uit de praktijk (\d+)\.(\d+): ", built.html)
    assert labels == sorted(labels, key=lambda label: (int(label[0]), int(label[1])))


def test_verwijzing_linkt_naar_het_anker_van_het_nummer(built):
    target = next(n for n in built.outline.numbers.values() if n.label == "1.1")
    assert f'zie <a href="#{target.anchor}"' in built.html
    assert f'id="{target.anchor}"' in built.html
