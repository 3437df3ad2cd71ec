"""The start page's to-do items of reporting rounds, correction proposals and invitations
(issue 21, item 4), per role, with a flat number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.accounts.tests.factories import InvitationFactory
from werkset.reports.answers import AnswerContent
from werkset.reports.comment_services import comment_add
from werkset.reports.models import Answer
from werkset.reports.proposal_services import proposal_make
from werkset.reports.services import report_start
from werkset.reports.workflow import report_transition
from werkset.rounds.models import ReportingRound

pytestmark = pytest.mark.django_db

KEY = "acuut.ontwikkel.voorlichting-politie"


def page(client_for, user) -> str:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def deadline_in(days: int) -> None:
    """Move the deadline of the round of 2025 (the `report` fixture's)."""
    ReportingRound.objects.filter(period="2025").update(
        deadline=timezone.localdate() + timedelta(days=days)
    )


def propose(report, user) -> None:
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    proposal_make(
        answer=answer,
        user=user,
        content=AnswerContent(choice="ja"),
        explanation="Volgens het jaarverslag.",
        base_revision=answer.revision,
    )


@pytest.fixture
def discussed(report, rapporteur_friesland):
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


@pytest.fixture
def coordinator_noord(make_user, noord_nederland):
    return make_user(Role.COORDINATOR, network=noord_nederland)


# Rapporteur -------------------------------------------------------------------------------


def test_rapporteur_ziet_de_deadline_van_de_ronde(client_for, report, rapporteur_friesland):
    deadline_in(10)
    content = page(client_for, rapporteur_friesland)
    deadline = ReportingRound.objects.get(period="2025").deadline
    assert "Deadline" in content
    assert f"{deadline.day} " in content
    assert "te laat" not in content


def test_een_concept_na_de_deadline_is_te_laat(client_for, report, rapporteur_friesland):
    deadline_in(-1)
    assert "te laat" in page(client_for, rapporteur_friesland)


def test_wat_ter_bespreking_is_is_niet_te_laat(client_for, discussed, rapporteur_friesland):
    deadline_in(-1)
    assert "te laat" not in page(client_for, rapporteur_friesland)


def test_rapporteur_ziet_open_correctievoorstellen_met_een_link(
    client_for, discussed, rapporteur_friesland, netwerklid_noord
):
    comment_add(report=discussed, user=netwerklid_noord, text="Eén")
    comment_add(report=discussed, user=netwerklid_noord, text="Twee")
    propose(discussed, netwerklid_noord)
    content = page(client_for, rapporteur_friesland)
    assert "1 open correctievoorstel af te handelen" in content
    assert f'href="{reverse("reports:detail", args=[discussed.pk])}#voorstellen"' in content
    assert "2 open opmerkingen af te handelen" in content


# Beheerder and coordinator ----------------------------------------------------------------


def test_beheerder_ziet_de_open_uitnodigingen(client_for, beheerder, friesland):
    InvitationFactory(region=friesland)
    InvitationFactory(region=friesland)
    InvitationFactory(region=friesland, accepted_at=timezone.now())
    InvitationFactory(region=friesland, expires_at=timezone.now() - timedelta(minutes=1))
    content = page(client_for, beheerder)
    assert 'id="administration"' in content
    assert "2 uitnodigingen zijn nog niet aangenomen" in content
    assert f'href="{reverse("people")}#invitations-title"' in content


def test_coordinator_ziet_alleen_die_van_het_eigen_netwerk(
    client_for, coordinator_noord, friesland, utrecht
):
    InvitationFactory(region=friesland)
    InvitationFactory(region=utrecht)
    content = page(client_for, coordinator_noord)
    assert 'id="administration"' in content
    assert "1 uitnodiging is nog niet aangenomen" in content
    assert "Geblokkeerde accounts" not in content


def test_zonder_open_uitnodigingen(client_for, beheerder):
    assert "Er staat geen uitnodiging open." in page(client_for, beheerder)


def test_een_rapporteur_ziet_geen_uitnodigingen(client_for, report, rapporteur_friesland):
    InvitationFactory(region=report.region)
    assert 'id="administration"' not in page(client_for, rapporteur_friesland)


# National ---------------------------------------------------------------------------------


def test_landelijk_ziet_de_ronde_over_de_deadline_met_wie_niet_indiende(
    client_for, report, landelijk, make_user, catalogue_2021, friesland
):
    deadline_in(-2)
    content = page(client_for, landelijk)
    assert "Rondes voorbij hun deadline" in content
    # None reported (a concept is not reported): 25 regions and 9 networks; Noord-Nederland
    # reports per region (Friesland started), so its own row waits for nothing.
    assert "Ronde 2025 (deadline " in content
    assert "34 netwerken of regio's hebben nog niet ingediend" in content
    assert f'href="{reverse("rounds:matrix")}"' in content


def test_landelijk_zonder_verlopen_ronde(client_for, report, landelijk):
    deadline_in(3)
    assert "Rondes voorbij hun deadline" not in page(client_for, landelijk)


# Flat numbers of queries ------------------------------------------------------------------


def _queries(client, url: str) -> int:
    """The page's queries once the kept lists (the unread count, ...) are read: a warm-up
    request first, so that both counts compared are of the same state of those caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def test_rapporteur_leest_evenveel_bij_meer_rapportages_en_voorstellen(
    client_for, discussed, rapporteur_friesland, netwerklid_noord, catalogue_2021, open_round
):
    client = client_for(rapporteur_friesland)
    before = _queries(client, reverse("home"))
    propose(discussed, netwerklid_noord)
    open_round("2024", catalogue_2021)
    report_start(
        region=discussed.region,
        period="2024",
        catalogue_version=catalogue_2021,
        user=rapporteur_friesland,
    )
    assert _queries(client, reverse("home")) == before


def test_landelijk_leest_evenveel_bij_meer_rondes_en_rapportages(
    client_for, report, landelijk, catalogue_2021, open_round, make_user, utrecht
):
    deadline_in(-2)
    client = client_for(landelijk)
    before = _queries(client, reverse("home"))
    open_round("2024", catalogue_2021, deadline=timezone.localdate() - timedelta(days=1))
    writer = make_user(Role.RAPPORTEUR, region=utrecht)
    started = report_start(
        region=utrecht, period="2025", catalogue_version=catalogue_2021, user=writer
    )
    report_transition(report=started, name="submit", user=writer)
    assert _queries(client, reverse("home")) == before


def test_beheerder_leest_evenveel_bij_meer_uitnodigingen(client_for, beheerder, friesland):
    client = client_for(beheerder)
    InvitationFactory(region=friesland)
    before = _queries(client, reverse("home"))
    InvitationFactory.create_batch(3, region=friesland)
    assert _queries(client, reverse("home")) == before
