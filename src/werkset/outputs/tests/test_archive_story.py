"""The network's story in the JSON archive (issue 18): exported, imported, and archives made
before it still read."""

import json

import pytest

from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.problems import ImportRefused
from werkset.reports.models import PracticeItem, Quote, Report, ReportSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(report: Report) -> Report:
    """A concept with its own texts, an own chapter and paragraph, and items placed in them."""
    theme = report.catalogue_version.themes.get(key="acuut")
    element = theme.elements.get(key="waarde")
    Report.objects.filter(pk=report.pk).update(
        title="Vier jaar Veiligheid Voorop",
        introduction="Onze inleiding.",
        summary="Samengevat.",
        story_revision=2,
    )
    chapter = ReportSection.objects.create(
        report=report,
        is_chapter=True,
        theme=theme,
        title="Ex-partner stalking",
        text="Een.",
        position=0,
    )
    ReportSection.objects.create(
        report=report, theme=theme, element=element, title="Kenniskring", text="Twee.", position=1
    )
    PracticeItem.objects.create(
        report=report,
        theme=theme,
        kind="anders",
        title="Vakdag",
        text="t",
        section=chapter,
        paragraph=1,
    )
    Quote.objects.create(report=report, theme=theme, element=element, text="Samen.", paragraph=2)
    return Report.objects.get(pk=report.pk)


def _dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def test_the_story_is_exported(story):
    document = report_json(report=story)
    assert document["story"] == {
        "title": "Vier jaar Veiligheid Voorop",
        "introduction": "Onze inleiding.",
        "summary": "Samengevat.",
        "revision": 2,
    }
    assert [s["title"] for s in document["own_sections"]] == ["Ex-partner stalking", "Kenniskring"]
    assert (
        document["practice_items"][0]["section"],
        document["practice_items"][0]["paragraph"],
    ) == (
        0,
        1,
    )


def test_the_story_survives_export_delete_import_export(story):
    first = _dump(report_json(report=story))
    story.delete()
    imported = report_json_import(data=first.encode(), user=None, keep_status=True, map_users=True)
    assert _dump(report_json(report=imported)) == first


def test_an_archive_from_before_the_story_still_imports(story):
    document = report_json(report=story)
    for name in ("story", "own_sections"):
        del document[name]
    for collection in ("practice_items", "quotes", "sources"):
        for item in document[collection]:
            item.pop("section")
            item.pop("paragraph")
            item.pop("image", None)
    story.delete()
    imported = report_json_import(
        data=_dump(document).encode(), user=None, keep_status=True, map_users=True
    )
    assert imported.title == ""
    assert not ReportSection.objects.filter(report=imported).exists()
    assert imported.practice_items.get().section is None


def test_an_item_in_a_section_the_archive_lacks_is_refused(story):
    document = report_json(report=story)
    document["practice_items"][0]["section"] = 5
    story.delete()
    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=_dump(document).encode(), user=None, keep_status=True)
    assert any(p.cell == "practice_items/0/section" for p in refused.value.problems)
