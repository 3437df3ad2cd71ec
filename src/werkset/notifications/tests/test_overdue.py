"""The daily check: an overdue improvement point is told to its owner once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from werkset.accounts.models import RoleAssignment
from werkset.accounts.services import role_revoke
from werkset.improvement.states import PointStatus
from werkset.improvement.tests.factories import ImprovementPointFactory, indicator_of
from werkset.notifications import kinds
from werkset.notifications.models import Notification
from werkset.notifications.tasks import check_overdue

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_point(noord_nederland, catalogue_2021, netwerklid_noord):
    theme = catalogue_2021.themes.get(key="actieoverleg")
    return ImprovementPointFactory(
        network=noord_nederland,
        theme=theme,
        owner=netwerklid_noord,
        indicator=indicator_of(theme),
        title="Afspraken opvolgen (fictief)",
        target_date=timezone.localdate() - datetime.timedelta(days=1),
    )


def test_de_opdracht_meldt_een_verlopen_punt_eenmaal(overdue_point, netwerklid_noord):
    call_command("notifications", "check")
    call_command("notifications", "check")
    notification = Notification.objects.get()
    assert notification.recipient == netwerklid_noord
    assert notification.kind == kinds.POINT_OVERDUE
    assert notification.url == f"/verbeteren/verbeterpunt/{overdue_point.pk}/"
    assert "Afspraken" not in notification.message
    assert "Noord-Nederland" in notification.message


def test_de_taak_doet_hetzelfde(overdue_point):
    assert check_overdue() == 1
    assert check_overdue() == 0


def test_een_nieuwe_streefdatum_die_weer_verloopt_wordt_weer_gemeld(overdue_point):
    check_overdue()
    overdue_point.target_date -= datetime.timedelta(days=1)
    overdue_point.save(update_fields=["target_date"])
    assert check_overdue() == 1


def test_niet_voor_een_afgesloten_punt(overdue_point):
    overdue_point.status = PointStatus.GESTOPT
    overdue_point.closed_at = timezone.now()
    overdue_point.save(update_fields=["status", "closed_at"])
    assert check_overdue() == 0


def test_niet_voor_een_eigenaar_die_het_netwerk_niet_meer_volgt(overdue_point, netwerklid_noord):
    for assignment in RoleAssignment.objects.filter(user=netwerklid_noord):
        role_revoke(assignment=assignment, revoked_by=None)
    assert check_overdue() == 0
