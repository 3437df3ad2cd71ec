"""Register rows for tests, through the services (so they are what the pages would store)."""

import datetime
from collections.abc import Sequence

from werkset.accounts.models import User
from werkset.regions.models import Region
from werkset.register.models import AgreedAction, Meeting
from werkset.register.services import action_mark_done, action_record, case_record, meeting_record

CORE = {"vt": "vast", "politie": "vast", "om": "vast", "rvdk": "op_afroep", "3ro": "afwezig"}


def meeting_made(
    *,
    region: Region,
    user: User,
    held_on: datetime.date,
    form: str = "fysiek",
    attendance: dict[str, str] | None = None,
    note: str = "",
) -> Meeting:
    return meeting_record(
        region=region,
        held_on=held_on,
        form=form,
        attendance=CORE if attendance is None else attendance,
        note=note,
        user=user,
    )


def case_made(
    *,
    meeting: Meeting,
    user: User,
    days: int,
    brought_by: str = "vt",
    actions: Sequence[tuple[str, int, int | None]] = (),
) -> list[AgreedAction]:
    """A case with actions: (organisation, days until due, days until done or None)."""
    case = case_record(
        meeting=meeting,
        brought_by=brought_by,
        days_to_discussion=days,
        intervention_codes=["veiligheidsplan"],
        user=user,
    )
    made = []
    for organisation, due_in, done_in in actions:
        action = action_record(
            case=case,
            organisation=organisation,
            intervention="veiligheidsplan",
            due_on=meeting.held_on + datetime.timedelta(days=due_in),
            user=user,
        )
        if done_in is not None:
            action = action_mark_done(
                action=action,
                done_on=meeting.held_on + datetime.timedelta(days=done_in),
                user=user,
            )
        made.append(action)
    return made
