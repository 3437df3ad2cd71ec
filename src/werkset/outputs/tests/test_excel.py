"""The Excel round trip: download a report as a workbook, fill it in, read it back."""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from werkset.accounts.models import Role, User
from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2021, regions_create
from werkset.demo.services import demo_reports_create, demo_users_create
from werkset.outputs.excel_import import report_workbook_import
from werkset.outputs.excel_writer import report_workbook
from werkset.outputs.problems import ImportProblem, ImportRefused
from werkset.reports.answers import AnswerContent, content_of
from werkset.reports.models import Answer, AnswerChange, ChangeSource, Report
from werkset.reports.services import answer_save, report_start
from werkset.rounds.testing import round_opened

pytestmark = pytest.mark.django_db

THEME_SHEETS = [
    "Samenhang",
    "Samen op in Acuut",
    "Actie-overleg",
    "VT & ZSM",
    "Strafbare kindermishandeling",
]


@dataclass(frozen=True)
class World:
    """Primary keys of what the module's tests share."""

    catalogue: int
    demo: tuple[int, int]
    complete: int


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module (about a second: the demo reports go through the services);
    each test's changes are rolled back after it."""
    with module_db():
        regions_create()
        catalogue = catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        demo_users_create(password="demo-wachtwoord-voor-tests")
        finalised, discussed = demo_reports_create()
        complete = _complete_report_create(finalised, catalogue.version)
    return World(
        catalogue=catalogue.version.pk, demo=(finalised.pk, discussed.pk), complete=complete.pk
    )


@pytest.fixture
def regions(world: World, db: None) -> None:
    """The regions are the module's (`world`)."""


@pytest.fixture
def catalogue_2021(world: World, db: None) -> CatalogueVersion:
    return CatalogueVersion.objects.get(pk=world.catalogue)


@pytest.fixture
def demo(world: World, db: None) -> list[Report]:
    """The demo's Friesland reports: 2024 complete and finalised, 2025 under discussion."""
    return [Report.objects.get(pk=pk) for pk in world.demo]


@pytest.fixture
def rapporteur(demo):
    return User.objects.get(username="rapporteur")


@pytest.fixture
def complete_report(world: World, db: None) -> Report:
    return Report.objects.get(pk=world.complete)


def _complete_report_create(start_from: Report, catalogue: CatalogueVersion) -> Report:
    """A complete concept report (2026, every answer carried over from 2024), with a
    perspective, so the round trip has every kind of cell to carry."""
    rapporteur = User.objects.get(username="rapporteur")
    round_opened(period="2026", catalogue_version=catalogue)
    report = report_start(
        region=start_from.region,
        period="2026",
        catalogue_version=catalogue,
        user=rapporteur,
        start_from=start_from,
    )
    answer = report.answers.get(indicator__key=_key("actieoverleg", "oordeel_kosten_uren"))
    content = content_of(answer)
    answer_save(
        answer=answer,
        content=AnswerContent(
            choice=content.choice,
            explanation=content.explanation,
            figures=content.figures,
            perspectives={"vt": "Vanuit Veilig Thuis: = meer voorbereiding (fictief)."},
        ),
        base_revision=answer.revision,
        user=rapporteur,
    )
    return report


def _key(theme: str, answer_type: str, index: int = 0) -> str:
    return (
        Indicator.objects.filter(theme__key=theme, answer_type__key=answer_type)
        .order_by("position")
        .values_list("key", flat=True)[index]
    )


def _open(data: bytes):
    return load_workbook(BytesIO(data))


def _bytes(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(sheet, key: str) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == key)


def _col(sheet, header: str) -> str:
    return next(cell.column_letter for cell in sheet[1] if cell.value == header)


def _cell(workbook, sheet: str, key: str, header: str):
    ws = workbook[sheet]
    return ws[f"{_col(ws, header)}{_row(ws, key)}"]


def _snapshot(report: Report) -> tuple[list[tuple], int]:
    answers = [
        (a.pk, a.choice, a.explanation, a.figures, a.perspectives, a.revision, a.updated_at)
        for a in Answer.objects.filter(report=report).order_by("pk")
    ]
    return answers, AnswerChange.objects.filter(answer__report=report).count()


def _answer(report: Report, key: str) -> Answer:
    return Answer.objects.get(report=report, indicator__key=key)


def test_de_werkmap_heeft_toelichting_themabladen_en_een_verborgen_gegevensblad(
    complete_report,
):
    workbook = _open(report_workbook(report=complete_report))

    assert workbook.sheetnames == ["Toelichting", *THEME_SHEETS, "_werkset"]
    assert workbook["_werkset"].sheet_state == "veryHidden"
    assert "Zo vult u deze werkmap in" in [c.value for c in workbook["Toelichting"]["A"]]
    sheet = workbook["Actie-overleg"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["Sleutel (niet wijzigen)", "Element", "Label", "Vraag", "Antwoord"]
    assert {"Frequentie: aantal", "Frequentie: per", "Toelichting"} <= set(headers)
    assert "Perspectief Veilig Thuis" in headers
    assert sheet.column_dimensions["A"].hidden
    assert sheet.protection.sheet
    assert not sheet.protection.password

    key = _key("actieoverleg", "oordeel_kosten_uren")
    row = _row(sheet, key)
    assert sheet[f"D{row}"].protection.locked
    assert sheet[f"D{row}"].alignment.wrap_text
    assert not sheet[f"E{row}"].protection.locked
    costs = sheet[f"{_col(sheet, 'Kosten (euro (totaal))')}{row}"]
    hours = sheet[f"{_col(sheet, 'Ureninzet (uren (totaal))')}{row}"]
    assert costs.number_format == "€ #,##0.00"
    assert hours.number_format == "#,##0.0"
    grey = sheet[f"{_col(sheet, 'Frequentie: aantal')}{row}"]
    assert grey.protection.locked
    assert grey.fill.fgColor.rgb.endswith("BFBFBF")

    validations = {
        str(v.sqref): v for v in sheet.data_validations.dataValidation if v.type == "list"
    }
    answer_list = next(v for ref, v in validations.items() if f"E{row}" in ref.split())
    hidden = workbook["_werkset"]
    column = answer_list.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    labels = [c.value for c in hidden[column] if c.value]
    assert labels == ["Ja", "Deels", "Nee", "Onbekend", "N.v.t."]
    per_row = _row(sheet, _key("actieoverleg", "frequentie"))
    per_cell = f"{_col(sheet, 'Frequentie: per')}{per_row}"
    per_list = next(v for ref, v in validations.items() if per_cell in ref.split())
    per_column = per_list.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    assert [c.value for c in hidden[per_column] if c.value] == ["week", "maand", "kwartaal", "jaar"]


def test_de_werkmap_is_gevuld_met_de_huidige_antwoorden(complete_report):
    workbook = _open(report_workbook(report=complete_report))
    key = _key("actieoverleg", "oordeel_kosten_uren")
    answer = _answer(complete_report, key)

    assert _cell(workbook, "Actie-overleg", key, "Toelichting").value == answer.explanation
    assert (
        _cell(workbook, "Actie-overleg", key, "Perspectief Veilig Thuis").value
        == (answer.perspectives["vt"])
    )
    if "kosten" in answer.figures:
        cell = _cell(workbook, "Actie-overleg", key, "Kosten (euro (totaal))")
        assert Decimal(str(cell.value)) == Decimal(answer.figures["kosten"])


def test_een_ongewijzigde_werkmap_inlezen_verandert_niets(complete_report, rapporteur):
    before = _snapshot(complete_report)

    result = report_workbook_import(
        data=report_workbook(report=complete_report), user=rapporteur, report=complete_report
    )

    assert (result.changed, result.unchanged, result.warnings) == (0, 114, [])
    assert _snapshot(complete_report) == before


def test_gewijzigde_cellen_worden_antwoorden_met_geschiedenis_als_import(
    complete_report, rapporteur
):
    workbook = _open(report_workbook(report=complete_report))
    costs_key = _key("acuut", "oordeel_kosten_uren")
    capacity_key = _key("vt-zsm", "oordeel_capaciteit")
    frequency_key = _key("actieoverleg", "frequentie")
    choice_key = _key("samenhang", "oordeel")
    edits = {
        ("Samen op in Acuut", costs_key, "Antwoord"): "deels",
        ("Samen op in Acuut", costs_key, "Kosten (euro (totaal))"): "€ 1.234,50",
        ("Samen op in Acuut", costs_key, "Ureninzet (uren (totaal))"): 12.5,
        ("Samen op in Acuut", costs_key, "Toelichting"): "Gewijzigd in Excel.\nTweede regel.",
        ("VT & ZSM", capacity_key, "Antwoord"): "Ja",
        ("VT & ZSM", capacity_key, "Van welke organisaties"): "politie, Veilig Thuis",
        ("VT & ZSM", capacity_key, "Inzet / Capaciteit (uren per jaar)"): "1.500",
        ("Actie-overleg", frequency_key, "Antwoord"): None,
        ("Actie-overleg", frequency_key, "Frequentie: aantal"): 2,
        ("Actie-overleg", frequency_key, "Frequentie: per"): "maand",
        ("Samenhang", choice_key, "Antwoord"): "N.v.t.",
        ("Samenhang", choice_key, "Perspectief Politie"): "De politie ziet het anders.",
    }
    for (sheet, key, header), value in edits.items():
        _cell(workbook, sheet, key, header).value = value

    result = report_workbook_import(data=_bytes(workbook), user=rapporteur)

    assert (result.changed, result.unchanged) == (4, 110)
    costs = _answer(complete_report, costs_key)
    assert costs.choice == "deels"
    assert costs.figures["kosten"] == "1234.50"
    assert costs.figures["uren"] == "12.5"
    assert costs.explanation == "Gewijzigd in Excel.\nTweede regel."
    capacity = _answer(complete_report, capacity_key)
    assert (capacity.choice, capacity.figures["uren_per_jaar"]) == ("ja", "1500.0")
    assert capacity.figures["organisaties"] == ["vt", "politie"]
    frequency = _answer(complete_report, frequency_key)
    assert frequency.figures == {"frequentie": {"aantal": 2, "per": "maand"}}
    choice = _answer(complete_report, choice_key)
    assert (choice.choice, choice.perspectives) == (
        "nvt",
        {"politie": "De politie ziet het anders."},
    )
    last = costs.changes.order_by("-revision").first()
    assert (last.source, last.changed_by, last.after["choice"]) == (
        ChangeSource.IMPORT,
        rapporteur,
        "deels",
    )
    assert not costs.carried_over


def test_tien_fouten_verspreid_over_de_bladen_worden_alle_gemeld_en_er_verandert_niets(
    complete_report, rapporteur
):
    workbook = _open(report_workbook(report=complete_report))
    keys = {
        "choice": _key("samenhang", "oordeel"),
        "euro": _key("acuut", "oordeel_kosten_uren"),
        "hidden": _key("acuut", "oordeel_kosten_uren", 1),
        "hours": _key("actieoverleg", "oordeel_kosten_uren"),
        "per": _key("actieoverleg", "frequentie"),
        "count": _key("ssk", "aantal_per_jaar"),
        "option": _key("vt-zsm", "oordeel_capaciteit"),
        "required": _key("vt-zsm", "capaciteit"),
    }

    def put(sheet, key, header, value):
        cell = _cell(workbook, sheet, key, header)
        cell.value = value
        return f"{sheet}!{cell.coordinate}"

    expected = {
        put("Samenhang", keys["choice"], "Antwoord", "Misschien"): "Kies een van de antwoorden.",
        put("Samen op in Acuut", keys["euro"], "Kosten (euro (totaal))", "veel geld"): (
            "Kosten: Vul een getal in"
        ),
        put("Actie-overleg", keys["hours"], "Ureninzet (uren (totaal))", -5): (
            "Ureninzet: Vul een getal van nul of meer in."
        ),
        put("Strafbare kindermishandeling", keys["count"], "Aantal (per jaar)", 12.5): (
            "Aantal: Vul een geheel getal"
        ),
        put("Actie-overleg", keys["per"], "Frequentie: per", "dag"): (
            "Kies per week, maand, kwartaal of jaar."
        ),
        put("VT & ZSM", keys["option"], "Van welke organisaties", "Veilig Thuis, Brandweer"): (
            "Onbekende keuze: Brandweer"
        ),
        put("Samen op in Acuut", keys["hidden"], "Sleutel (niet wijzigen)", "acuut.x.verzonnen"): (
            'Onbekende sleutel "acuut.x.verzonnen"'
        ),
        put("VT & ZSM", keys["required"], "Inzet / Capaciteit (uren per jaar)", None): (
            "is verplicht bij dit antwoord"
        ),
    }
    for sheet, key, header, value in [
        ("Samen op in Acuut", keys["euro"], "Antwoord", "Ja"),
        ("Actie-overleg", keys["hours"], "Antwoord", "Ja"),
        ("Strafbare kindermishandeling", keys["count"], "Antwoord", None),
        ("Actie-overleg", keys["per"], "Antwoord", None),
        ("Actie-overleg", keys["per"], "Frequentie: aantal", 2),
        ("VT & ZSM", keys["option"], "Antwoord", "Ja"),
        ("VT & ZSM", keys["required"], "Antwoord", None),
        ("VT & ZSM", keys["required"], "Toelichting", "Geen uren bekend, wel een toelichting."),
    ]:
        _cell(workbook, sheet, key, header).value = value
    vt_zsm = workbook["VT & ZSM"]
    extra = vt_zsm.cell(row=1, column=vt_zsm.max_column + 1, value="Opmerkingen")
    expected[f"VT & ZSM!{extra.coordinate}"] = 'Onbekende kolom "Opmerkingen"'
    workbook.create_sheet("Notities")["A1"] = "Eigen aantekeningen"
    before = _snapshot(complete_report)

    with pytest.raises(ImportRefused) as refused:
        report_workbook_import(data=_bytes(workbook), user=rapporteur, report=complete_report)

    described = [p.describe() for p in refused.value.problems]
    for place, message in expected.items():
        assert any(d.startswith(place) and message in d for d in described), (
            place,
            "\n".join(described),
        )
    assert any(d.startswith("Notities (waarschuwing): Onbekend tabblad") for d in described)
    missing = "Samen op in Acuut: De rij van de vraag"
    assert any(d.startswith(missing) and keys["hidden"] in d for d in described)
    assert len(refused.value.errors) == 9
    assert len(refused.value.warnings) == 2
    assert _snapshot(complete_report) == before


def test_de_fout_staat_in_het_afgesproken_formaat():
    problem = ImportProblem("Actie-overleg", "F12", "Kies een van de antwoorden.")
    assert problem.describe() == "Actie-overleg!F12: Kies een van de antwoorden."


def test_onbekende_kolommen_en_bladen_zijn_waarschuwingen_de_rest_wordt_ingelezen(
    complete_report, rapporteur
):
    workbook = _open(report_workbook(report=complete_report))
    key = _key("samenhang", "oordeel")
    _cell(workbook, "Samenhang", key, "Toelichting").value = "Nieuwe toelichting."
    sheet = workbook["Samenhang"]
    sheet.cell(row=1, column=sheet.max_column + 1, value="Eigen kolom")
    workbook.create_sheet("Notities")

    result = report_workbook_import(data=_bytes(workbook), user=rapporteur)

    assert result.changed == 1
    assert [p.sheet for p in result.warnings] == ["Samenhang", "Notities"]
    assert _answer(complete_report, key).explanation == "Nieuwe toelichting."


def test_cijfers_bij_een_antwoord_dat_ze_niet_vraagt_worden_gemeld(complete_report, rapporteur):
    workbook = _open(report_workbook(report=complete_report))
    key = _key("samenhang", "oordeel_kosten_uren")
    _cell(workbook, "Samenhang", key, "Antwoord").value = "Nee"
    _cell(workbook, "Samenhang", key, "Kosten (euro (totaal))").value = 500
    _cell(workbook, "Samenhang", key, "Ureninzet (uren (totaal))").value = None

    result = report_workbook_import(data=_bytes(workbook), user=rapporteur)

    assert [p.message for p in result.warnings] == [
        "Kosten wordt bij het antwoord Nee niet opgeslagen."
    ]
    assert _answer(complete_report, key).figures == {}


def test_een_werkmap_van_een_andere_regio_wordt_geweigerd(
    complete_report, rapporteur, make_user, utrecht, catalogue_2021
):
    other_rapporteur = make_user(Role.RAPPORTEUR, region=utrecht)
    other = report_start(
        region=utrecht, period="2026", catalogue_version=catalogue_2021, user=other_rapporteur
    )
    data = report_workbook(report=other)

    with pytest.raises(ImportRefused) as refused:
        report_workbook_import(data=data, user=rapporteur, report=complete_report)
    assert "hoort bij een andere rapportage (Utrecht, 2026 (versie 1))" in str(refused.value)
    with pytest.raises(PermissionDenied):
        report_workbook_import(data=data, user=rapporteur)
    assert not AnswerChange.objects.filter(source=ChangeSource.IMPORT).exists()


def test_een_werkmap_van_een_andere_catalogusversie_wordt_geweigerd(complete_report, rapporteur):
    workbook = _open(report_workbook(report=complete_report))
    hidden = workbook["_werkset"]
    next(row for row in hidden.iter_rows() if row[0].value == "catalogue")[1].value = "werkset-2030"

    with pytest.raises(ImportRefused) as refused:
        report_workbook_import(data=_bytes(workbook), user=rapporteur, report=complete_report)
    assert refused.value.problems[0].message == (
        "Deze werkmap is gemaakt met catalogusversie werkset-2030; deze rapportage gebruikt "
        "werkset-2021."
    )
    with pytest.raises(ImportRefused, match="werkset-2030, die hier niet geladen is"):
        report_workbook_import(data=_bytes(workbook), user=None)


def test_een_vastgestelde_rapportage_wordt_niet_gewijzigd(demo, rapporteur):
    finalised = demo[0]
    workbook = _open(report_workbook(report=finalised))
    _cell(workbook, "Samenhang", _key("samenhang", "oordeel"), "Antwoord").value = "N.v.t."
    before = _snapshot(finalised)

    with pytest.raises(ImportRefused, match="is vastgesteld en verandert niet meer"):
        report_workbook_import(data=_bytes(workbook), user=None)
    assert _snapshot(finalised) == before


def test_een_wijziging_in_werkset_na_het_downloaden_wordt_niet_overschreven(
    complete_report, rapporteur
):
    data = report_workbook(report=complete_report)
    key = _key("samenhang", "oordeel")
    answer = _answer(complete_report, key)
    answer_save(
        answer=answer,
        content=AnswerContent(choice="nee", explanation="Intussen in werkset gewijzigd."),
        base_revision=answer.revision,
        user=rapporteur,
    )

    with pytest.raises(ImportRefused) as refused:
        report_workbook_import(data=data, user=rapporteur)

    [problem] = refused.value.problems
    assert problem.sheet == "Samenhang"
    assert "na het downloaden" in problem.message or "gedownload" in problem.message
    assert _answer(complete_report, key).explanation == "Intussen in werkset gewijzigd."


def test_een_ander_bestand_dan_een_werkmap_wordt_geweigerd(db):
    with pytest.raises(ImportRefused, match="geen Excel-werkmap"):
        report_workbook_import(data=b"dit is geen werkmap", user=None)


def test_een_volledige_werkmap_met_alle_antwoorden_gewijzigd_inlezen(complete_report, rapporteur):
    """Every answer changed in Excel comes back; how fast is measured by `make bench`."""
    workbook = _open(report_workbook(report=complete_report))
    for title in THEME_SHEETS:
        sheet = workbook[title]
        column = _col(sheet, "Toelichting")
        for row in range(2, sheet.max_row + 1):
            cell = sheet[f"{column}{row}"]
            cell.value = f"{cell.value or ''} Bijgewerkt in Excel."
    data = _bytes(workbook)

    result = report_workbook_import(data=data, user=rapporteur, report=complete_report)

    assert result.changed == 114
