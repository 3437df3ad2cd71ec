"""Downloads, upload and the `werkset report` command, as the roles use them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from werkset.core.models import AuditAction, AuditEvent
from werkset.outputs.services import report_export
from werkset.reports.models import Answer, Report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("json", "application/json", b"{"),
    ],
)
def test_downloads_voor_wie_de_rapportage_mag_zien(
    client_for, rapporteur_friesland, report, fmt, content_type, magic
):
    response = client_for(rapporteur_friesland).get(
        reverse("outputs:download", args=[report.pk, fmt])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert f"werkset-friesland-2025-werkset-2021-v1.{fmt}" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.REPORT_EXPORTED)
    assert event.actor == rapporteur_friesland
    assert event.detail["format"] == fmt


def test_concept_downloaden_buiten_de_regio_kan_niet(
    client_for, landelijk, netwerklid_oost, report
):
    for user in (landelijk, netwerklid_oost):
        client = client_for(user)
        assert client.get(reverse("outputs:download", args=[report.pk, "pdf"])).status_code == 404
        assert client.get(reverse("outputs:print", args=[report.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_EXPORTED).exists()


def test_afdrukweergave(client_for, netwerklid_noord, report):
    response = client_for(netwerklid_noord).get(reverse("outputs:print", args=[report.pk]))
    assert response.status_code == 200
    assert '<html lang="nl"' in response.content.decode()


def test_afdrukweergave_is_standaard_het_rapport(client_for, netwerklid_noord, report):
    html = client_for(netwerklid_noord).get(reverse("outputs:print", args=[report.pk])).content
    assert b'class="rapport' in html
    assert b'id="bijlage-2"' in html


def test_afdrukweergave_als_vragenlijst(client_for, netwerklid_noord, report):
    url = reverse("outputs:print", args=[report.pk]) + "?variant=vragenlijst"
    html = client_for(netwerklid_noord).get(url).content.decode()
    assert 'class="indicator"' in html
    assert 'class="rapport' not in html


def test_onbekende_indeling_geeft_400(client_for, netwerklid_noord, report):
    client = client_for(netwerklid_noord)
    url = reverse("outputs:print", args=[report.pk]) + "?variant=boek"
    response = client.get(url)
    assert response.status_code == 400
    assert "Kies de indeling" in response.content.decode()


def test_download_van_de_vragenlijst_heeft_een_eigen_naam(client_for, rapporteur_friesland, report):
    url = reverse("outputs:download", args=[report.pk, "docx"]) + "?variant=vragenlijst"
    response = client_for(rapporteur_friesland).get(url)
    assert (
        "werkset-friesland-2025-werkset-2021-v1-vragenlijst.docx" in response["Content-Disposition"]
    )


def test_werkmap_uploaden_via_de_webpagina(client_for, rapporteur_friesland, report):
    content = report_export(report=report, fmt="xlsx", user=None).content
    response = client_for(rapporteur_friesland).post(
        reverse("outputs:upload", args=[report.pk]),
        {"workbook": _upload("friesland.xlsx", content)},
        follow=True,
    )
    assert response.status_code == 200
    assert "0 antwoord(en) gewijzigd" in response.content.decode()


def test_upload_van_iets_anders_dan_een_werkmap_wordt_geweigerd(
    client_for, rapporteur_friesland, report
):
    response = client_for(rapporteur_friesland).post(
        reverse("outputs:upload", args=[report.pk]), {"workbook": _upload("x.txt", b"hallo")}
    )
    assert response.status_code == 400
    assert "Alleen Excel-werkmappen" in response.content.decode()


def test_netwerklid_kan_geen_werkmap_uploaden(client_for, netwerklid_noord, report):
    response = client_for(netwerklid_noord).post(
        reverse("outputs:upload", args=[report.pk]), {"workbook": _upload("x.xlsx", b"PK")}
    )
    assert response.status_code == 403


def test_report_list_als_json(report):
    out = StringIO()
    call_command("report", "list", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == [
        {
            "region": "friesland",
            "network": "noord-nederland",
            "period": "2025",
            "catalogue_version": "werkset-2021",
            "status": "concept",
            "version": 1,
        }
    ]


def test_report_export_naar_bestand(report, tmp_path):
    # Word, not PDF: the command is the subject here, and the PDF takes seconds each run
    # (test_downloads_voor_wie_de_rapportage_mag_zien and test_documents.py make PDFs).
    target = tmp_path / "friesland.docx"
    call_command(
        "report",
        "export",
        "--region",
        "friesland",
        "--period",
        "2025",
        "--format",
        "docx",
        "-o",
        str(target),
        stdout=StringIO(),
    )
    assert target.read_bytes().startswith(b"PK")


def test_report_export_van_onbekende_regio(report):
    with pytest.raises(CommandError, match="Geen rapportage gevonden"):
        call_command(
            "report",
            "export",
            "--region",
            "atlantis",
            "--period",
            "2025",
            "--format",
            "pdf",
            "-o",
            "x.pdf",
        )


def test_report_import_json_naar_lege_database_en_fout_geeft_exitcode(report, tmp_path):
    archive = tmp_path / "friesland.json"
    call_command(
        "report",
        "export",
        "--region",
        "friesland",
        "--period",
        "2025",
        "--format",
        "json",
        "-o",
        str(archive),
        stdout=StringIO(),
    )
    with pytest.raises(CommandError, match="niets gewijzigd"):
        call_command("report", "import", str(archive), stdout=StringIO())
    Answer.objects.filter(report=report).delete()
    report.status_changes.all().delete()
    Report.objects.filter(pk=report.pk).delete()
    out = StringIO()
    call_command("report", "import", str(archive), stdout=out)
    assert "ingelezen" in out.getvalue()
    assert Report.objects.get().answers.count() == 114


def test_report_import_van_onbekend_bestandstype(tmp_path, db):
    path = tmp_path / "rapport.csv"
    path.write_text("a,b")
    with pytest.raises(CommandError, match=r"\.xlsx"):
        call_command("report", "import", str(path))


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
