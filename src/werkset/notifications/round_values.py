"""The values of a round in a notification's sentence: told when a round opens
(receivers.py) and when its deadline is near or has passed (services.py's daily check)."""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from werkset.rounds.models import ReportingRound


def deadline_label(deadline: Any) -> str:
    """A round's deadline as the installation writes dates ("1 februari 2027")."""
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(deadline, "j F Y")


def round_values(reporting_round: ReportingRound) -> dict[str, Any]:
    return {
        "round_id": reporting_round.pk,
        "period": reporting_round.period_label,
        "deadline": deadline_label(reporting_round.deadline),
    }
