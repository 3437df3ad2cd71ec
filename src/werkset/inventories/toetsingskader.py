"""The toetsingskader as the researchers of 2020 applied it: one rule from the five
characteristics to a verdict (ADR 26).

Seed 002 counts 16 of 25 regions with an Actieoverleg, four of which meet less often than
weekly; its footnote: those four "voldeden aan de overige criteria uit het toetsingskader,
maar niet aan het criterium 'periodiek enkele dagen of maximaal een week na de melding'".
So:

- every characteristic *ja*: **wel** een Actieoverleg;
- every characteristic *ja* except the timeliness one (within days to a week), which is
  *deels* or *nee*: **wel, met lagere frequentie** (counted as having one);
- any other characteristic not *ja*: **geen** Actieoverleg;
- a characteristic not answered: **niet beoordeeld**.

*Net gestart* (started in the inventory's year) is a nuance shown beside the verdict, never
a verdict of its own.
"""

from collections.abc import Mapping, Sequence

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    WEL = "wel", _("Has an Actieoverleg")
    WEL_LAGERE_FREQUENTIE = "wel-lagere-frequentie", _("Has an Actieoverleg, meeting less often")
    GEEN = "geen", _("No Actieoverleg")
    NIET_BEOORDEELD = "niet-beoordeeld", _("Not assessed")


# The verdicts that count as having an Actieoverleg.
HAS_ACTIEOVERLEG = frozenset({Verdict.WEL, Verdict.WEL_LAGERE_FREQUENTIE})


def toetsingskader_verdict(
    answers: Mapping[str, str], *, characteristics: Sequence[str], timeliness: str
) -> Verdict:
    """The verdict from the answers (characteristic key -> "ja" / "deels" / "nee")."""
    if any(answers.get(key, "") == "" for key in characteristics):
        return Verdict.NIET_BEOORDEELD
    others_met = all(answers[key] == "ja" for key in characteristics if key != timeliness)
    if not others_met:
        return Verdict.GEEN
    if timeliness not in characteristics or answers[timeliness] == "ja":
        return Verdict.WEL
    return Verdict.WEL_LAGERE_FREQUENTIE
