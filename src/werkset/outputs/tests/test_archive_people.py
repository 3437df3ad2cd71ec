"""Who did what in an imported archive (issue 17, finding 7): the archive's user names
stay text unless the command line is told to link them (`--map-users`)."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from werkset.accounts.models import User
from werkset.core.models import AuditAction, AuditEvent
from werkset.demo.services import demo_reports_create, demo_users_create
from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.privacy.models import PrivacyClearance
from werkset.reports.models import AnswerChange, Comment, Report, StatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def forged(regions, catalogue_2021, tmp_path):
    """The archive of a concept report whose whole history names the beheerder, who never
    touched it, and a person unknown here; the report itself is gone."""
    demo_users_create(password="demo-wachtwoord-voor-tests")
    _finalised, current = demo_reports_create()
    User.objects.create_user(username="beheerder-hier", password="x" * 20, is_superuser=True)
    document = report_json(report=current)
    document["status"] = "concept"
    document["created_by"] = "beheerder-hier"
    for answer in document["answers"].values():
        answer["updated_by"] = "beheerder-hier" if answer["updated_by"] else None
        for change in answer["history"]:
            change["changed_by"] = "beheerder-hier"
            change["changed_by_name"] = "Beheerder Hier"
    for comment in document["comments"]:
        comment["author"] = "onbekende-persoon"
        comment["author_name"] = "Onbekende Persoon"
    current.delete()
    path = tmp_path / "vervalst.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _history(report: Report) -> list[AnswerChange]:
    return list(AnswerChange.objects.filter(answer__report=report))


def test_de_opdrachtregel_koppelt_de_namen_uit_een_archief_niet_aan_accounts(forged):
    call_command("report", "import", str(forged), stdout=StringIO())

    report = Report.objects.get(period="2025")
    history = _history(report)
    assert history
    assert all(change.changed_by is None for change in history)
    assert {change.changed_by_name for change in history} == {"Beheerder Hier"}
    assert report.created_by is None
    assert not report.answers.filter(updated_by__isnull=False).exists()
    assert not Comment.objects.filter(report=report, author__isnull=False).exists()
    assert not StatusChange.objects.filter(report=report, changed_by__isnull=False).exists()
    assert not PrivacyClearance.objects.filter(report=report, cleared_by__isnull=False).exists()
    assert not User.objects.filter(username="onbekende-persoon").exists()
    event = AuditEvent.objects.get(action=AuditAction.REPORT_IMPORTED)
    assert event.actor is None
    assert event.detail["users_mapped"] is False


def test_met_map_users_worden_de_namen_gekoppeld(forged):
    call_command("report", "import", str(forged), "--map-users", stdout=StringIO())

    report = Report.objects.get(period="2025")
    beheerder = User.objects.get(username="beheerder-hier")
    assert {change.changed_by for change in _history(report)} == {beheerder}
    assert report.created_by == beheerder
    assert not User.objects.get(username="onbekende-persoon").is_active


def test_een_import_via_de_dienst_koppelt_alleen_op_de_opdrachtregel(forged):
    rapporteur = User.objects.get(username="rapporteur")

    with pytest.raises(PermissionDenied):
        report_json_import(data=forged.read_bytes(), user=rapporteur, map_users=True)

    report = report_json_import(data=forged.read_bytes(), user=rapporteur)
    assert report.created_by == rapporteur
    assert all(change.changed_by is None for change in _history(report))
