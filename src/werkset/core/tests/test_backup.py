"""Backup and restore: the round trip loses nothing; restore only into an empty installation."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from werkset.core.backup import (
    BackupError,
    LosslessJSONEncoder,
    _models,
    backup_restore,
    backup_write,
)
from werkset.reports.models import AnswerChange, Report

pytestmark = pytest.mark.django_db(transaction=True)


def everything():
    objects = [obj for model in _models() for obj in model._default_manager.order_by("pk")]
    return json.loads(
        serializers.serialize(
            "json", objects, use_natural_foreign_keys=True, cls=LosslessJSONEncoder
        )
    )


@pytest.fixture
def filled(regions, catalogue_2021):
    """Users, roles, a finalised and a discussed report with history, items and comments."""
    from werkset.demo.services import demo_reports_create, demo_users_create

    demo_users_create(password="demo-wachtwoord-voor-test")
    demo_reports_create()


def test_terugzetten_in_een_lege_installatie_verliest_niets(filled):
    before = everything()
    archive = io.BytesIO()
    manifest = backup_write(target=archive)
    assert manifest["counts"]["reports.report"] == 2
    call_command("flush", interactive=False, verbosity=0)
    assert not Report.objects.exists()

    archive.seek(0)
    backup_restore(source=archive)
    assert everything() == before
    assert AnswerChange.objects.count() == manifest["counts"]["reports.answerchange"]


def test_terugzetten_over_bestaande_gegevens_wordt_geweigerd(filled):
    archive = io.BytesIO()
    backup_write(target=archive)
    archive.seek(0)
    with pytest.raises(BackupError, match="lege installatie"):
        backup_restore(source=archive)


def test_een_beschadigd_bestand_wordt_geweigerd(db):
    with pytest.raises(BackupError, match="geen reservekopie"):
        backup_restore(source=io.BytesIO(b"geen zip"))


def test_nieuwe_rijen_na_terugzetten_botsen_niet(filled):
    archive = io.BytesIO()
    backup_write(target=archive)
    call_command("flush", interactive=False, verbosity=0)
    archive.seek(0)
    backup_restore(source=archive)
    from werkset.accounts.tests.factories import UserFactory

    assert UserFactory().pk is not None


def test_backup_en_restore_opdrachten(filled, tmp_path):
    target = tmp_path / "werkset.zip"
    out = StringIO()
    call_command("backup", "-o", str(target), stdout=out)
    assert "records" in out.getvalue()
    assert set(zipfile.ZipFile(target).namelist()) >= {"manifest.json", "data.json"}
    with pytest.raises(CommandError, match="lege installatie"):
        call_command("restore", str(target), stdout=StringIO())


def test_reservekopie_is_alleen_voor_de_eigenaar_leesbaar(filled, tmp_path):
    target = tmp_path / "werkset.zip"
    call_command("backup", "-o", str(target), stdout=StringIO())
    assert target.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*partial"))
