"""The demo holds a network with a running cycle and a finished peer audit."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2021, regions_create
from werkset.improvement.models import ImprovementPoint, PeerAudit, SwotEntry
from werkset.improvement.selectors import points_overdue
from werkset.improvement.states import AuditStatus, PointStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(module_db) -> str:
    """`werkset demo` run once for the module; each test's changes are rolled back after it."""
    out = StringIO()
    with module_db(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
        regions_create()
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(demo_output: str, db: None, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WERKSET_DEMO_PASSWORD", "demo-wachtwoord-voor-test")
    return demo_output


def test_noord_nederland_heeft_een_lopende_cyclus(demo):
    points = ImprovementPoint.objects.filter(network__code="noord-nederland")
    assert set(points.values_list("status", flat=True)) == {
        PointStatus.GEPLAND,
        PointStatus.IN_UITVOERING,
        PointStatus.GEEVALUEERD,
        PointStatus.GEBORGD,
    }
    assert points.filter(theme__key="actieoverleg", building_block="").count() == 0
    overdue = points_overdue(on=timezone.localdate())
    assert [p.owner.username for p in overdue] == ["netwerklid"]
    assert SwotEntry.objects.filter(network__code="noord-nederland").count() == 4
    assert points.filter(swot_entry__isnull=False).count() == 1
    assert "5 verbeterpunten, waarvan 1 verlopen" in demo


def test_friesland_2024_is_collegiaal_geaudit_door_een_ander_netwerk(demo):
    audit = PeerAudit.objects.get()
    assert audit.status == AuditStatus.AFGEROND
    assert (audit.report.region.code, audit.report.period) == ("friesland", "2024")
    assert audit.auditor_network.code == "oost-nederland"
    assert {f.kind for f in audit.findings.all()} == {"sterkte", "verbeterpunt", "vraag"}
    assert ImprovementPoint.objects.filter(finding__audit=audit).count() == 1


def test_twee_keer_draaien_maakt_niets_dubbel(demo):
    call_command("demo", stdout=StringIO())
    assert PeerAudit.objects.count() == 1
    assert ImprovementPoint.objects.count() == 5
