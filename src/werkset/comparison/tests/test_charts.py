"""Charts people read (issue 22 item 4): the trend charts beside the trend tables with a
text summary, and the maturity map per network as well as per region, through HTTP."""

import lxml.html
import pytest
from django.urls import reverse

from werkset.accounts.models import Role
from werkset.catalogue.models import Theme
from werkset.comparison.models import ThemeMaturity
from werkset.regions.models import Region
from werkset.reports.models import ReportStatus

from .conftest import kosten

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

TREND_URL = "?regio=groningen&thema=vt-zsm"


def with_level(report, level: int) -> None:
    theme = Theme.objects.get(version=report.catalogue_version, key="vt-zsm")
    ThemeMaturity.objects.create(report=report, theme=theme, level=level, motivation="-")


@pytest.fixture
def series(make_report):
    with_level(make_report("groningen", "2022", answers=kosten("1000")), 2)
    with_level(make_report("groningen", "2025", answers=kosten("3000")), 4)
    make_report("friesland", "2022", answers=kosten("500"))
    make_report("friesland", "2025", answers=kosten("700"))


def test_verloop_heeft_een_grafiek_met_titel_en_beschrijving_naast_de_tabel(
    client_for, landelijk, series
):
    html = client_for(landelijk).get(reverse("comparison:over_time") + TREND_URL)
    page = lxml.html.fromstring(html.content)
    charts = page.find_class("trend-chart")
    assert charts
    for chart in charts:
        title, desc = chart.get("aria-labelledby").split()
        assert page.get_element_by_id(title).text_content().strip()
        assert page.get_element_by_id(desc).text_content().strip()
    assert page.xpath("//table[caption]")  # the tables stay as the alternative


def test_verloop_vat_de_reeks_in_woorden_samen(client_for, landelijk, series):
    text = client_for(landelijk).get(reverse("comparison:over_time") + TREND_URL)
    html = text.content.decode()
    assert "Van 2022 tot 2025 steeg de waarde van Groningen van 1.000 naar 3.000." in html
    # the national median: 750 in 2022 (500 and 1000), 1850 in 2025 (700 and 3000)
    assert "De landelijke mediaan ging van 750 (2022) naar 1.850 (2025)." in html


def test_verloop_van_de_volwassenheid_heeft_een_grafiek_met_samenvatting(
    client_for, landelijk, series
):
    html = client_for(landelijk).get(reverse("comparison:over_time") + TREND_URL)
    assert "Van 2022 tot 2025 steeg het niveau van Groningen van 2 naar 4." in html.content.decode()


def network_tiles(html: bytes) -> dict[str, str]:
    page = lxml.html.fromstring(html)
    tiles = page.find_class("tilemap--networks")[0].find_class("tilemap__tile")
    return {
        tile.find_class("tilemap__name")[0].text_content().strip(): " ".join(
            tile.text_content().split()
        )
        for tile in tiles
    }


@pytest.fixture
def levels(make_report):
    for code, level in (("groningen", 3), ("friesland", 4), ("utrecht", 2)):
        with_level(make_report(code, "2024"), level)
    with_level(make_report("drenthe", "2024", status=ReportStatus.CONCEPT), 1)


def test_volwassenheid_per_netwerk_is_de_mediaan_van_zijn_regios(client_for, landelijk, levels):
    response = client_for(landelijk).get(reverse("comparison:maturity") + "?thema=vt-zsm")
    tiles = network_tiles(response.content)
    noord = Region.objects.get(code="groningen").network
    midden = Region.objects.get(code="utrecht").network
    assert tiles[noord.name].endswith(f"mediaan 3,50 (n = 2 van {noord.regions.count()})")
    assert tiles[midden.name].endswith(f"mediaan 2 (n = 1 van {midden.regions.count()})")
    assert len(tiles) == type(noord).objects.count()


def test_eigen_concept_telt_niet_mee_in_het_netwerk(client_for, make_user, levels):
    drenthe = Region.objects.get(code="drenthe")
    user = make_user(Role.RAPPORTEUR, region=drenthe)
    response = client_for(user).get(reverse("comparison:maturity") + "?thema=vt-zsm")
    assert network_tiles(response.content)[drenthe.network.name].endswith(
        f"mediaan 3,50 (n = 2 van {drenthe.network.regions.count()})"
    )


def test_volwassenheid_per_netwerk_staat_ook_in_een_tabel(client_for, landelijk, levels):
    response = client_for(landelijk).get(reverse("comparison:maturity") + "?thema=vt-zsm")
    page = lxml.html.fromstring(response.content)
    caption = "Volwassenheid per regionaal netwerk en thema, 2024"
    (table,) = [t for t in page.xpath("//table") if t.xpath(f"caption[.='{caption}']")]
    themes = [th.text_content() for th in table.xpath("./thead/tr/th")[1:]]
    column = themes.index(Theme.objects.filter(key="vt-zsm").first().short_title)
    noord = Region.objects.get(code="groningen").network.name
    (row,) = [r for r in table.xpath("./tbody/tr") if r.xpath("./th")[0].text_content() == noord]
    assert row.xpath("./td")[column].text_content().startswith("3,50 (n = 2/3)")
