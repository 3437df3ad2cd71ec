"""The register's measured figures over a period: meetings held, the forms, attendance per
partner, the median days from melding to discussion, and the share of actions carried out on
time. The national role sees these figures and nothing else of the register (policy.py)."""

import datetime
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from werkset.regions.models import Organisation, Region
from werkset.reports.models import PERIOD_PATTERN, period_start

from .models import AgreedAction, Attendance, CaseDiscussion
from .selectors import meetings_in
from .vocabulary import PRESENT


def period_bounds(period: str) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of a report's period (a year or a half year)."""
    start = period_start(period)
    match = PERIOD_PATTERN.match(period)
    if match and match["half"] == "1":
        return start, datetime.date(start.year, 6, 30)
    return start, datetime.date(start.year, 12, 31)


@dataclass(frozen=True)
class PartnerAttendance:
    organisation: Organisation
    present: int
    meetings: int

    @property
    def share(self) -> int:
        """Percentage of the meetings the partner took part in (rounded)."""
        return round(100 * self.present / self.meetings) if self.meetings else 0


@dataclass(frozen=True)
class RegisterFigures:
    start: datetime.date
    end: datetime.date
    meetings: int = 0
    forms: dict[str, int] = field(default_factory=dict)
    attendance: list[PartnerAttendance] = field(default_factory=list)
    cases: int = 0
    median_days: float | None = None
    # Actions agreed in the period's meetings whose due date has come (by the period's end,
    # or today if that is earlier), and how many of them were carried out by their due date.
    actions_due: int = 0
    actions_on_time: int = 0

    @property
    def on_time_share(self) -> int | None:
        if not self.actions_due:
            return None
        return round(100 * self.actions_on_time / self.actions_due)

    @property
    def most_held_form(self) -> str:
        return max(self.forms, key=lambda form: (self.forms[form], form)) if self.forms else ""


def register_figures(
    *, regions: Sequence[Region], start: datetime.date, end: datetime.date
) -> RegisterFigures:
    """The figures of these regions' registers for the meetings held from start to end."""
    meetings = meetings_in(regions=regions, start=start, end=end)
    held = meetings.count()
    if not held:
        return RegisterFigures(start=start, end=end)
    forms = Counter(dict(meetings.values_list("form").annotate(n=Count("pk")).order_by()))
    present = (
        Attendance.objects.filter(meeting__in=meetings)
        .values("organisation")
        .annotate(present=Count("pk", filter=Q(presence__in=PRESENT)))
        .order_by()
    )
    counted = {row["organisation"]: row["present"] for row in present}
    attendance = [
        PartnerAttendance(organisation=o, present=counted[o.pk], meetings=held)
        for o in Organisation.objects.filter(pk__in=counted).order_by("position", "code")
    ]
    days = list(
        CaseDiscussion.objects.filter(meeting__in=meetings).values_list(
            "days_to_discussion", flat=True
        )
    )
    due_by = min(end, timezone.localdate())
    due = AgreedAction.objects.filter(case__meeting__in=meetings, due_on__lte=due_by)
    return RegisterFigures(
        start=start,
        end=end,
        meetings=held,
        forms=dict(forms),
        attendance=attendance,
        cases=len(days),
        median_days=float(statistics.median(days)) if days else None,
        actions_due=due.count(),
        actions_on_time=due.filter(done_on__isnull=False, done_on__lte=F("due_on")).count(),
    )
