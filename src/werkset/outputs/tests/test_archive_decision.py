"""The network's decision in the JSON archive (issue 19): exported, imported, and archives
made before it still read."""

import json
from datetime import date

import pytest

from werkset.accounts.models import User
from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.problems import ImportRefused
from werkset.reports.models import Report, ReportStatus

pytestmark = pytest.mark.django_db

DECISION_FIELDS = ("decided_on", "decided_by", "decision_note", "decision_recorded_by")


@pytest.fixture
def decided(report: Report, rapporteur_friesland: User) -> Report:
    """A finalised report with the network's decision recorded."""
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.VASTGESTELD,
        decided_on=date(2025, 12, 11),
        decided_by="Het RNZS in zijn vergadering",
        decision_note="Met dank aan de werkgroep.",
        decision_recorded_by=rapporteur_friesland,
    )
    return Report.objects.get(pk=report.pk)


def _dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def test_the_decision_is_exported(decided):
    document = report_json(report=decided)
    assert {name: document[name] for name in DECISION_FIELDS} == {
        "decided_on": "2025-12-11",
        "decided_by": "Het RNZS in zijn vergadering",
        "decision_note": "Met dank aan de werkgroep.",
        "decision_recorded_by": decided.decision_recorded_by.get_username(),
    }


def test_the_decision_survives_export_delete_import_export(decided):
    first = _dump(report_json(report=decided))
    decided.delete()
    imported = report_json_import(data=first.encode(), user=None, keep_status=True, map_users=True)
    assert imported.decided_on == date(2025, 12, 11)
    assert _dump(report_json(report=imported)) == first


def test_an_archive_from_before_the_decision_still_imports(decided):
    document = report_json(report=decided)
    for name in DECISION_FIELDS:
        del document[name]
    decided.delete()
    imported = report_json_import(data=_dump(document).encode(), user=None, keep_status=True)
    assert (imported.decided_on, imported.decided_by, imported.decision_recorded_by) == (
        None,
        "",
        None,
    )


def test_a_decision_date_that_is_no_date_is_refused(decided):
    document = report_json(report=decided)
    document["decided_on"] = "2025-13-40"
    decided.delete()
    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=_dump(document).encode(), user=None, keep_status=True)
    assert [p.cell for p in refused.value.problems] == ["decided_on"]
    assert not Report.objects.exists()
