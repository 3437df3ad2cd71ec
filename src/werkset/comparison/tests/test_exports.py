"""The comparisons as downloads for Dutch Excel, through the pages (issue 22 item 6): CSV
with a byte-order mark, `;`, Dutch headers and plain numbers; XLSX with numeric cells in
their unit's format and the period, catalogue version and date above the table."""

import csv
import io
import statistics
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from werkset.reports.models import Answer

from .conftest import FREQUENTIE, KOSTEN, kosten
from .test_views import PAGES, full_report

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

BOM = b"\xef\xbb\xbf"


def csv_rows(response) -> list[dict[str, str]]:
    assert response.content.startswith(BOM)
    text = response.content.decode("utf-8")[1:]
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def sheet_table(response, index: int = 0):
    """The meta rows (label: value) and the table's rows as dicts of cells."""
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[index]
    rows = list(sheet.iter_rows())
    meta, header_at = {}, None
    for number, row in enumerate(rows):
        if row[0].value is None:
            header_at = number + 1
            break
        meta[row[0].value] = row[1].value
    header = [cell.value for cell in rows[header_at]]
    table = [dict(zip(header, row, strict=False)) for row in rows[header_at + 1 :]]
    return meta, header, table


def dutch(value: Decimal) -> str:
    """How the page writes a number: 24.745,25 (no decimals when whole)."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",00")


def get(client, name: str, query: str, fmt: str):
    separator = "&" if query else "?"
    return client.get(reverse(name) + query + separator + f"formaat={fmt}")


def test_csv_begint_met_bom_en_heeft_puntkomma_en_nederlandse_kopjes(
    client_for, landelijk, make_report
):
    full_report(make_report, "groningen")
    response = get(client_for(landelijk), "comparison:bandwidth", "?thema=vt-zsm", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    first_line = response.content[len(BOM) :].decode().splitlines()[0]
    assert first_line == (
        "Indicator;Vraag;Veld (code);Cijfer;Eenheid;Regio;Status;Waarde;"
        "Aantal regio's;Minimum;Mediaan;Maximum"
    )


def test_csv_schrijft_cijfers_als_kale_getallen(client_for, landelijk, make_report):
    full_report(make_report, "groningen", amount="48256")
    full_report(make_report, "drenthe", amount="1234.5")
    rows = csv_rows(get(client_for(landelijk), "comparison:bandwidth", "?thema=vt-zsm", "csv"))
    kosten_rows = {r["Regio"]: r for r in rows if r["Indicator"] == KOSTEN}
    assert kosten_rows["Groningen"]["Waarde"] == "48256"
    assert kosten_rows["Drenthe"]["Waarde"] == "1234,5"
    assert kosten_rows["Drenthe"]["Mediaan"] == "24745,25"
    assert kosten_rows["Drenthe"]["Aantal regio's"] == "2"
    assert kosten_rows["Drenthe"]["Status"] == "Vastgesteld"


def test_xlsx_cellen_zijn_getallen_met_opmaak_en_het_blad_noemt_periode_en_versie(
    client_for, landelijk, make_report
):
    report = full_report(make_report, "groningen", amount="48256")
    response = get(client_for(landelijk), "comparison:bandwidth", "?thema=vt-zsm", "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    meta, header, table = sheet_table(response)
    assert meta["Periode"] == "2024"
    assert report.catalogue_version.slug in meta["Catalogusversie"]
    assert isinstance(meta["Gemaakt op"], datetime)
    assert "Mediaan" in header
    (row,) = [r for r in table if r["Indicator"].value == KOSTEN]
    assert row["Waarde"].value == 48256
    assert row["Waarde"].data_type == "n"
    assert row["Waarde"].number_format == "€ #,##0.00"
    assert row["Aantal regio's"].value == 1
    assert row["Aantal regio's"].number_format == "0"


def test_frequenties_staan_per_jaar_in_het_werkboek(client_for, landelijk, make_report):
    full_report(make_report, "groningen")
    response = get(client_for(landelijk), "comparison:bandwidth", "?thema=actieoverleg", "xlsx")
    _meta, _header, table = sheet_table(response)
    (freq,) = [r for r in table if r["Indicator"].value == FREQUENTIE]
    assert freq["Eenheid"].value == "per jaar"
    assert freq["Waarde"].value == 24  # 2 per maand
    assert freq["Waarde"].number_format == "#,##0"


def test_de_export_toont_dezelfde_getallen_als_de_pagina(client_for, landelijk, make_report):
    for code, amount in (("groningen", "1000"), ("drenthe", "4500.5"), ("friesland", "2250")):
        full_report(make_report, code, amount=amount)
    stored = [
        Decimal(str(a.figures["kosten"])) for a in Answer.objects.filter(indicator__key=KOSTEN)
    ]
    median = statistics.median(stored)
    client = client_for(landelijk)
    page = client.get(reverse("comparison:bandwidth") + "?thema=vt-zsm").content.decode()
    assert f"<td>{dutch(median)}</td>" in page
    assert f"<td>{dutch(max(stored))}</td>" in page
    rows = csv_rows(get(client, "comparison:bandwidth", "?thema=vt-zsm", "csv"))
    kosten_rows = [r for r in rows if r["Indicator"] == KOSTEN]
    assert {r["Mediaan"] for r in kosten_rows} == {str(median).replace(".", ",")}
    assert {r["Maximum"] for r in kosten_rows} == {"4500,5"}
    _meta, _header, table = sheet_table(
        get(client, "comparison:bandwidth", "?thema=vt-zsm", "xlsx")
    )
    (median_cell,) = {r["Mediaan"].value for r in table if r["Indicator"].value == KOSTEN}
    assert Decimal(str(median_cell)) == median


def test_naast_elkaar_heeft_een_kolom_per_cijfer_en_eenheid(client_for, landelijk, make_report):
    full_report(make_report, "groningen", amount="1234.5")
    rows = csv_rows(get(client_for(landelijk), "comparison:side_by_side", "?thema=vt-zsm", "csv"))
    (row,) = [r for r in rows if r["Indicator"] == KOSTEN]
    assert row["Kosten (euro)"] == "1234,5"
    assert row["Antwoord"] == "Ja"
    assert "€" not in ";".join(row.values())


def test_csv_maakt_formules_onschadelijk(client_for, landelijk, make_report):
    make_report(
        "groningen",
        answers={KOSTEN: {"choice": "ja", "explanation": "=HYPERLINK(1)", "figures": {}}},
    )
    rows = csv_rows(get(client_for(landelijk), "comparison:side_by_side", "?thema=vt-zsm", "csv"))
    (row,) = [r for r in rows if r["Indicator"] == KOSTEN]
    assert row["Toelichting"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("name", "query"), [(name, query) for name, query in PAGES if name != "comparison:index"]
)
def test_elke_vergelijking_linkt_naar_excel_en_csv(client_for, landelijk, make_report, name, query):
    full_report(make_report, "groningen")
    client = client_for(landelijk)
    page = client.get(reverse(name) + query).content.decode()
    assert "formaat=xlsx" in page
    assert "formaat=csv" in page
    assert "Downloaden als Excel" in page
    meta, header, table = sheet_table(get(client, name, query, "xlsx"))
    assert {"Periode", "Catalogusversie", "Gemaakt op"} <= set(meta)
    assert header
    assert table
    assert len(csv_rows(get(client, name, query, "csv"))) >= 1


def test_volwassenheid_in_het_nederlands_met_het_niveau_als_getal(
    client_for, landelijk, make_report
):
    full_report(make_report, "groningen")
    response = get(client_for(landelijk), "comparison:maturity", "", "xlsx")
    _meta, header, table = sheet_table(response)
    assert header[:4] == ["Regio", "Status", "Thema", "Niveau"]
    assert [r["Niveau"].value for r in table if r["Niveau"].value is not None] == [3]


def test_de_periode_als_werkboek_met_een_blad_per_vergelijking(client_for, landelijk, make_report):
    full_report(make_report, "groningen")
    response = client_for(landelijk).get(reverse("comparison:index") + "?formaat=xlsx")
    names = load_workbook(io.BytesIO(response.content)).sheetnames
    assert names == ["Naast elkaar", "Bandbreedte", "Volwassenheid", "Toetsingskader", "Knelpunten"]


def test_json_export_houdt_zijn_sleutels_en_exacte_getallen(client_for, landelijk, make_report):
    make_report("groningen", answers=kosten("1234.5"))
    response = client_for(landelijk).get(reverse("comparison:index") + "?formaat=json")
    (row,) = [r for r in response.json()["bandwidth"] if r["indicator"] == KOSTEN and r["region"]]
    assert row["value"] == "1234.5"
    assert row["median"] == "1234.5"


def test_de_grafieken_op_de_pagina_zeggen_mediaan(client_for, landelijk, make_report):
    full_report(make_report, "groningen", amount="1000")
    full_report(make_report, "drenthe", amount="3000")
    page = client_for(landelijk).get(reverse("comparison:bandwidth") + "?thema=vt-zsm")
    text = page.content.decode()
    assert ">mediaan<" in text
    assert "mediaan: 2.000" in text
    assert ">median<" not in text
    assert "median:" not in text
