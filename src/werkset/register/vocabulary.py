"""The register's coded lists and limits: interventions from a versioned data file, the
forms of a meeting and the kinds of presence as choices, and every size limit of the input."""

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import models
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).parent / "data"

# Input limits: what a meeting, a case and an action can hold (ADR: every input is bounded).
NOTE_MAX = 2000
CASES_PER_MEETING_MAX = 40
ACTIONS_PER_CASE_MAX = 15
DAYS_TO_DISCUSSION_MAX = 365
# How far back a meeting may be recorded (a year's report written late, and one before it),
# and how far ahead of the meeting an action may fall due.
RECORD_BACK_DAYS = 3 * 366
DUE_AHEAD_DAYS = 366


class MeetingForm(models.TextChoices):
    FYSIEK = "fysiek", _("In person")
    DIGITAAL = "digitaal", _("Online")
    HYBRIDE = "hybride", _("Hybrid")


class Presence(models.TextChoices):
    VAST = "vast", _("Standing participant")
    OP_AFROEP = "op_afroep", _("On call")
    AFWEZIG = "afwezig", _("Absent")


# Present at the meeting: either way of taking part.
PRESENT = (Presence.VAST, Presence.OP_AFROEP)


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    with (DATA / "vocabulary.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def interventions() -> dict[str, str]:
    """The intervention codes with their (Dutch) labels, in the data file's order."""
    return {row["code"]: row["label"] for row in _vocabulary()["interventions"]}


@lru_cache(maxsize=1)
def proposal_rules() -> dict[str, Any]:
    """Which indicator each measured figure proposes an answer for, per catalogue version."""
    with (DATA / "proposals.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data
