"""The daily check of reporting rounds: when an open round's deadline is near (7 days) and
when it has passed, the rapporteurs of each unit that has not reported hear it, once per
unit, round and kind. "Has reported" is the status matrix's rule
(rounds.selectors.Cell.waits_for_unit): a version under discussion, put forward or
finalised; a network reporting as a whole covers its regions."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.notifications import kinds
from werkset.notifications.models import Notification
from werkset.notifications.services import daily_check
from werkset.notifications.tasks import check_overdue
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.services import report_start
from werkset.reports.workflow import report_transition
from werkset.rounds.models import RoundStatus

pytestmark = pytest.mark.django_db

DAYS_LEFT = 5


def told(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def ids(*users) -> set[int]:
    return {user.pk for user in users}


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def network(code: str) -> RegionalNetwork:
    return RegionalNetwork.objects.get(code=code)


@pytest.fixture
def units(report, rapporteur_friesland, second_rapporteur, make_user, catalogue_2021, open_round):
    """The round of 2025, its deadline in DAYS_LEFT days, and units in each state:
    Friesland a concept, Groningen under discussion, Utrecht and Midden-Nederland nothing,
    Oost-Nederland's own report under discussion (it covers Twente)."""
    deadline = timezone.localdate() + timedelta(days=DAYS_LEFT)
    reporting_round = open_round("2025", catalogue_2021, deadline=deadline)
    groningen = make_user(Role.RAPPORTEUR, region=region("groningen"))
    submitted = report_start(
        region=region("groningen"), period="2025", catalogue_version=catalogue_2021, user=groningen
    )
    report_transition(report=submitted, name="submit", user=groningen)
    oost = make_user(Role.RAPPORTEUR, network=network("oost-nederland"))
    oost_report = report_start(
        network=network("oost-nederland"),
        period="2025",
        catalogue_version=catalogue_2021,
        user=oost,
    )
    report_transition(report=oost_report, name="submit", user=oost)
    return {
        "round": reporting_round,
        "friesland": [rapporteur_friesland, second_rapporteur],
        "groningen": groningen,
        "utrecht": make_user(Role.RAPPORTEUR, region=region("utrecht")),
        "midden": make_user(Role.RAPPORTEUR, network=network("midden-nederland")),
        "noord": make_user(Role.RAPPORTEUR, network=network("noord-nederland")),
        "oost": oost,
        "twente": make_user(Role.RAPPORTEUR, region=region("twente")),
        "member": make_user(Role.NETWERKLID, network=network("noord-nederland")),
    }


def test_een_naderende_deadline_meldt_wie_nog_niet_heeft_ingediend(units):
    made = daily_check(on=timezone.localdate())
    assert told(kinds.ROUND_DEADLINE_NEAR) == ids(
        *units["friesland"], units["utrecht"], units["midden"]
    )
    assert made == 4
    # Groningen and Oost-Nederland (for Twente too) have reported; Noord-Nederland reports
    # per region, so its network rapporteur waits for nothing of their own.


def test_de_melding_noemt_ronde_deadline_en_eenheid_zonder_namen(units):
    daily_check(on=timezone.localdate())
    notification = Notification.objects.get(
        kind=kinds.ROUND_DEADLINE_NEAR, recipient=units["utrecht"]
    )
    assert notification.message.startswith("De deadline van de rapportageronde 2025 is ")
    assert notification.message.endswith(
        "en de rapportage van Utrecht is nog niet aan het netwerk voorgelegd."
    )
    assert notification.url == "/regios/utrecht/"
    assert units["utrecht"].get_username() not in notification.message


def test_de_opdracht_meldt_eenmaal_per_eenheid_ronde_en_soort(units):
    call_command("notifications", "check")
    call_command("notifications", "check")
    assert Notification.objects.filter(kind=kinds.ROUND_DEADLINE_NEAR).count() == 4
    assert check_overdue() == 0


def test_een_verstreken_deadline_wordt_apart_en_eenmaal_gemeld(units):
    daily_check(on=timezone.localdate())
    after = units["round"].deadline + timedelta(days=1)
    assert daily_check(on=after) == 4
    assert daily_check(on=after + timedelta(days=1)) == 0
    assert told(kinds.ROUND_DEADLINE_PASSED) == ids(
        *units["friesland"], units["utrecht"], units["midden"]
    )
    message = Notification.objects.filter(kind=kinds.ROUND_DEADLINE_PASSED).first().message
    assert "is verstreken" in message


def test_wie_intussen_indient_hoort_niets_meer(units, report):
    report_transition(report=report, name="submit", user=units["friesland"][0])
    daily_check(on=units["round"].deadline + timedelta(days=1))
    assert told(kinds.ROUND_DEADLINE_PASSED) == ids(units["utrecht"], units["midden"])


def test_ver_voor_de_deadline_wordt_niets_gemeld(units):
    assert daily_check(on=units["round"].deadline - timedelta(days=8)) == 0


def test_een_gesloten_ronde_wordt_niet_gemeld(units):
    reporting_round = units["round"]
    reporting_round.status = RoundStatus.CLOSED
    reporting_round.closed_at = timezone.now()
    reporting_round.save(update_fields=["status", "closed_at"])
    assert daily_check(on=reporting_round.deadline + timedelta(days=1)) == 0
