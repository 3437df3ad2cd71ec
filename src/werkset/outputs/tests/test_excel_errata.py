"""The Excel template follows the fields of the corrected 2021 edition (issue 23): a
judgement per part, capacity per organisation, participation per organisation and a
frequency per activity have their columns, and are read back from the workbook."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from werkset.outputs.excel_import import report_workbook_import
from werkset.outputs.excel_writer import report_workbook
from werkset.outputs.problems import ImportRefused
from werkset.reports.models import Answer
from werkset.reports.services import report_start

pytestmark = pytest.mark.django_db

RNZS = "samenhang.waarde.rnzs"
LEREND = "samenhang.waarde.lerend-netwerk"
EXTRA = "acuut.uitvoering.extra-inzet"
AANWEZIG = "actieoverleg.uitvoering.aanwezige-partners"


@pytest.fixture
def report(rapporteur_friesland, friesland, catalogue_2021_1, open_round):
    open_round("2025", catalogue_2021_1)
    return report_start(
        region=friesland,
        period="2025",
        catalogue_version=catalogue_2021_1,
        user=rapporteur_friesland,
    )


def _set(workbook, sheet, key, header, value):
    ws = workbook[sheet]
    row = next(cell.row for cell in ws["A"] if cell.value == key)
    column = next(cell.column_letter for cell in ws[1] if cell.value == header)
    ws[f"{column}{row}"].value = value


def _bytes(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_de_nieuwe_velden_hebben_kolommen_en_worden_ingelezen(report, rapporteur_friesland):
    workbook = load_workbook(BytesIO(report_workbook(report=report)))
    for sheet, key, header, value in [
        ("Samenhang", RNZS, "Antwoord", "Deels"),
        ("Samenhang", RNZS, "Er is een kartrekker", "Nee"),
        ("Samenhang", RNZS, "Voldoende aandacht voor dit thema in het RNZS", "Ja"),
        ("Samenhang", LEREND, "Activiteiten", "Gezamenlijke casusreviews"),
        ("Samenhang", LEREND, "Hoe vaak gezamenlijke casusreviews: aantal", 4),
        ("Samenhang", LEREND, "Hoe vaak gezamenlijke casusreviews: per", "jaar"),
        ("Samen op in Acuut", EXTRA, "Antwoord", "Ja"),
        ("Samen op in Acuut", EXTRA, "Waarvan politie (uren per jaar)", "120"),
        ("Actie-overleg", AANWEZIG, "Antwoord", "Deels"),
        ("Actie-overleg", AANWEZIG, "Deelname politie", "Op afroep"),
    ]:
        _set(workbook, sheet, key, header, value)

    result = report_workbook_import(data=_bytes(workbook), user=rapporteur_friesland)

    assert result.changed == 4
    figures = {
        a.indicator.key: a.figures
        for a in Answer.objects.filter(report=report).select_related("indicator")
    }
    assert figures[RNZS] == {"aandacht": "ja", "kartrekker": "nee"}
    assert figures[LEREND] == {
        "activiteiten": ["casusreviews"],
        "frequentie_casusreviews": {"aantal": 4, "per": "jaar"},
    }
    assert figures[EXTRA] == {"uren_politie": "120.0"}
    assert figures[AANWEZIG] == {"deelname_politie": "afroep"}


def test_een_onbekende_deelname_in_de_werkmap_wordt_gemeld(report, rapporteur_friesland):
    workbook = load_workbook(BytesIO(report_workbook(report=report)))
    _set(workbook, "Actie-overleg", AANWEZIG, "Antwoord", "Ja")
    _set(workbook, "Actie-overleg", AANWEZIG, "Deelname politie", "soms")
    with pytest.raises(ImportRefused) as refused:
        report_workbook_import(data=_bytes(workbook), user=rapporteur_friesland)
    assert "Deelname politie" in str([p.message for p in refused.value.problems])
    assert Answer.objects.get(report=report, indicator__key=AANWEZIG).figures == {}
