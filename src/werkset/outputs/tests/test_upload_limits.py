"""Uploads that would exhaust the server are refused before parsing (issue 17, finding 4)."""

import json
import os
import time
import zipfile
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from werkset.outputs.archive_format import archive_load
from werkset.outputs.excel_import import report_workbook_import
from werkset.outputs.problems import ImportProblem, ImportRefused, problems_listed
from werkset.outputs.services import report_export
from werkset.outputs.upload_limits import (
    MAX_SHEET_ROWS,
    MAX_WORKBOOK_CELLS,
    MAX_WORKBOOK_ELEMENTS,
)
from werkset.reports.models import Answer, AnswerChange

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _workbook(report) -> bytes:
    return report_export(report=report, fmt="xlsx", user=None).content


def _with_entry(data: bytes, name: str, content: bytes, *, stored: bool = False) -> bytes:
    """The workbook with one more part (werkset never reads it, so only the limits see it)."""
    buffer = BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(
            name, content, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        )
    return buffer.getvalue()


def _state(report) -> tuple[list[tuple], int]:
    answers = list(
        Answer.objects.filter(report=report)
        .order_by("pk")
        .values_list("choice", "explanation", "figures", "revision")
    )
    return answers, AnswerChange.objects.filter(answer__report=report).count()


def _refused_with(data: bytes, report, text: str) -> None:
    before = _state(report)
    with pytest.raises(ImportRefused) as refused:
        report_workbook_import(data=data, user=None, report=report)
    assert text in str(refused.value)
    assert _state(report) == before


def _upload(client, report, data: bytes):
    return client.post(
        reverse("outputs:upload", args=[report.pk]),
        {"workbook": SimpleUploadedFile("werkmap.xlsx", data)},
    )


def test_een_werkmap_net_boven_de_uploadgrens_wordt_geweigerd_via_de_webpagina(
    client_for, rapporteur_friesland, report, settings
):
    settings.WERKSET_UPLOAD_MAX_MB = 1
    data = _with_entry(_workbook(report), "xl/media/foto.bin", os.urandom(MB), stored=True)
    assert MB < len(data) < 2 * MB
    before = _state(report)

    response = _upload(client_for(rapporteur_friesland), report, data)

    assert response.status_code == 400
    assert "hoogstens 1 MB" in response.content.decode()
    assert _state(report) == before


def test_een_werkmap_op_de_uploadgrens_wordt_nog_gelezen(report, settings):
    settings.WERKSET_UPLOAD_MAX_MB = 1
    data = _workbook(report)
    data = _with_entry(data, "xl/media/foto.bin", os.urandom(MB - len(data) - 2000), stored=True)
    assert len(data) <= MB

    assert report_workbook_import(data=data, user=None, report=report).changed == 0


def test_een_werkmap_die_uitgepakt_te_groot_is_wordt_geweigerd(report, settings):
    settings.WERKSET_UPLOAD_MAX_UNZIPPED_MB = 1
    # Random hexadecimal text packs about two to one: no bomb, only too large unpacked.
    data = _with_entry(_workbook(report), "xl/media/tekst.txt", os.urandom(MB // 2).hex().encode())
    assert len(data) < MB

    _refused_with(data, report, "meer dan 1 MB")


def test_een_zip_bom_wordt_geweigerd_zonder_uitpakken(report):
    """A small file that declares far more than the limit unpacked: refused from the
    table of contents, quickly."""
    buffer = BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(200):
            part.write(b"\0" * MB)
    data = buffer.getvalue()
    assert len(data) < MB

    started = time.perf_counter()
    _refused_with(data, report, "meer dan 50 MB")
    assert time.perf_counter() - started < 10  # refused unread; parsing took minutes


def test_een_deel_dat_verdacht_goed_inpakt_wordt_geweigerd(report):
    data = _with_entry(_workbook(report), "xl/media/nullen.bin", b"\0" * (5 * MB))

    _refused_with(data, report, "meer dan 100 keer")


def test_een_werkmap_met_een_enorm_blad_wordt_snel_geweigerd(report):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Samenhang")
    for row in range(MAX_SHEET_ROWS + 100):
        sheet.append([f"r{row}c{column}" for column in range(20)])
    buffer = BytesIO()
    workbook.save(buffer)

    started = time.perf_counter()
    _refused_with(buffer.getvalue(), report, f"meer dan {MAX_SHEET_ROWS} rijen")
    assert time.perf_counter() - started < 10  # refused unread; parsing took minutes


def test_te_veel_cellen_worden_geteld_ook_als_het_blad_een_kleinere_omvang_opgeeft(report):
    """The sheet's own <dimension> claims A1; counting while streaming stops all the same."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Samenhang")
    columns = 80
    for row in range(MAX_WORKBOOK_CELLS // columns + 10):
        sheet.append([row * columns + column for column in range(columns)])
    buffer = BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = parts[part].replace(b"<sheetData>", b'<dimension ref="A1"/><sheetData>', 1)
    forged = BytesIO()
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    assert load_workbook(BytesIO(forged.getvalue()), read_only=True).active.max_row in (1, None)

    started = time.perf_counter()
    _refused_with(forged.getvalue(), report, "meer dan 50.000 cellen")
    assert time.perf_counter() - started < 10  # refused unread; parsing took minutes


def test_een_upload_met_veel_lange_foute_cellen_geeft_een_korte_foutpagina(
    client_for, rapporteur_friesland, report
):
    workbook = load_workbook(BytesIO(_workbook(report)))
    long_text = "Geen sleutel maar een heel lang verhaal. " * 500  # 20,000 characters
    for title in workbook.sheetnames:
        sheet = workbook[title]
        if sheet.sheet_state != "visible" or sheet["A1"].value is None or title == "Toelichting":
            continue
        for row in range(2, sheet.max_row + 1):
            sheet[f"A{row}"] = long_text + str(row)
    buffer = BytesIO()
    workbook.save(buffer)
    before = _state(report)

    response = _upload(client_for(rapporteur_friesland), report, buffer.getvalue())

    page = response.content.decode()
    assert response.status_code == 400
    assert len(response.content) < 100_000
    assert "Geen sleutel maar een heel lang verhaal." in page  # quoted, but cut off
    assert "…" in page
    assert "en nog " in page
    assert _state(report) == before


def test_een_lijst_problemen_telt_wat_niet_getoond_wordt():
    problems = [ImportProblem("Blad", f"A{row}", "x" * 10_000) for row in range(1, 121)]

    lines = problems_listed(problems)

    assert len(lines) == 51
    assert lines[-1] == "en nog 70 problemen"
    assert all(len(line) <= 300 for line in lines)


def test_een_te_groot_archief_wordt_niet_gelezen(settings):
    settings.WERKSET_ARCHIVE_MAX_MB = 1
    document = json.dumps({"format": "werkset-rapport", "vulling": "x" * MB}).encode()

    with pytest.raises(ImportRefused, match="hoogstens 1 MB"):
        archive_load(document)


def test_de_opdrachtregel_weigert_een_te_grote_werkmap_voor_het_lezen(report, tmp_path, settings):
    settings.WERKSET_UPLOAD_MAX_MB = 1
    path = tmp_path / "groot.xlsx"
    path.write_bytes(os.urandom(MB + 1))

    with pytest.raises(CommandError, match="hoogstens 1 MB"):
        call_command("report", "import", str(path), stdout=StringIO(), stderr=StringIO())


def _sheet_renamed(data: bytes, part: str, new_name: str) -> bytes:
    """The workbook with one sheet's part stored under another name, its relation and
    content type pointing there: openpyxl reads it just the same."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    old_path, new_path = part.removeprefix("xl/").encode(), new_name.removeprefix("xl/").encode()
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        assert old_path in parts[name]
        parts[name] = parts[name].replace(old_path, new_path)
    parts[new_name] = parts.pop(part)
    renamed = BytesIO()
    with zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return renamed.getvalue()


def _long_sheet(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Samenhang")
    for row in range(rows):
        sheet.append([f"r{row}", "x"])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_een_enorm_blad_onder_een_andere_naam_dan_xml_wordt_via_de_webpagina_geweigerd(
    client_for, rapporteur_friesland, report
):
    """The row count covered only parts named .xml, but openpyxl reads whatever the
    workbook's relations name: a 100,000-row sheet as sheet1.bin took 12 s to parse."""
    data = _sheet_renamed(
        _long_sheet(MAX_SHEET_ROWS + 100), "xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.bin"
    )
    hidden = load_workbook(BytesIO(data), read_only=True)["Samenhang"]
    assert sum(1 for _ in hidden.iter_rows()) == MAX_SHEET_ROWS + 100  # openpyxl reads it
    before = _state(report)

    response = _upload(client_for(rapporteur_friesland), report, data)

    assert response.status_code == 400
    assert f"meer dan {MAX_SHEET_ROWS} rijen" in response.content.decode()
    assert _state(report) == before


def test_een_werkmap_met_plaatje_opmerking_en_printerinstellingen_wordt_nog_gelezen(report):
    """Parts that are not XML (a picture, printer settings) and a comment's VML drawing do
    not stop a workbook now that every part is read, whatever its name."""
    from openpyxl.comments import Comment
    from openpyxl.drawing.image import Image
    from PIL import Image as PillowImage

    workbook = load_workbook(BytesIO(_workbook(report)))
    sheet = workbook[workbook.sheetnames[1]]
    sheet["A1"].comment = Comment("Een opmerking van de rapporteur.", "Rapporteur")
    picture = BytesIO()
    PillowImage.new("RGB", (40, 20), "red").save(picture, format="PNG")
    sheet.add_image(Image(picture), "Z1")
    buffer = BytesIO()
    workbook.save(buffer)
    data = _with_entry(
        buffer.getvalue(),
        "xl/printerSettings/printerSettings1.bin",
        "Microsoft Print to PDF".encode("utf-16-le").ljust(1200, b"\0") + os.urandom(400),
    )
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = archive.namelist()
    assert any(name.endswith(".png") for name in names)
    assert any(name.endswith(".vml") for name in names)

    assert report_workbook_import(data=data, user=None, report=report).changed == 0


def test_een_enorme_lijst_gedeelde_teksten_wordt_via_de_webpagina_geweigerd(
    client_for, rapporteur_friesland, report
):
    """openpyxl builds the shared strings whole before any sheet: 900,000 of them in a
    5 MB file took 12 s, without a single cell for the cell count to see."""
    strings = MAX_WORKBOOK_ELEMENTS // 2 + 1000  # each <si> holds a <t>
    with zipfile.ZipFile(BytesIO(_workbook(report))) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>%d</t></si>" % number for number in range(strings))
        + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    forged = BytesIO()
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    before = _state(report)

    response = _upload(client_for(rapporteur_friesland), report, forged.getvalue())

    assert response.status_code == 400
    assert f"{MAX_WORKBOOK_ELEMENTS:,}".replace(",", ".") in response.content.decode()
    assert _state(report) == before
