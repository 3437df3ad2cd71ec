"""From register to report: the proposed Uitvoeringsinspanningen equal an independent
computation over the register, and accepting one stores it as an answer from the register."""

import datetime
import random
import statistics

import pytest
from django.urls import reverse

from werkset.regions.models import Organisation
from werkset.register.models import AgreedAction, Attendance, CaseDiscussion, Meeting
from werkset.reports.models import Answer, AnswerChange, ChangeSource

pytestmark = pytest.mark.django_db

FREQUENCY = "actieoverleg.uitvoering.frequentie"
FORM = "actieoverleg.uitvoering.vorm"
PARTNERS = "actieoverleg.uitvoering.aanwezige-partners"


def register_of_2025(region, user):
    """A year of meetings written straight into the tables (not through the code under test),
    with the raw values kept for the independent computation; and one meeting outside 2025."""
    rng = random.Random(24)
    organisations = {o.code: o for o in Organisation.objects.all()}
    raw = {"meetings": 0, "forms": [], "present": {}, "days": [], "due": 0, "on_time": 0}
    for week in range(0, 52, 2):
        held_on = datetime.date(2025, 1, 6) + datetime.timedelta(weeks=week)
        form = rng.choice(["fysiek", "fysiek", "digitaal", "hybride"])
        meeting = Meeting.objects.create(region=region, held_on=held_on, form=form)
        raw["meetings"] += 1
        raw["forms"].append(form)
        for code in ("vt", "politie", "om", "rvdk", "zvh"):
            presence = rng.choice(["vast", "vast", "op_afroep", "afwezig"])
            if code in ("vt", "politie"):
                presence = "vast"
            Attendance.objects.create(
                meeting=meeting, organisation=organisations[code], presence=presence
            )
            raw["present"][code] = raw["present"].get(code, 0) + (presence != "afwezig")
        for number in range(1, rng.randint(1, 4) + 1):
            days = rng.randint(0, 30)
            case = CaseDiscussion.objects.create(
                meeting=meeting,
                number=number,
                brought_by=organisations["vt"],
                days_to_discussion=days,
            )
            raw["days"].append(days)
            due_on = held_on + datetime.timedelta(days=rng.randint(1, 40))
            done = rng.choice([None, -3, 0, 5])
            done_on = None if done is None else due_on + datetime.timedelta(days=done)
            AgreedAction.objects.create(
                case=case,
                organisation=organisations["om"],
                intervention="risicotaxatie",
                due_on=due_on,
                done_on=done_on,
            )
            if due_on <= datetime.date(2025, 12, 31):
                raw["due"] += 1
                raw["on_time"] += done_on is not None and done_on <= due_on
    outside = Meeting.objects.create(
        region=region, held_on=datetime.date(2024, 12, 30), form="hybride"
    )
    CaseDiscussion.objects.create(
        meeting=outside, number=1, brought_by=organisations["om"], days_to_discussion=200
    )
    return raw


def answer(report, key):
    return Answer.objects.get(report=report, indicator__key=key)


def test_voorstel_is_gelijk_aan_een_eigen_berekening(client_for, report, rapporteur_friesland):
    raw = register_of_2025(report.region, rapporteur_friesland)
    page = client_for(rapporteur_friesland).get(
        reverse("reports:theme", args=[report.pk, "actieoverleg"])
    )
    section = page.context["register_section"]
    contents = {p.answer.indicator.key: p.content for p in section.proposals}

    assert contents[FREQUENCY].figures == {"frequentie": {"aantal": raw["meetings"], "per": "jaar"}}
    median = statistics.median(raw["days"])
    assert section.figures.median_days == median
    share = round(100 * raw["on_time"] / raw["due"])
    assert f"{share}% van de {raw['due']} acties" in contents[FREQUENCY].explanation
    most = max(set(raw["forms"]), key=lambda f: (raw["forms"].count(f), f))
    assert contents[FORM].choice == most
    attended = {row.organisation.code: row.present for row in section.figures.attendance}
    assert attended == raw["present"]
    # VT and the police at every meeting, OM and the Raad at some: "deels"; the ZVH is not
    # a core partner and is among the organisations present.
    assert contents[PARTNERS].choice == (
        "ja"
        if all(raw["present"][c] == raw["meetings"] for c in ("vt", "politie", "om", "rvdk"))
        else "deels"
    )
    assert "zvh" in contents[PARTNERS].figures["organisaties"]
    assert "Voorgesteld uit het Actieoverleg-register" in page.content.decode()


def test_overnemen_slaat_op_via_de_antwoorddienst(client_for, report, rapporteur_friesland):
    register_of_2025(report.region, rapporteur_friesland)
    client = client_for(rapporteur_friesland)
    response = client.post(
        reverse("register:proposal_accept", args=[report.pk]), {"indicator": FREQUENCY}
    )
    assert response.status_code == 302
    stored = answer(report, FREQUENCY)
    assert stored.figures["frequentie"]["per"] == "jaar"
    assert AnswerChange.objects.get(answer=stored).source == ChangeSource.REGISTER
    page = client.get(reverse("reports:theme", args=[report.pk, "actieoverleg"])).content.decode()
    assert "Het antwoord zegt wat het register mat." in page


def test_alleen_de_rapporteur_neemt_over(
    client_for, report, rapporteur_friesland, netwerklid_noord
):
    register_of_2025(report.region, rapporteur_friesland)
    response = client_for(netwerklid_noord).post(
        reverse("register:proposal_accept", args=[report.pk]), {"indicator": FREQUENCY}
    )
    assert response.status_code == 403
    assert not AnswerChange.objects.filter(answer=answer(report, FREQUENCY)).exists()


def test_zonder_overleggen_geen_voorstel(client_for, report, rapporteur_friesland):
    page = client_for(rapporteur_friesland).get(
        reverse("reports:theme", args=[report.pk, "actieoverleg"])
    )
    assert page.context["register_section"].proposals == []


def test_de_herziene_uitgave_krijgt_frequentie_en_vorm_voorgesteld(
    client_for, rapporteur_friesland, friesland, catalogue_2021_1
):
    """The corrected edition asks attendance per partner as vaste deelnemer / op afroep /
    niet, which the register does not answer; frequency and form it does."""
    from werkset.reports.services import report_start
    from werkset.rounds.testing import round_opened

    round_opened(period="2025", catalogue_version=catalogue_2021_1)
    report = report_start(
        region=friesland,
        period="2025",
        catalogue_version=catalogue_2021_1,
        user=rapporteur_friesland,
    )
    register_of_2025(friesland, rapporteur_friesland)
    page = client_for(rapporteur_friesland).get(
        reverse("reports:theme", args=[report.pk, "actieoverleg"])
    )
    keys = {p.answer.indicator.key for p in page.context["register_section"].proposals}
    assert keys == {FREQUENCY, FORM}
