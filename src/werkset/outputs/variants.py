"""The two layouts of a report's PDF and Word document."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentVariant(models.TextChoices):
    """`rapport`: the network's narrative report (seed 001); `vragenlijst`: every question
    with its answer, the layout from before the report variant existed."""

    RAPPORT = "rapport", _("Narrative report")
    VRAGENLIJST = "vragenlijst", _("Questionnaire")


DEFAULT_VARIANT = DocumentVariant.RAPPORT.value
