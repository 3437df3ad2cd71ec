"""Fictitious demo data for the Actieoverleg register: a year of meetings (every other week)
for two regions, Friesland (Noord-Nederland, beside its demo reports) and IJsselland
(Oost-Nederland), recorded through the services as those networks' demo members.

The year is the last whole calendar year, so that the report of that year proposes its
Uitvoeringsinspanningen from the register, and some actions are still open past their due
date (the members' start page). Idempotent: a region with meetings is skipped. Nothing in it
describes a case or a person: notes are about the meeting's working method only.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from werkset.accounts.models import User
from werkset.regions.models import Region

from .services import action_mark_done, action_record, case_record, meeting_record
from .vocabulary import interventions

# (region, demo account of its network)
DEMO_REGISTERS = (("friesland", "netwerklid"), ("ijsselland", "netwerklid-oost"))
DEMO_NOTES = (
    "Werkwijze voor spoedcasussen besproken; voortaan eerst de casussen met hoog risico.",
    "Evaluatie van het afgelopen kwartaal: de inbreng door de reclassering neemt toe.",
    "Afgesproken dat de voorzitter de acties na afloop binnen een dag rondstuurt.",
    "",
    "",
)
PARTNERS = ("vt", "politie", "om", "rvdk", "3ro", "zvh")


@dataclass(frozen=True)
class RegisterDemo:
    meetings: int
    actions: int
    skipped: int


def _attendance(rng: random.Random) -> dict[str, str]:
    attendance = {"vt": "vast", "politie": "vast", "om": rng.choice(["vast", "vast", "afwezig"])}
    for code in ("rvdk", "3ro", "zvh"):
        attendance[code] = rng.choice(["op_afroep", "op_afroep", "afwezig"])
    return attendance


def _year_recorded(region: Region, user: User, year: int, rng: random.Random) -> tuple[int, int]:
    codes = list(interventions())
    today = timezone.localdate()
    meetings = actions = 0
    held_on = datetime.date(year, 1, 7)
    while held_on.year == year:
        meeting = meeting_record(
            region=region,
            held_on=held_on,
            form=rng.choice(["fysiek", "fysiek", "digitaal", "hybride"]),
            attendance=_attendance(rng),
            note=rng.choice(DEMO_NOTES),
            user=user,
        )
        meetings += 1
        for _case in range(rng.randint(1, 4)):
            case = case_record(
                meeting=meeting,
                brought_by=rng.choice(PARTNERS[:5]),
                days_to_discussion=rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 21]),
                intervention_codes=rng.sample(codes[:-1], rng.randint(1, 3)),
                user=user,
            )
            for _action in range(rng.randint(1, 2)):
                due_on = held_on + datetime.timedelta(days=rng.randint(7, 28))
                action = action_record(
                    case=case,
                    organisation=rng.choice(PARTNERS[:5]),
                    intervention=rng.choice(case.interventions),
                    due_on=due_on,
                    user=user,
                )
                actions += 1
                outcome = rng.random()
                # Mostly on time, some late, some still open (more so in the last weeks).
                if outcome >= 0.9 or (held_on.month == 12 and outcome >= 0.5):
                    continue
                if outcome < 0.75:
                    done_on = due_on - datetime.timedelta(days=rng.randint(0, 5))
                else:
                    done_on = due_on + datetime.timedelta(days=rng.randint(1, 14))
                done_on = min(max(done_on, held_on), today)
                action_mark_done(action=action, done_on=done_on, user=user)
        held_on += datetime.timedelta(weeks=2)
    return meetings, actions


def register_demo_create(*, year: int | None = None) -> RegisterDemo:
    """A year of register data for the demo regions (skipped where there are meetings):
    `year`, by default the last whole calendar year."""
    year = year or timezone.localdate().year - 1
    rng = random.Random(24)  # noqa: S311 (fictitious demo content, not security)
    meetings = actions = skipped = 0
    for code, username in DEMO_REGISTERS:
        region = Region.objects.get(code=code)
        user = User.objects.get(username=username)
        if region.meetings.exists():
            skipped += 1
            continue
        made, agreed = _year_recorded(region, user, year, rng)
        meetings += made
        actions += agreed
    return RegisterDemo(meetings=meetings, actions=actions, skipped=skipped)
