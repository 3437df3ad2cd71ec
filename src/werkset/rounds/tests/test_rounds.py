"""Opening, closing and moving reporting rounds (issue 19), through the rounds page: only the
national network, audited, with their events after the commit and none after a rollback."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.core.models import AuditEvent
from werkset.core.testing import delivered, delivered_after_rollback
from werkset.rounds.events import RoundClosed, RoundDeadlineChanged, RoundOpened
from werkset.rounds.models import ReportingRound, RoundStatus
from werkset.rounds.services import RoundError, round_close, round_deadline_change, round_open

pytestmark = pytest.mark.django_db


def _deadline(days: int = 30):
    return timezone.localdate() + timedelta(days=days)


def _open_post(catalogue, period="2025", deadline=None):
    return {
        "period": period,
        "catalogue_version": catalogue.pk,
        "deadline": (deadline or _deadline()).isoformat(),
    }


def test_landelijk_opent_een_ronde(client_for, landelijk, catalogue_2021):
    client = client_for(landelijk)
    response = client.post(reverse("rounds:index"), _open_post(catalogue_2021))
    assert response.status_code == 302
    opened = ReportingRound.objects.get()
    assert (opened.period, opened.catalogue_version, opened.status) == (
        "2025",
        catalogue_2021,
        RoundStatus.OPEN,
    )
    assert opened.opened_by == landelijk
    page = client.get(reverse("rounds:index")).content.decode()
    assert "Ronde 2025 is geopend." in page
    # The date picker holds the deadline as ISO, whatever the locale.
    assert f'type="date" name="ronde-{opened.pk}-deadline" value="{opened.deadline}"' in page


@pytest.mark.parametrize("role", ["rapporteur_friesland", "netwerklid_noord", "beheerder"])
def test_anderen_openen_geen_ronde(client_for, catalogue_2021, role, request):
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("rounds:index")).status_code == 403
    assert client.post(reverse("rounds:index"), _open_post(catalogue_2021)).status_code == 403
    assert not ReportingRound.objects.exists()


def test_een_toekomstige_periode_wordt_niet_geopend(client_for, landelijk, catalogue_2021):
    response = client_for(landelijk).post(
        reverse("rounds:index"), _open_post(catalogue_2021, period="2099")
    )
    assert response.status_code == 400
    assert "De periode 2099 is nog niet begonnen" in response.content.decode()
    assert not ReportingRound.objects.exists()


def test_een_deadline_in_het_verleden_wordt_geweigerd(landelijk, catalogue_2021):
    with pytest.raises(RoundError, match="verleden"):
        round_open(
            period="2025", catalogue_version=catalogue_2021, deadline=_deadline(-1), user=landelijk
        )
    assert not ReportingRound.objects.exists()


def test_een_ronde_per_periode(landelijk, catalogue_2021):
    round_open(
        period="2025", catalogue_version=catalogue_2021, deadline=_deadline(), user=landelijk
    )
    with pytest.raises(RoundError, match="al een ronde"):
        round_open(
            period="2025", catalogue_version=catalogue_2021, deadline=_deadline(), user=landelijk
        )


def test_sluiten_en_weer_openen(client_for, landelijk, catalogue_2021):
    opened = round_open(
        period="2025", catalogue_version=catalogue_2021, deadline=_deadline(), user=landelijk
    )
    client = client_for(landelijk)
    client.post(reverse("rounds:transition", args=[opened.pk, "close"]))
    opened.refresh_from_db()
    assert (opened.status, opened.closed_by) == (RoundStatus.CLOSED, landelijk)
    client.post(reverse("rounds:transition", args=[opened.pk, "reopen"]))
    opened.refresh_from_db()
    assert (opened.status, opened.closed_by) == (RoundStatus.OPEN, None)
    rounds = AuditEvent.objects.filter(action__startswith="round_").order_by("id")
    assert list(rounds.values_list("action", flat=True)) == [
        "round_opened",
        "round_closed",
        "round_reopened",
    ]


def test_de_deadline_verplaatsen(client_for, landelijk, catalogue_2021):
    opened = round_open(
        period="2025", catalogue_version=catalogue_2021, deadline=_deadline(), user=landelijk
    )
    later = _deadline(90)
    client_for(landelijk).post(
        reverse("rounds:deadline", args=[opened.pk]), {f"ronde-{opened.pk}-deadline": later}
    )
    opened.refresh_from_db()
    assert opened.deadline == later
    assert AuditEvent.objects.filter(action="round_deadline_changed").count() == 1


def test_openen_levert_round_opened_na_de_commit(
    django_capture_on_commit_callbacks, landelijk, catalogue_2021
):
    deadline = _deadline()
    events = delivered(
        django_capture_on_commit_callbacks,
        lambda: round_open(
            period="2025", catalogue_version=catalogue_2021, deadline=deadline, user=landelijk
        ),
    )
    opened = ReportingRound.objects.get()
    assert events == [
        RoundOpened(
            actor_id=landelijk.pk,
            round_id=opened.pk,
            period="2025",
            catalogue_version_id=catalogue_2021.pk,
            deadline=deadline,
        )
    ]
    assert AuditEvent.objects.filter(action="round_opened").count() == 1


def test_sluiten_en_verplaatsen_leveren_hun_event(
    django_capture_on_commit_callbacks, landelijk, catalogue_2021
):
    opened = round_open(
        period="2025", catalogue_version=catalogue_2021, deadline=_deadline(), user=landelijk
    )
    closed = delivered(
        django_capture_on_commit_callbacks,
        lambda: round_close(reporting_round=opened, user=landelijk),
    )
    moved = delivered(
        django_capture_on_commit_callbacks,
        lambda: round_deadline_change(
            reporting_round=opened, deadline=_deadline(9), user=landelijk
        ),
    )
    assert [type(event) for event in closed + moved] == [RoundClosed, RoundDeadlineChanged]


def test_niets_na_een_rollback(django_capture_on_commit_callbacks, landelijk, catalogue_2021):
    assert (
        delivered_after_rollback(
            django_capture_on_commit_callbacks,
            lambda: round_open(
                period="2025",
                catalogue_version=catalogue_2021,
                deadline=_deadline(),
                user=landelijk,
            ),
        )
        == []
    )
    assert not ReportingRound.objects.exists()
    assert not AuditEvent.objects.filter(action="round_opened").exists()
