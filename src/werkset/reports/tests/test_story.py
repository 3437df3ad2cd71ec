"""The network's own story (issue 18, part 3): title, introduction, summary, own sections and
the place of items in the running text, through the pages."""

import pytest
from django.urls import reverse

from werkset.core.models import AuditEvent
from werkset.reports.limits import REPORT_TITLE_MAX
from werkset.reports.models import PracticeItem, Quote, Report, ReportSection, SectionText
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_correct, report_transition

pytestmark = pytest.mark.django_db


def story_url(report: Report) -> str:
    return reverse("reports:story", args=[report.pk])


def _theme(report: Report, key: str = "acuut"):
    return report.catalogue_version.themes.get(key=key)


def _section(report: Report, **values) -> ReportSection:
    theme = values.pop("theme", _theme(report))
    return ReportSection.objects.create(report=report, theme=theme, title="Stalking", **values)


def test_the_overview_links_to_the_story(client_for, report, rapporteur_friesland):
    page = client_for(rapporteur_friesland).get(reverse("reports:detail", args=[report.pk]))
    assert f'href="{story_url(report)}"' in page.content.decode()


def test_the_rapporteur_saves_title_introduction_and_summary(
    client_for, report, rapporteur_friesland
):
    response = client_for(rapporteur_friesland).post(
        story_url(report),
        {
            "base_revision": "0",
            "title": "Vier jaar Veiligheid Voorop",
            "introduction": "Inspanningen en *waarde*.",
            "summary": "Kort gezegd.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.introduction, report.summary, report.story_revision) == (
        "Vier jaar Veiligheid Voorop",
        "Inspanningen en *waarde*.",
        "Kort gezegd.",
        1,
    )


def test_saving_the_story_is_audited(client_for, report, rapporteur_friesland):
    client_for(rapporteur_friesland).post(
        story_url(report), {"base_revision": "0", "title": "T", "introduction": "", "summary": ""}
    )
    assert AuditEvent.objects.filter(action="report_story_saved", target_id=str(report.pk)).exists()


def test_a_stale_story_form_does_not_overwrite(client_for, report, rapporteur_friesland):
    Report.objects.filter(pk=report.pk).update(introduction="Van een ander.", story_revision=3)
    response = client_for(rapporteur_friesland).post(
        story_url(report),
        {"base_revision": "2", "title": "", "introduction": "Van mij.", "summary": ""},
    )
    assert response.status_code == 400
    assert "in de tussentijd" in response.content.decode()
    report.refresh_from_db()
    assert report.introduction == "Van een ander."


def test_a_too_long_title_is_refused_with_a_dutch_message(client_for, report, rapporteur_friesland):
    response = client_for(rapporteur_friesland).post(
        story_url(report),
        {"base_revision": "0", "title": "a" * (REPORT_TITLE_MAX + 1), "introduction": "x"},
    )
    assert response.status_code == 400
    assert "300" in response.content.decode()
    report.refresh_from_db()
    assert report.introduction == ""


def test_a_network_member_reads_the_story_without_a_form(client_for, report, netwerklid_noord):
    Report.objects.filter(pk=report.pk).update(introduction="Onze **inleiding**.")
    page = client_for(netwerklid_noord).get(story_url(report)).content.decode()
    assert "<strong>inleiding</strong>" in page
    assert 'name="introduction"' not in page


def test_a_network_member_cannot_save_the_story(client_for, report, netwerklid_noord):
    response = client_for(netwerklid_noord).post(
        story_url(report), {"base_revision": "0", "title": "X", "introduction": "", "summary": ""}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.title == ""


def test_a_finalised_story_is_read_only(client_for, report, rapporteur_friesland):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    response = client_for(rapporteur_friesland).post(
        story_url(report), {"base_revision": "0", "title": "X", "introduction": "", "summary": ""}
    )
    assert response.status_code == 403


def test_an_own_chapter_is_added_after_a_theme(client_for, report, rapporteur_friesland):
    theme = _theme(report, "samenhang")
    response = client_for(rapporteur_friesland).post(
        reverse("reports:section_add", args=[report.pk]),
        {"title": "Ex-partner stalking", "place": f"hoofdstuk:{theme.pk}", "text": "Tekst."},
    )
    assert response.status_code == 302
    section = ReportSection.objects.get(report=report)
    assert (section.is_chapter, section.theme) == (True, theme)
    assert section.title == "Ex-partner stalking"


def test_the_story_page_numbers_an_own_chapter_after_its_theme(
    client_for, report, rapporteur_friesland
):
    _section(report, is_chapter=True, theme=_theme(report, "samenhang"))
    page = client_for(rapporteur_friesland).get(story_url(report)).content.decode()
    assert '<li value="2" id="eigen-' in page


def test_an_own_paragraph_needs_a_title(client_for, report, rapporteur_friesland):
    theme = _theme(report)
    response = client_for(rapporteur_friesland).post(
        reverse("reports:section_add", args=[report.pk]),
        {"title": "", "place": f"paragraaf:{theme.pk}:", "text": "Tekst."},
    )
    assert response.status_code == 400
    assert not ReportSection.objects.exists()


def test_an_own_paragraph_stands_in_its_theme_page(client_for, report, netwerklid_noord):
    theme = _theme(report)
    element = theme.elements.get(key="waarde")
    _section(report, theme=theme, element=element, text="Over *stalking*.")
    page = (
        client_for(netwerklid_noord)
        .get(reverse("reports:theme", args=[report.pk, "acuut"]))
        .content.decode()
    )
    assert "Stalking" in page
    assert "Over <em>stalking</em>." in page


def test_an_own_section_is_changed_with_the_revision_check(
    client_for, report, rapporteur_friesland
):
    section = _section(report, revision=2, text="Oud")
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    response = client_for(rapporteur_friesland).post(
        url,
        {
            "title": "Nieuw",
            "text": "Nieuw",
            "place": f"paragraaf:{section.theme_id}:",
            "base_revision": "1",
        },
    )
    assert response.status_code == 400
    section.refresh_from_db()
    assert section.text == "Oud"


def test_an_own_section_is_changed(client_for, report, rapporteur_friesland):
    section = _section(report, revision=2, text="Oud")
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    client_for(rapporteur_friesland).post(
        url,
        {
            "title": "Nieuw",
            "text": "Nieuwe tekst",
            "place": f"paragraaf:{section.theme_id}:",
            "base_revision": "2",
        },
    )
    section.refresh_from_db()
    assert (section.title, section.text, section.revision) == ("Nieuw", "Nieuwe tekst", 3)


def test_own_sections_at_one_place_move_up(client_for, report, rapporteur_friesland):
    first = _section(report, position=0)
    second = _section(report, position=1)
    client_for(rapporteur_friesland).post(
        reverse("reports:section_move", args=[report.pk, second.pk]), {"direction": "up"}
    )
    order = list(ReportSection.objects.order_by("position", "id").values_list("pk", flat=True))
    assert order == [second.pk, first.pk]


def test_removing_an_own_section_puts_its_items_back_in_the_theme(
    client_for, report, rapporteur_friesland
):
    section = _section(report)
    item = PracticeItem.objects.create(
        report=report,
        theme=section.theme,
        kind="anders",
        title="T",
        text="t",
        section=section,
        paragraph=2,
    )
    client_for(rapporteur_friesland).post(
        reverse("reports:section_delete", args=[report.pk, section.pk])
    )
    item.refresh_from_db()
    assert not ReportSection.objects.exists()
    assert (item.section, item.paragraph) == (None, None)


def test_a_practice_item_is_placed_after_a_paragraph(client_for, report, rapporteur_friesland):
    theme = _theme(report)
    element = theme.elements.get(key="waarde")
    SectionText.objects.create(
        report=report, theme=theme, element=element, text="Eerste.\n\nTweede.\n\nDerde."
    )
    client = client_for(rapporteur_friesland)
    form = client.get(reverse("reports:item_add", args=[report.pk, "acuut", "praktijk"]))
    assert "Na alinea 2 — Tweede." in form.content.decode()
    client.post(
        reverse("reports:item_add", args=[report.pk, "acuut", "praktijk"]),
        {"kind": "anders", "title": "T", "text": "t", "place": f"e{element.pk}:2"},
    )
    item = PracticeItem.objects.get()
    assert (item.element, item.section, item.paragraph) == (element, None, 2)


def test_a_quote_is_placed_in_an_own_paragraph(client_for, report, rapporteur_friesland):
    section = _section(report, text="Een.\n\nTwee.")
    client_for(rapporteur_friesland).post(
        reverse("reports:item_add", args=[report.pk, "acuut", "quote"]),
        {"text": "Samen sneller.", "place": f"s{section.pk}:1"},
    )
    quote = Quote.objects.get()
    assert (quote.section, quote.paragraph) == (section, 1)


def test_a_place_in_another_report_is_refused(client_for, report, rapporteur_friesland):
    other = Report.objects.create(
        region=report.region, period="2024", catalogue_version=report.catalogue_version
    )
    foreign = _section(other)
    response = client_for(rapporteur_friesland).post(
        reverse("reports:item_add", args=[report.pk, "acuut", "quote"]),
        {"text": "Samen sneller.", "place": f"s{foreign.pk}:1"},
    )
    assert response.status_code == 400
    assert not Quote.objects.exists()


def test_a_reader_sees_an_item_after_its_paragraph_with_its_number(
    client_for, report, netwerklid_noord
):
    theme = _theme(report)
    element = theme.elements.get(key="waarde")
    SectionText.objects.create(
        report=report, theme=theme, element=element, text="Eerste alinea.\n\nTweede alinea."
    )
    PracticeItem.objects.create(
        report=report,
        theme=theme,
        element=element,
        kind="anders",
        title="Casus",
        text="t",
        paragraph=1,
    )
    page = (
        client_for(netwerklid_noord)
        .get(reverse("reports:theme", args=[report.pk, "acuut"]))
        .content.decode()
    )
    first, casus, second = (
        page.index("Eerste alinea."),
        page.index("Casus</h4>"),
        page.index("Tweede alinea."),
    )
    assert first < casus < second
    assert "Uit de praktijk 2.1" in page


def test_the_rapporteur_sees_where_an_item_stands(client_for, report, rapporteur_friesland):
    theme = _theme(report)
    PracticeItem.objects.create(
        report=report, theme=theme, kind="anders", title="Casus", text="t", paragraph=3
    )
    SectionText.objects.create(report=report, theme=theme, text="a\n\nb\n\nc")
    page = (
        client_for(rapporteur_friesland)
        .get(reverse("reports:theme", args=[report.pk, "acuut"]))
        .content.decode()
    )
    assert "In de tekst na alinea 3:" in page


def test_a_new_version_keeps_the_story_and_the_places(report, rapporteur_friesland):
    Report.objects.filter(pk=report.pk).update(introduction="Inleiding")
    section = _section(report)
    PracticeItem.objects.create(
        report=report, theme=section.theme, kind="anders", title="T", text="t", section=section
    )
    report.refresh_from_db()
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    new = report_correct(report=report, user=rapporteur_friesland, reason="Cijfers aangevuld")
    copy = new.practice_items.get()
    assert new.introduction == "Inleiding"
    assert copy.section is not None
    assert copy.section.report_id == new.pk


def test_story_texts_are_scanned_for_personal_data(client_for, report, rapporteur_friesland):
    Report.objects.filter(pk=report.pk).update(summary="Bel 06-12345678 voor meer.")
    page = client_for(rapporteur_friesland).get(reverse("reports:detail", args=[report.pk]))
    html = page.content.decode()
    assert "06-12345678" in html
    assert f'href="{story_url(report)}">Verhaal van het netwerk' in html


def test_an_edit_of_the_story_makes_new_documents(client_for, report, rapporteur_friesland):
    from werkset.documents.selectors import report_content_stamp

    before = report_content_stamp(report=report)
    client_for(rapporteur_friesland).post(
        story_url(report), {"base_revision": "0", "title": "", "introduction": "Nieuw."}
    )
    report.refresh_from_db()
    assert report_content_stamp(report=report) != before


def test_the_story_page_names_a_reference_to_a_missing_item(
    client_for, report, rapporteur_friesland
):
    SectionText.objects.create(
        report=report, theme=_theme(report), text="Zie Uit de praktijk 2.1 en Uit de praktijk 2.2."
    )
    PracticeItem.objects.create(
        report=report, theme=_theme(report), kind="anders", title="T", text="t"
    )
    page = client_for(rapporteur_friesland).get(story_url(report)).content.decode()
    assert "Uit de praktijk 2.2 in “Samen op in Acuut”" in page
    assert "Uit de praktijk 2.1 in" not in page


def test_a_section_moved_to_another_theme_leaves_its_items_behind(
    client_for, report, rapporteur_friesland
):
    section = _section(report, revision=1)
    item = PracticeItem.objects.create(
        report=report, theme=section.theme, kind="anders", title="T", text="t", section=section
    )
    other = _theme(report, "ssk")
    client_for(rapporteur_friesland).post(
        reverse("reports:section_edit", args=[report.pk, section.pk]),
        {"title": "Stalking", "text": "", "place": f"paragraaf:{other.pk}:", "base_revision": "1"},
    )
    section.refresh_from_db()
    item.refresh_from_db()
    assert section.theme == other
    assert item.section is None
