"""Every reference text is shown where it belongs: beside its themes in the catalogue, on
a report's theme page (collapsed, cached) and in the improvement cycle; the framing in the
catalogue browser, for its own version and for a corrected version that continues it."""

import datetime
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.catalogue.models import CatalogueVersion
from werkset.guidance.loader import GuidanceLibrary, guidance_library
from werkset.improvement.tests.factories import ImprovementPointFactory, indicator_of

pytestmark = pytest.mark.django_db

THEMES = ("samenhang", "acuut", "actieoverleg", "vt-zsm", "ssk")


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _titles(theme_key: str) -> list[str]:
    return [escape(text.title, quote=False) for text in guidance_library().for_theme(theme_key)]


def test_every_text_belongs_to_a_theme_of_the_2021_catalogue():
    for text in guidance_library().texts:
        assert text.themes, text.key
        assert set(text.themes) <= set(THEMES), text.key


@pytest.mark.parametrize("theme_key", THEMES)
def test_the_catalogue_theme_page_shows_every_text_of_the_theme(
    client_for, landelijk, catalogue_2021, theme_key
):
    url = reverse("catalogue:theme", args=[catalogue_2021.slug, theme_key])
    page = _html(client_for(landelijk).get(url))
    titles = _titles(theme_key)
    assert titles
    for title in titles:
        assert f"<summary>{title}</summary>" in page


@pytest.mark.parametrize("theme_key", THEMES)
def test_the_report_theme_page_shows_every_text_of_the_theme_collapsed(
    client_for, rapporteur_friesland, report, theme_key
):
    page = _html(
        client_for(rapporteur_friesland).get(reverse("reports:theme", args=[report.pk, theme_key]))
    )
    assert '<details class="context guidance" id="handreikingen">' in page
    for title in _titles(theme_key):
        assert f"<summary>{title}</summary>" in page


def test_the_report_theme_page_shows_the_texts_of_its_own_theme_only(
    client_for, rapporteur_friesland, report
):
    page = _html(
        client_for(rapporteur_friesland).get(reverse("reports:theme", args=[report.pk, "acuut"]))
    )
    assert "Methodische onderlegger Actieoverleg" not in page


def test_the_guidance_block_is_rendered_once_and_then_served_from_the_cache(
    client_for, rapporteur_friesland, report, monkeypatch
):
    client = client_for(rapporteur_friesland)
    url = reverse("reports:theme", args=[report.pk, "actieoverleg"])
    client.get(url)

    def not_again(self, theme_key):
        raise AssertionError("the guidance block was rendered again")

    monkeypatch.setattr(GuidanceLibrary, "for_theme", not_again)
    with CaptureQueriesContext(connection) as queries:
        page = _html(client.get(url))
    assert "Bouwstenen Actie(gericht)overleg" in page
    # The texts come from the files, not the database.
    assert not any("guidance" in query["sql"] for query in queries.captured_queries)


def test_a_numbered_list_keeps_the_seed_numbering(client_for, landelijk, catalogue_2021):
    url = reverse("catalogue:theme", args=[catalogue_2021.slug, "actieoverleg"])
    page = _html(client_for(landelijk).get(url))
    assert '<ol start="6">' in page
    step_6 = "Bepaal de risicofactoren die de grootste impact hebben op de onveiligheid"
    assert f'<ol start="6"><li><p>{step_6}</p>' in page


def test_the_improvement_theme_page_shows_the_guidance(
    client_for, netwerklid_noord, catalogue_2021
):
    url = reverse("improvement:theme", args=["noord-nederland", "actieoverleg"])
    page = _html(client_for(netwerklid_noord).get(url))
    for title in _titles("actieoverleg"):
        assert f"<summary>{title}</summary>" in page


def test_an_improvement_point_shows_the_guidance_of_its_building_block(
    client_for, netwerklid_noord, noord_nederland, catalogue_2021
):
    theme = catalogue_2021.themes.get(key="actieoverleg")
    point = ImprovementPointFactory(
        network=noord_nederland,
        theme=theme,
        owner=netwerklid_noord,
        indicator=indicator_of(theme),
        building_block="deelnemers",
        title="Vaste deelnemers (fictief)",
        target_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    page = _html(client_for(netwerklid_noord).get(reverse("improvement:point", args=[point.pk])))
    assert "Handreikingen bij deze bouwsteen" in page
    assert "<h4>Voorwaarden voor deelname</h4>" in page
    assert "<h4>Instroomcriteria</h4>" not in page


def test_the_version_page_links_the_framing(client_for, landelijk, catalogue_2021):
    page = _html(
        client_for(landelijk).get(reverse("catalogue:version", args=[catalogue_2021.slug]))
    )
    framing_url = reverse("catalogue:framing", args=[catalogue_2021.slug])
    assert f'href="{framing_url}#verantwoording"' in page


def test_the_framing_page_shows_every_part(client_for, landelijk, catalogue_2021):
    url = reverse("catalogue:framing", args=[catalogue_2021.slug])
    page = _html(client_for(landelijk).get(url))
    framing = guidance_library().framing_named("werkset-2021")
    assert framing is not None
    for part in framing.parts:
        assert f'<h2 id="{part.key}-title">{escape(part.title, quote=False)}</h2>' in page
    assert "<h3>Anders verantwoord</h3>" in page
    assert "<h3>Goed werk</h3>" in page
    assert "<li><p>9 september 2021: Actie-overleg</p>" in page


def test_the_framing_shows_no_names_of_participants(client_for, landelijk, catalogue_2021):
    page = _html(
        client_for(landelijk).get(reverse("catalogue:framing", args=[catalogue_2021.slug]))
    )
    for name in ("Janniek", "Koekkoek", "Kleinjan", "Polman", "Prause"):
        assert name not in page


def test_a_corrected_version_reaches_the_framing_through_its_lineage(
    client_for, landelijk, catalogue_2021
):
    corrected = CatalogueVersion.objects.create(
        slug="werkset-2021-correctie",
        title=catalogue_2021.title,
        edition="2021, gecorrigeerd",
        published_on=datetime.date(2026, 12, 1),
        continues=catalogue_2021,
        content_hash="test",
        source_file="test.yaml",
    )
    page = _html(client_for(landelijk).get(reverse("catalogue:framing", args=[corrected.slug])))
    assert "<h3>Anders verantwoord</h3>" in page
    assert "Geschreven voor catalogusversie werkset-2021" in page


def test_a_new_instrument_does_not_inherit_the_framing(client_for, landelijk, catalogue_2_0):
    response = client_for(landelijk).get(reverse("catalogue:framing", args=[catalogue_2_0.slug]))
    assert response.status_code == 404
