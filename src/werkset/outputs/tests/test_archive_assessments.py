"""The report's assessments in its JSON archive (format version 2, issue 22): maturity
per theme, the toetsingskader and bottleneck codes, "niet beoordeeld" with its reason, out
and back in; an archive of version 1 (without them) still imports."""

import json

import pytest

from werkset.catalogue.models import Theme
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.problems import ImportRefused
from werkset.reports.models import Answer, Report

pytestmark = pytest.mark.django_db

KEY = "vt-zsm.ontwikkel.kosten-randvoorwaarden"


@pytest.fixture
def assessed(report):
    vt_zsm = Theme.objects.get(version=report.catalogue_version, key="vt-zsm")
    acuut = Theme.objects.get(version=report.catalogue_version, key="acuut")
    ThemeMaturity.objects.create(report=report, theme=vt_zsm, level=4, motivation="Staat.")
    ThemeMaturity.objects.create(
        report=report, theme=acuut, level=None, not_assessed_reason="Nog geen afspraken."
    )
    CriterionAnswer.objects.create(
        report=report, criterion="mandaat", verdict="deels", explanation="Soms."
    )
    CriterionAnswer.objects.create(
        report=report, criterion="partijen", verdict="", not_assessed_reason="Onbekend."
    )
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    BottleneckCode.objects.create(answer=answer, code="mandaat")
    BottleneckCode.objects.create(answer=answer, code="informatiedeling")
    return report


def _reimport(document):
    Report.objects.filter(pk__in=Report.objects.values("pk")).delete()
    return report_json_import(
        data=json.dumps(document), user=None, keep_status=True, map_users=True
    )


def test_het_archief_is_versie_2_en_draagt_de_beoordelingen(assessed):
    document = report_json(report=assessed)
    assert document["format_version"] == 2
    assessments = document["assessments"]
    assert {(m["theme"], m["level"]) for m in assessments["maturity"]} == {
        ("acuut", None),
        ("vt-zsm", 4),
    }
    (acuut,) = [m for m in assessments["maturity"] if m["theme"] == "acuut"]
    assert acuut["not_assessed_reason"] == "Nog geen afspraken."
    criteria = {c["criterion"]: c for c in assessments["criteria"]}
    assert criteria["mandaat"]["verdict"] == "deels"
    assert criteria["partijen"]["not_assessed_reason"] == "Onbekend."
    assert {(b["indicator"], b["code"]) for b in assessments["bottleneck_codes"]} == {
        (KEY, "mandaat"),
        (KEY, "informatiedeling"),
    }


def test_export_import_export_geeft_dezelfde_beoordelingen(assessed):
    first = report_json(report=assessed)

    imported = _reimport(first)

    assert report_json(report=imported) == first
    maturity = ThemeMaturity.objects.get(report=imported, theme__key="acuut")
    assert maturity.level is None
    assert maturity.not_assessed_reason == "Nog geen afspraken."
    assert set(
        BottleneckCode.objects.filter(answer__report=imported).values_list("code", flat=True)
    ) == {"mandaat", "informatiedeling"}


def test_een_archief_van_versie_1_zonder_beoordelingen_wordt_nog_ingelezen(assessed):
    document = report_json(report=assessed)
    document["format_version"] = 1
    del document["assessments"]

    imported = _reimport(document)

    assert imported.answers.count() == len(document["answers"])
    assert not ThemeMaturity.objects.filter(report=imported).exists()
    assert not CriterionAnswer.objects.filter(report=imported).exists()


def test_niet_beoordeeld_zonder_reden_wordt_geweigerd_en_er_wordt_niets_geschreven(assessed):
    document = report_json(report=assessed)
    (acuut,) = [m for m in document["assessments"]["maturity"] if m["theme"] == "acuut"]
    acuut["not_assessed_reason"] = ""
    document["assessments"]["bottleneck_codes"][0]["indicator"] = "geen.echte.vraag"
    assessed.delete()

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=json.dumps(document), user=None, keep_status=True)

    places = [p.cell or "" for p in refused.value.problems]
    assert any(p.endswith("not_assessed_reason") for p in places)
    assert any(p.endswith("/indicator") for p in places)
    assert not Report.objects.exists()


def test_een_onbekende_formaatversie_wordt_geweigerd(assessed):
    document = report_json(report=assessed)
    document["format_version"] = 3

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=json.dumps(document), user=None, keep_status=True)

    assert "versie 3" in str(refused.value)
