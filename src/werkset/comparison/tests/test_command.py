"""werkset compare export: finalised reports only, as CSV or JSON."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from werkset.reports.models import ReportStatus

from .conftest import kosten

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("compare", "export", *args, stdout=out)
    return out.getvalue()


def test_json_export_bevat_alleen_vastgestelde_rapportages(make_report):
    make_report("groningen", answers=kosten("1000"))
    make_report("utrecht", status=ReportStatus.CONCEPT, answers=kosten("555"))
    document = json.loads(run("--period", "2024", "--format", "json"))
    regions = {row["region"] for row in document["answers"]}
    assert regions == {"Groningen"}
    (figure,) = [r for r in document["bandwidth"] if r["field"] == "kosten" and r["region"]]
    assert figure["median"] == "1000"


def test_csv_export_heeft_een_tabel_per_vergelijking(make_report):
    make_report("groningen", answers=kosten("1000"))
    text = run("--period", "2024", "--format", "csv")
    for name in ("answers", "bandwidth", "maturity", "toetsingskader", "bottlenecks"):
        assert f"# {name}" in text
    assert "Groningen" in text
