"""Fixed lists from seed 002: the toetsingskader's five characteristics of an Actieoverleg
and the inventory's bottleneck categories with their sub-themes (the 'rode draad')."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Werkset 2.0 asks the maturity per theme as an answer of this type; its choices are the
# five steps of the 2021 map (MaturityLevel), light to dark.
MATURITY_ANSWER_TYPE = "volwassenheid"
MATURITY_CHOICES = {"agenda": 1, "plan": 2, "uitvoering": 3, "gerealiseerd": 4, "geevalueerd": 5}


@dataclass(frozen=True)
class Criterion:
    key: str
    title: Promise


CRITERIA = [
    Criterion(
        "vroegtijdig-afstemmen", _("Cases where care and criminal law meet are coordinated early")
    ),
    Criterion(
        "partijen",
        _("At least Veilig Thuis, Politie and OM coordinate; RvdK and 3RO join or are invited"),
    ),
    Criterion(
        "interventies",
        _("Investigations and interventions are decided per case, for everyone's safety"),
    ),
    Criterion("mandaat", _("The representatives have the mandate to carry out what is agreed")),
    Criterion("binnen-een-week", _("A case is brought in within days to a week of the report")),
]
CRITERION_CHOICES = [(c.key, c.title) for c in CRITERIA]
# The characteristic the meeting's frequency decides: all others met but this one is an
# Actieoverleg "met lagere frequentie" (seed 002's footnote; inventories/toetsingskader.py).
TIMELINESS_CRITERION = "binnen-een-week"
# The theme the toetsingskader belongs to: its criteria are assessed on that theme's page.
CRITERIA_THEME = "actieoverleg"


@dataclass(frozen=True)
class Bottleneck:
    key: str
    title: Promise


@dataclass(frozen=True)
class BottleneckCategory:
    key: str
    title: Promise
    bottlenecks: list[Bottleneck]


BOTTLENECK_CATEGORIES = [
    BottleneckCategory(
        "samenwerking-partijen",
        _("Cooperation between the parties"),
        [
            Bottleneck("partijen-afwezig", _("Not all parties present")),
            Bottleneck("mandaat", _("Mandate")),
            Bottleneck("capaciteit-om", _("Capacity of the OM")),
            Bottleneck("informatiedeling", _("Information sharing")),
            Bottleneck("kennis-werkwijze", _("Knowledge of each other's way of working")),
            Bottleneck("overlegstructuren", _("Meeting structures not aligned")),
        ],
    ),
    BottleneckCategory(
        "samenwerking-anderen",
        _("Cooperation with others"),
        [
            Bottleneck("bredere-afstemming", _("Need for wider coordination with other parties")),
        ],
    ),
    BottleneckCategory(
        "werkwijze-faciliteiten",
        _("Way of working and facilities"),
        [
            Bottleneck("uitvoeren-acties", _("Carrying out the agreed actions")),
            Bottleneck("instroom", _("Inflow: the meeting is not well known")),
            Bottleneck("casusgericht", _("Too little case-oriented action")),
            Bottleneck("registratiesysteem", _("No shared system for agenda and minutes")),
        ],
    ),
]
BOTTLENECK_CHOICES = [(b.key, b.title) for c in BOTTLENECK_CATEGORIES for b in c.bottlenecks]
CATEGORY_OF = {b.key: c for c in BOTTLENECK_CATEGORIES for b in c.bottlenecks}
