"""The side-by-side and bandwidth pages read per regional network (?eenheid=netwerk, issue
18 item 2, ADR 31): the network's own value, its regions' common value, or each region's
with the sum of amounts and counts; and they say which."""

import csv
import io

import pytest
from django.urls import reverse

from werkset.reports.models import Report

from .conftest import KOSTEN, TAFEL

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]


@pytest.fixture
def noord(make_report) -> Report:
    """The network's report, with three regions that differ from it and each other."""
    return make_report(
        "",
        network="noord-nederland",
        answers={
            KOSTEN: {
                "choice": "ja",
                "figures": {"kosten": "1000"},
                "regional": {
                    "groningen": {"choice": "ja", "explanation": "", "figures": {"kosten": "400"}},
                    "friesland": {"choice": "nee", "explanation": "", "figures": {}},
                    "drenthe": {
                        "choice": "ja",
                        "explanation": "Drenthe apart",
                        "figures": {"kosten": "250"},
                    },
                },
            }
        },
    )


@pytest.fixture
def midden(make_report) -> list[Report]:
    """Midden-Nederland reports per region, with different costs."""
    return [
        make_report("utrecht", answers={KOSTEN: {"choice": "ja", "figures": {"kosten": "1500"}}}),
        make_report(
            "gooi-en-vechtstreek", answers={KOSTEN: {"choice": "ja", "figures": {"kosten": "700"}}}
        ),
        make_report("flevoland", answers={KOSTEN: {"choice": "nee", "figures": {"kosten": "300"}}}),
    ]


def _page(client, name: str, **query: str) -> str:
    response = client.get(reverse(name), {"periode": "2024", "thema": "vt-zsm", **query})
    assert response.status_code == 200
    return response.content.decode()


def _column(html: str, header: str) -> str:
    """The cells of the KOSTEN row under the column whose header contains `header`."""
    head, body = html.split("</thead>", 1)
    headers = head.split('<th scope="col">')[1:]
    index = next(i for i, h in enumerate(headers) if header in h)
    row = next(r for r in body.split("<tr>") if "Kosten randvoorwaarden" in r)
    return row.split("<td>")[index].split("</td>")[0]


def test_de_netwerkkolom_toont_het_eigen_antwoord_van_het_netwerk_en_de_afwijkende_regios(
    client_for, landelijk, noord
):
    html = _page(client_for(landelijk), "comparison:side_by_side", eenheid="netwerk")
    cell = _column(html, "Noord-Nederland")
    assert "€ 1.000,00" in cell
    assert "eigen antwoord van het netwerk" in cell
    assert "Groningen:" in cell
    assert "€ 400,00" in cell
    assert "Drenthe apart" in cell
    assert "som van de regio" not in cell


def test_regios_die_verschillen_staan_elk_in_de_netwerkcel_met_de_som_van_de_kosten(
    client_for, landelijk, midden
):
    html = _page(client_for(landelijk), "comparison:side_by_side", eenheid="netwerk")
    cell = _column(html, "Midden-Nederland")
    assert "de regio&#39;s verschillen" in cell
    assert '€ 2.500,00 <span class="subtle">(som van de regio&#39;s)</span>' in cell
    assert cell.count("<li>") == 3
    assert "3 regiorapportages" in html


def test_regios_die_hetzelfde_antwoorden_geven_een_gezamenlijk_antwoord_en_bedragen_opgeteld(
    client_for, landelijk, make_report
):
    for code in ("utrecht", "gooi-en-vechtstreek", "flevoland"):
        make_report(code, answers={KOSTEN: {"choice": "ja", "figures": {"kosten": "800"}}})
    html = _page(client_for(landelijk), "comparison:side_by_side", eenheid="netwerk")
    cell = _column(html, "Midden-Nederland")
    assert "gelijk in alle regio&#39;s" in cell
    assert '€ 2.400,00 <span class="subtle">(som van de regio&#39;s)</span>' in cell
    assert "<li>" not in cell


def test_zonder_keuze_blijft_de_vergelijking_per_regio(client_for, landelijk, noord, midden):
    html = _page(client_for(landelijk), "comparison:side_by_side")
    assert "Antwoorden per regio," in html
    assert html.count('<th scope="col">') == 1 + 6
    assert "eigen antwoord van het netwerk" not in html


def test_een_netwerk_kolom_per_netwerk_in_beeld(client_for, landelijk, noord, midden, make_report):
    make_report("limburg", answers={TAFEL: {"choice": "deelnemer"}})
    html = _page(client_for(landelijk), "comparison:side_by_side", eenheid="netwerk")
    assert "Antwoorden per regionaal netwerk," in html
    assert html.count('<th scope="col">') == 1 + 3
    assert 'value="netwerk" selected' in html


def test_de_bandbreedte_per_netwerk_telt_het_netwerkcijfer_en_de_som(
    client_for, landelijk, noord, midden
):
    html = _page(client_for(landelijk), "comparison:bandwidth", eenheid="netwerk")
    assert "Netwerken (n)</th><td>2</td>" in html
    assert "2 regionale netwerken; minimum 1.000, mediaan 1.750, maximum 2.500." in html
    assert "Noord-Nederland" in html
    assert "Midden-Nederland" in html
    assert "(eigen antwoord van het netwerk)" in html
    assert '2.500 <span class="subtle network-source">(som van de regio&#39;s)</span>' in html
    assert "Utrecht" not in html.split("Kosten randvoorwaarden", 1)[1]


def test_de_csv_per_netwerk_noemt_het_netwerk_en_waar_de_waarde_vandaan_komt(
    client_for, landelijk, noord, midden
):
    response = client_for(landelijk).get(
        reverse("comparison:side_by_side"),
        {"periode": "2024", "thema": "vt-zsm", "eenheid": "netwerk", "formaat": "csv"},
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    assert "Regionaal netwerk" in header
    assert "Regio" not in header
    kosten = {r[header.index("Regionaal netwerk")]: r for r in rows[1:] if r[0] == KOSTEN}
    assert set(kosten) == {"Noord-Nederland", "Midden-Nederland"}
    midden_row = kosten["Midden-Nederland"]
    assert midden_row[header.index("Waarde van")] == "de regio's verschillen (som van de regio's)"
    assert "Utrecht: Ja" in midden_row[header.index("Per regio")]
    noord_row = kosten["Noord-Nederland"]
    assert noord_row[header.index("Waarde van")] == "eigen antwoord van het netwerk"


def test_de_bandbreedte_als_excel_volgt_de_eenheid(client_for, landelijk, noord, midden):
    from openpyxl import load_workbook

    response = client_for(landelijk).get(
        reverse("comparison:bandwidth"),
        {"periode": "2024", "thema": "vt-zsm", "eenheid": "netwerk", "formaat": "xlsx"},
    )
    assert "netwerken" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Regionaal netwerk" in values
    assert "Midden-Nederland" in values
    assert "Utrecht" not in values


def test_de_grafiek_per_netwerk_heeft_een_punt_per_netwerk(client_for, landelijk, noord, midden):
    response = client_for(landelijk).get(
        reverse("comparison:bandwidth_svg"),
        {"periode": "2024", "thema": "vt-zsm", "eenheid": "netwerk", "figuur": f"{KOSTEN}.kosten"},
    )
    svg = response.content.decode()
    assert svg.count("<circle") == 2
    assert "Midden-Nederland: 2.500" in svg


@pytest.mark.parametrize("name", ["comparison:side_by_side", "comparison:bandwidth"])
def test_netwerkrapportages_maken_de_pagina_niet_duurder(
    client_for, landelijk, noord, midden, make_report, django_assert_num_queries, name
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(landelijk)
    query = {"periode": "2024", "thema": "vt-zsm", "eenheid": "netwerk"}
    client.get(reverse(name), query)  # warm caches (session, content types)
    cache.clear()
    with CaptureQueriesContext(connection) as two:
        client.get(reverse(name), query)
    for network in ("oost-nederland", "noord-holland", "rotterdam"):
        make_report(
            "",
            network=network,
            answers={
                KOSTEN: {"choice": "ja", "figures": {"kosten": "10"}},
                TAFEL: {"choice": "deelnemer"},
            },
        )
    cache.clear()
    with django_assert_num_queries(len(two.captured_queries)):
        assert client.get(reverse(name), query).status_code == 200
