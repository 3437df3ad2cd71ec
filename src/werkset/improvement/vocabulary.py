"""The evaluation aid of seed 002 as data: the four building blocks of the Actieoverleg,
the SWOT quadrants with their guiding questions, the kinds of peer-audit findings and the
limit of improvement points ("maximaal 2-3"). The one place these lists live."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# "Verbeterpunten prioriteren (maximaal 2-3)": at most three open points per network and theme.
MAX_OPEN_POINTS = 3

# The theme whose improvement points must name one of the building blocks.
BUILDING_BLOCK_THEME = "actieoverleg"


class BuildingBlock(models.TextChoices):
    """The four building blocks of the Actieoverleg on which the PDCA cycle runs."""

    AANMELDING = "aanmelding", _("Intake of cases (aanmelding/instroom)")
    DEELNEMERS = "deelnemers", _("Participants")
    BESPREKING = "bespreking", _("Discussion of the case (inhoudelijke bespreking)")
    VERVOLG = "vervolg", _("Follow-up and coordination (vervolg/uitstroom)")


BUILDING_BLOCK_DESCRIPTIONS: dict[str, Promise] = {
    BuildingBlock.AANMELDING: _(
        "Criteria and conditions, cases brought in by the participating parties, delivery, "
        "enriching the information, etc."
    ),
    BuildingBlock.DEELNEMERS: _(
        "Mandate of the participants, (extra) partners joining on request, participation of "
        "whoever brings in the case, etc."
    ),
    BuildingBlock.BESPREKING: _(
        "Interpreting the information, structure and method of the meeting, chairing, "
        "arriving at targeted actions, frequency and duration, etc."
    ),
    BuildingBlock.VERVOLG: _(
        "Output of the meeting (targeted actions / scenarios), coherence with other meetings, "
        "follow-up, monitoring, direction and coordination with partners, informing the "
        "client system, provision of information."
    ),
}


def theme_needs_building_block(theme_key: str) -> bool:
    return theme_key == BUILDING_BLOCK_THEME


class Quadrant(models.TextChoices):
    STERKTE = "sterkte", _("Strengths")
    ZWAKTE = "zwakte", _("Weaknesses")
    KANS = "kans", _("Opportunities")
    BEDREIGING = "bedreiging", _("Threats")


@dataclass(frozen=True)
class SwotQuadrant:
    key: str
    title: Promise
    questions: list[Promise]

    def questions_for(self, theme_title: str) -> list[str]:
        """The guiding questions with the theme's name where the seed says 'het Actieoverleg'."""
        return [str(question) % {"theme": theme_title} for question in self.questions]


# The example questions of the "handvat evalueren / lerend overleg" (seed 002, bijlage I).
SWOT_QUADRANTS = [
    SwotQuadrant(
        Quadrant.STERKTE,
        Quadrant.STERKTE.label,
        [
            _("What added value is seen?"),
            _("What is going well?"),
            _("What are the advantages of %(theme)s?"),
        ],
    ),
    SwotQuadrant(
        Quadrant.ZWAKTE,
        Quadrant.ZWAKTE.label,
        [
            _("Which obstacles are experienced?"),
            _("What does not work?"),
            _("What could be better?"),
            _("Where are the weak spots?"),
        ],
    ),
    SwotQuadrant(
        Quadrant.KANS,
        Quadrant.KANS.label,
        [
            _("Where are there still opportunities for developing %(theme)s further?"),
            _("Which (national or regional) developments or agreements could help %(theme)s?"),
        ],
    ),
    SwotQuadrant(
        Quadrant.BEDREIGING,
        Quadrant.BEDREIGING.label,
        [
            _("What threatens %(theme)s working well?"),
            _("What are the risks?"),
            _("Which weaknesses are a threat to %(theme)s?"),
            _("How does %(theme)s relate to other meetings, such as ZSM? Are they a threat?"),
        ],
    ),
]


class FindingKind(models.TextChoices):
    """What an auditor notes per theme of the audited report."""

    STERKTE = "sterkte", _("Strength")
    VERBETERPUNT = "verbeterpunt", _("Point of improvement")
    VRAAG = "vraag", _("Question")


class Outcome(models.TextChoices):
    """The half-yearly check: how far the point reached what the plan aimed for."""

    BEHAALD = "behaald", _("Achieved")
    DEELS = "deels", _("Partly achieved")
    NIET = "niet", _("Not achieved")


class Decision(models.TextChoices):
    """Act: what the network decides after an evaluation."""

    BORGEN = "borgen", _("Secure the result (borgen)")
    BIJSTELLEN = "bijstellen", _("Adjust the plan (bijstellen)")
    STOPPEN = "stoppen", _("Stop (stoppen)")
