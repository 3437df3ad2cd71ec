"""Regressions found in review: archive scope, damaged workbooks, control characters."""

import io
import zipfile

import pytest
from django.urls import reverse

from werkset.outputs.excel_import import report_workbook_import
from werkset.outputs.problems import ImportRefused
from werkset.outputs.services import report_export
from werkset.outputs.word import report_docx
from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer
from werkset.reports.services import answer_save
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def test_json_archief_alleen_voor_de_eigen_regio(
    client_for, report, rapporteur_friesland, landelijk
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    url = reverse("outputs:download", args=[report.pk, "json"])
    assert client_for(rapporteur_friesland).get(url).status_code == 200
    assert client_for(landelijk).get(url).status_code == 403
    # The finalised report itself they may download (Word: made in a fraction of a PDF's time).
    assert (
        client_for(landelijk).get(reverse("outputs:download", args=[report.pk, "docx"])).status_code
        == 200
    )


@pytest.mark.parametrize("member", ["xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml"])
def test_beschadigde_werkmap_wordt_netjes_geweigerd(report, member):
    original = zipfile.ZipFile(
        io.BytesIO(report_export(report=report, fmt="xlsx", user=None).content)
    )
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for name in original.namelist():
            target.writestr(name, b"<kapot" if name == member else original.read(name))
    with pytest.raises(ImportRefused) as caught:
        report_workbook_import(data=damaged.getvalue(), user=None, report=report)
    assert "Excel-werkmap" in caught.value.problems[0].describe()


def test_word_met_stuurtekens_uit_geplakte_tekst(report, rapporteur_friesland):
    answer = Answer.objects.get(
        report=report, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )
    answer_save(
        answer=answer,
        content=AnswerContent(choice="ja", explanation="Uit Word\x0bgeplakt\x07."),
        base_revision=0,
        user=rapporteur_friesland,
    )
    content = report_docx(report=report)
    assert content.startswith(b"PK")
    document = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "Uit Wordgeplakt." in document


def test_werkmap_met_persoonsgegevens_geeft_een_waarschuwing_met_cel(report):
    from openpyxl import load_workbook

    workbook = load_workbook(
        io.BytesIO(report_export(report=report, fmt="xlsx", user=None).content)
    )
    sheet = workbook["Samen op in Acuut"]
    headers = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(2, headers["Antwoord"]).value = "Ja"
    sheet.cell(2, headers["Toelichting"]).value = "Contact via 06-12345678."
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = report_workbook_import(data=buffer.getvalue(), user=None, report=report)
    assert result.changed == 1
    [warning] = [w for w in result.warnings if "telefoonnummer" in w.describe()]
    assert warning.describe().startswith("Samen op in Acuut!")


@pytest.mark.django_db(transaction=True)
def test_json_archief_in_een_echt_lege_database_is_verliesvrij(regions, catalogue_2021):
    from pathlib import Path

    from django.conf import settings
    from django.core.management import call_command

    from werkset.accounts.models import User
    from werkset.catalogue.services import catalogue_version_publish
    from werkset.catalogue.validation import read_catalogue_file
    from werkset.demo.services import demo_reports_create, demo_users_create
    from werkset.outputs.archive_export import report_json
    from werkset.outputs.archive_import import report_json_import
    from werkset.privacy.models import PrivacyClearance
    from werkset.regions.services import regions_load
    from werkset.reports.models import Report

    demo_users_create(password="demo-wachtwoord-voor-test")
    finalised, _discussed = demo_reports_create()
    PrivacyClearance.objects.create(
        report=finalised,
        kind="naam",
        text="Sophie",
        reason="Fictief",
        cleared_by=finalised.created_by,
        cleared_by_name="rapporteur",
    )
    exported = report_json(report=Report.objects.get(pk=finalised.pk))
    assert exported["privacy_clearances"][0]["reason"] == "Fictief"

    call_command("flush", interactive=False, verbosity=0)
    regions_load(path=Path(settings.WERKSET_REGIONS_FILE))
    catalogue_version_publish(
        document=read_catalogue_file(Path(settings.WERKSET_CATALOGUE_DIR) / "werkset-2021.yaml")
    )
    assert not User.objects.exists()

    imported = report_json_import(data=exported, user=None, keep_status=True, map_users=True)
    assert report_json(report=imported) == exported
    restored = User.objects.get(username="rapporteur")
    assert not restored.is_active
    assert not restored.has_usable_password()
