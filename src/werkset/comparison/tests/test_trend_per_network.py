"""The trend page read per regional network (?eenheid=netwerk&netwerk=<code>, issue 18 item
2, ADR 31): per period the network's own report's answer as given, or its regions' figures
by the one rule of selectors.networks (the sum of amounts and counts, else a value every
region gives the same), beside the national spread over networks."""

import csv
import io
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.accounts.models import Role
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Theme
from werkset.comparison.models import ThemeMaturity
from werkset.comparison.selectors.entries import catalogue_versions
from werkset.comparison.selectors.trend import region_trend_key
from werkset.comparison.selectors.trend_network import network_trend_key
from werkset.comparison.views import trend as trend_page
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import ReportStatus

from .conftest import FREQUENTIE, KOSTEN, kosten

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

MIDDEN = ("utrecht", "gooi-en-vechtstreek", "flevoland")
KOSTEN_SLUG = f"{KOSTEN}.kosten"
FREQUENTIE_SLUG = f"{FREQUENTIE}.frequentie"


def per(n: int, per: str = "maand") -> dict:
    return {FREQUENTIE: {"choice": "ja", "figures": {"frequentie": {"aantal": n, "per": per}}}}


def get(client, theme: str = "vt-zsm", **query: str):
    response = client.get(reverse("comparison:over_time"), {"thema": theme, **query})
    assert response.status_code == 200
    return response


def network_page(client, network: str = "midden-nederland", theme: str = "vt-zsm", **query: str):
    return get(client, theme, eenheid="netwerk", netwerk=network, **query)


def cells(response, label: str) -> list:
    """The trend cells (views.trend.TrendCell) of the figure row whose label starts so."""
    return next(r for r in response.context["trend_rows"] if r.label.startswith(label)).cells


@pytest.fixture
def noord(make_report):
    """Noord-Nederland's own report: € 1.000, with Groningen giving its own € 400."""
    return make_report(
        "",
        network="noord-nederland",
        answers={
            KOSTEN: {
                "choice": "ja",
                "figures": {"kosten": "1000"},
                "regional": {
                    "groningen": {"choice": "ja", "explanation": "", "figures": {"kosten": "400"}}
                },
            }
        },
    )


@pytest.fixture
def midden(make_report):
    """Midden-Nederland's three regions report on their own, with different costs."""
    for code, amount in zip(MIDDEN, ("1500", "700", "300"), strict=True):
        make_report(code, answers=kosten(amount))


# (a) regions that report on their own ------------------------------------------------------


def test_het_punt_van_een_netwerk_is_de_som_van_de_bedragen_van_zijn_regios(
    client_for, landelijk, midden
):
    response = network_page(client_for(landelijk))
    (cell,) = cells(response, "Kosten randvoorwaarden")
    assert cell.own == "2.500"
    assert cell.source == "som van de regio's"
    html = response.content.decode()
    assert "<h1>In de tijd: Midden-Nederland</h1>" in html
    assert '2.500 <span class="subtle">(som van de regio&#39;s)</span>' in html.replace(
        ' class="subtle network-source"', ' class="subtle"'
    )


def test_verschillende_frequenties_geven_geen_punt_en_gelijke_wel(
    client_for, landelijk, make_report
):
    # 2023: every region meets monthly; 2024: they differ (an average says nothing)
    for code in MIDDEN:
        make_report(code, "2023", answers=per(1))
    for code, n in zip(MIDDEN, (1, 2, 1), strict=True):
        make_report(code, "2024", answers=per(n))
    response = network_page(client_for(landelijk), theme="actieoverleg")
    assert response.context["trend_periods"] == ["2023", "2024"]
    same, differ = cells(response, "Frequentie")
    assert (same.own, same.source) == ("12", "gelijk in alle regio's")
    assert differ.own == "–"  # noqa: RUF001
    assert differ.source == ""
    # the region trend of one of them still has its own value
    (_same, utrecht) = cells(get(client_for(landelijk), "actieoverleg", regio="utrecht"), "Freq")
    assert utrecht.own == "12"


def test_een_bedrag_dat_niet_elke_regio_geeft_is_geen_som(client_for, landelijk, make_report):
    make_report("utrecht", answers=kosten("1500"))
    make_report("gooi-en-vechtstreek", answers=kosten("700"))
    make_report("flevoland", answers={KOSTEN: {"choice": "nee"}})
    (cell,) = cells(network_page(client_for(landelijk)), "Kosten randvoorwaarden")
    assert cell.own == "–"  # noqa: RUF001


def test_de_leden_zijn_de_regios_met_een_rapportage_in_de_periode(
    client_for, landelijk, make_report
):
    make_report("utrecht", answers=kosten("1500"))
    make_report("flevoland", answers=kosten("300"))
    (cell,) = cells(network_page(client_for(landelijk)), "Kosten randvoorwaarden")
    assert cell.own == "1.800"


# (b) the network's own report --------------------------------------------------------------


def test_het_eigen_rapport_geeft_het_eigen_antwoord_van_het_netwerk_niet_dat_van_een_regio(
    client_for, landelijk, noord
):
    client = client_for(landelijk)
    (cell,) = cells(network_page(client, "noord-nederland"), "Kosten randvoorwaarden")
    assert (cell.own, cell.source) == ("1.000", "eigen antwoord van het netwerk")
    # the region with its own answer in the network's report keeps it in the region trend
    (groningen,) = cells(get(client, regio="groningen"), "Kosten randvoorwaarden")
    assert groningen.own == "400"
    (drenthe,) = cells(get(client, regio="drenthe"), "Kosten randvoorwaarden")
    assert drenthe.own == "1.000"


def test_volwassenheid_van_het_netwerk(client_for, landelijk, noord, make_report):
    theme_2024 = Theme.objects.get(version=noord.catalogue_version, key="vt-zsm")
    ThemeMaturity.objects.create(report=noord, theme=theme_2024, level=3, motivation="Netwerk.")
    for period, levels in (("2023", (2, 2, 2)), ("2025", (2, 3, 2))):
        for code, level in zip(MIDDEN, levels, strict=True):
            report = make_report(code, period)
            ThemeMaturity.objects.create(report=report, theme=theme_2024, level=level)
    client = client_for(landelijk)

    def levels(network: str) -> list[int]:
        rows = network_page(client, network).context["maturity_rows"]
        return [c.level for c in next(r for r in rows if r.theme == "VT & ZSM").cells]

    assert levels("noord-nederland") == [0, 3, 0]  # its own report's level
    assert levels("midden-nederland") == [2, 0, 0]  # the same in every region, else none


# (c) the national spread over networks ----------------------------------------------------


def test_de_landelijke_spreiding_telt_netwerken_uit_vastgestelde_rapportages(
    client_for, make_user, noord, midden, make_report
):
    # a concept in Oost-Nederland, seen by its rapporteur, never counts nationally
    make_report("twente", status=ReportStatus.CONCEPT, answers=kosten("9000"))
    rapporteur = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="twente"))
    response = get(client_for(rapporteur), eenheid="netwerk")
    assert response.context["network"].code == "oost-nederland"  # the viewer's own network
    (cell,) = cells(response, "Kosten randvoorwaarden")
    assert cell.own == "9.000"
    assert cell.concept is True
    assert cell.national == "mediaan 1.750 (1.000–2.500, n = 2)"  # noqa: RUF001
    # per region the same reports count regions: Noord's three (its report stands for each)
    # and Midden's three
    (region,) = cells(get(client_for(rapporteur), regio="twente"), "Kosten randvoorwaarden")
    assert region.national.endswith("n = 6)")


def test_een_netwerk_met_een_concept_telt_landelijk_met_zijn_vastgestelde_regios(
    client_for, make_user, midden, make_report
):
    make_report("groningen", answers=kosten("100"))
    make_report("friesland", status=ReportStatus.CONCEPT, answers=kosten("200"))
    rapporteur = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="friesland"))
    (cell,) = cells(network_page(client_for(rapporteur), "noord-nederland"), "Kosten rand")
    assert cell.own == "300"  # Groningen and Friesland's concept, as the viewer sees them
    assert cell.concept is True
    assert cell.national == "mediaan 1.300 (100–2.500, n = 2)"  # noqa: RUF001


# (d) caches --------------------------------------------------------------------------------


def test_regio_en_netwerk_delen_geen_cache(client_for, landelijk, noord, midden, monkeypatch):
    client = client_for(landelijk)
    (region,) = cells(get(client, regio="utrecht"), "Kosten randvoorwaarden")
    assert (region.own, region.national.endswith("n = 6)")) == ("1.500", True)
    made = []
    original = trend_page.network_trend
    monkeypatch.setattr(trend_page, "network_trend", lambda **kw: made.append(1) or original(**kw))
    (network,) = cells(network_page(client), "Kosten randvoorwaarden")
    assert made == [1]  # not the region's kept tables
    assert network.own == "2.500"
    assert network.national.endswith("n = 2)")
    (network,) = cells(network_page(client), "Kosten randvoorwaarden")
    assert made == [1]  # the network's own kept tables
    (region,) = cells(get(client, regio="utrecht"), "Kosten randvoorwaarden")
    assert region.national.endswith("n = 6)")


def test_de_sleutels_van_regio_en_netwerk_verschillen_ook_bij_gelijke_id(landelijk, midden):
    network = RegionalNetwork.objects.order_by("pk").first()
    region = Region.objects.filter(pk=network.pk).first() or Region.objects.first()
    versions = catalogue_versions()
    themes = list(Theme.objects.filter(version=versions[0]).order_by("position"))
    inputs = {
        "scope": scope_for_user(landelijk),
        "catalogue": versions[0],
        "theme": themes[0],
        "themes": themes,
        "versions": versions,
    }
    region_key = region_trend_key(**inputs, region=region)
    network_key = network_trend_key(**inputs, network=network)
    assert region_key
    assert network_key
    assert region_key != network_key
    assert network_key != network_trend_key(**inputs, network=RegionalNetwork.objects.last())


def test_een_regio_die_van_netwerk_wisselt_geeft_een_nieuwe_netwerktrend(
    client_for, landelijk, midden, make_report
):
    make_report("groningen", answers=kosten("100"))
    client = client_for(landelijk)
    assert cells(network_page(client), "Kosten randvoorwaarden")[0].own == "2.500"
    # saved as the regions loader and the admin save it (the kept regions follow the save)
    groningen = Region.objects.get(code="groningen")
    groningen.network = RegionalNetwork.objects.get(code="midden-nederland")
    groningen.save()
    assert cells(network_page(client), "Kosten randvoorwaarden")[0].own == "2.600"


ALL = ["groningen", "friesland", "drenthe", *MIDDEN, "twente", "zeeland"]


@pytest.mark.parametrize("warm", [False, True])
def test_aantal_queries_van_de_netwerktrend_is_constant(client_for, landelijk, make_report, warm):
    client = client_for(landelijk)

    def add(codes):
        for code in codes:
            for period in ("2022", "2023", "2024"):
                make_report(code, period, answers={**kosten("100"), **per(2)})

    def count():
        cache.clear()
        if warm:
            network_page(client, "noord-nederland")
        with CaptureQueriesContext(connection) as queries:
            network_page(client, "noord-nederland")
        return len(queries.captured_queries)

    network_page(client, "noord-nederland")  # session and content types
    add(ALL[:2])
    small = count()
    add(ALL[2:])
    make_report("", "2025", network="midden-nederland", answers=kosten("10"))
    assert count() == small
    assert small <= 16


# (e) the download --------------------------------------------------------------------------


def test_de_csv_per_netwerk_noemt_het_netwerk_en_telt_netwerken(
    client_for, landelijk, noord, midden
):
    response = network_page(client_for(landelijk), formaat="csv")
    assert "midden-nederland-verloop-netwerk.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8").lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert "Regio" not in header
    row = next(r for r in rows if r[0] == KOSTEN)
    found = dict(zip(header, row, strict=True))
    assert found["Regionaal netwerk"] == "Midden-Nederland"
    assert found["Waarde van"] == "som van de regio's"
    assert found["Aantal netwerken"] == "2"
    assert "2500" in found["Waarde van het netwerk"].replace(".", "")


def test_de_excel_per_netwerk(client_for, landelijk, noord, midden):
    from openpyxl import load_workbook

    response = network_page(client_for(landelijk), "noord-nederland", formaat="xlsx")
    assert "noord-nederland-verloop-netwerk.xlsx" in response["Content-Disposition"]
    values = [
        c.value
        for sheet in load_workbook(io.BytesIO(response.content)).worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert "Noord-Nederland" in values
    assert "eigen antwoord van het netwerk" in values
    assert "Groningen" not in values
    assert 1000 in values


# The page ----------------------------------------------------------------------------------


def test_de_pagina_biedt_de_eenheid_en_een_netwerkkeuze(client_for, netwerklid_noord, midden):
    client = client_for(netwerklid_noord)
    html = get(client, eenheid="netwerk").content.decode()
    assert '<label for="filter-eenheid">Per</label>' in html
    assert 'value="netwerk" selected' in html
    assert '<label for="filter-netwerk">Regionaal netwerk</label>' in html
    assert '<option value="noord-nederland" selected>' in html  # the viewer's own network
    assert 'name="regio"' not in html
    assert "eenheid=netwerk&amp;netwerk=noord-nederland&amp;thema=vt-zsm" in html
    # per region (the default) the region select, not the network's
    html = get(client).content.decode()
    assert 'name="netwerk"' not in html
    assert '<option value="regio" selected>' in html


def test_zonder_eigen_netwerk_het_eerste_en_na_wisselen_het_netwerk_van_de_regio(
    client_for, landelijk, midden
):
    client = client_for(landelijk)
    assert get(client, eenheid="netwerk").context["network"].code == "noord-nederland"
    switched = get(client, eenheid="netwerk", regio="flevoland")
    assert switched.context["network"].code == "midden-nederland"
    back = get(client, eenheid="regio", netwerk="midden-nederland")
    assert back.context["region"].code == "utrecht"


def test_grafiek_noemt_het_netwerk(client_for, landelijk, midden, make_report):
    for code in MIDDEN:
        make_report(code, "2025", answers=kosten("100"))
    html = network_page(client_for(landelijk)).content.decode()
    assert "de waarde van het netwerk Midden-Nederland" in html
    assert "Per periode de waarde van het netwerk" in html


def test_de_netwerktrend_loopt_via_de_lijn_door_naar_het_eigen_rapport_van_2_0(
    client_for, landelijk, make_report, catalogue_2_0
):
    from werkset.catalogue.models import Indicator
    from werkset.reports.models import Answer, Report

    for code in MIDDEN:
        make_report(code, "2024", answers=per(2))
    report = Report.objects.create(
        network=RegionalNetwork.objects.get(code="midden-nederland"),
        period="2025",
        catalogue_version=catalogue_2_0,
        status=ReportStatus.VASTGESTELD,
    )
    Answer.objects.create(
        report=report,
        indicator=Indicator.objects.get(
            version=catalogue_2_0, key="actieoverleg.kerncijfers.frequentie"
        ),
        figures={"frequentie": {"aantal": 3, "per": "maand"}},
    )
    response = network_page(client_for(landelijk), theme="actieoverleg", versie=catalogue_2_0.slug)
    carried, own = cells(response, "Frequentie")
    assert (carried.own, carried.source) == ("24", "gelijk in alle regio's")
    assert (own.own, own.source) == ("36", "eigen antwoord van het netwerk")
    assert [version for _period, version in response.context["trend_columns"]] == [
        "versie 2021",
        "versie 2.0",
    ]


def test_de_bandbreedte_per_netwerk_telt_netwerken_in_de_download(
    client_for, landelijk, noord, midden
):
    response = client_for(landelijk).get(
        reverse("comparison:bandwidth"),
        {"periode": "2024", "thema": "vt-zsm", "eenheid": "netwerk", "formaat": "csv"},
    )
    text = response.content.decode("utf-8").lstrip("\ufeff")
    header = next(csv.reader(io.StringIO(text), delimiter=";"))
    assert "Aantal netwerken" in header
    assert "Aantal regio's" not in header


def test_het_menu_houdt_de_eenheid_netwerk_vast(client_for, landelijk, noord, midden):
    page = network_page(client_for(landelijk)).content.decode()
    nav = page[page.index('class="comparison-nav"') :]
    nav = nav[: nav.index("</nav>")]
    for name in ("side_by_side", "bandwidth", "over_time"):
        link = next(part for part in nav.split("<li>") if reverse(f"comparison:{name}") in part)
        assert "eenheid=netwerk" in link, name


def test_de_menulink_in_de_tijd_houdt_het_gekozen_netwerk_vast(client_for, landelijk, midden):
    client = client_for(landelijk)
    page = network_page(client, "midden-nederland").content.decode()
    nav = page[page.index('class="comparison-nav"') :]
    nav = nav[: nav.index("</nav>")]
    link = next(part for part in nav.split("<li>") if reverse("comparison:over_time") in part)
    href = unescape(link.split('href="', 1)[1].split('"', 1)[0])
    # without the network the page falls back to the first one (Noord-Nederland)
    assert client.get(href).context["network"].code == "midden-nederland"


def test_de_toelichting_spreekt_per_netwerk_van_netwerken(client_for, landelijk, midden):
    client = client_for(landelijk)
    html = network_page(client).content.decode()
    assert "Vergeleken wordt per regionaal netwerk: de waarde van een netwerk" in html
    assert "de rapportage van elke regio" not in html
    assert "de rapportage van elke regio" in get(client, regio="utrecht").content.decode()
