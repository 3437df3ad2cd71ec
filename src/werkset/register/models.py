"""The Actieoverleg register: what describes the process of a meeting, never a case.

No field holds a name, a date of birth, an address or a narrative: a case is a number local
to its meeting, the partner that brought it in, the days from melding to discussion and coded
interventions; the one free text (the meeting's note) passes the privacy guard (services.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.regions.models import Organisation, Region

from .vocabulary import MeetingForm, Presence


class Meeting(models.Model):
    """One Actieoverleg meeting of a region."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("held on"))
    form = models.CharField(_("form"), max_length=10, choices=MeetingForm.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["region", "held_on"], name="register_meeting_region")]
        verbose_name = _("Actieoverleg meeting")
        verbose_name_plural = _("Actieoverleg meetings")

    def __str__(self) -> str:
        return f"{self.region} {self.held_on:%Y-%m-%d}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices)

    class Meta:
        ordering = ["organisation__position", "organisation__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="register_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.presence}"


class CaseDiscussion(models.Model):
    """A case brought into a meeting, by its process only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="cases")
    number = models.PositiveSmallIntegerField(_("number in the meeting"))
    brought_by = models.ForeignKey(
        Organisation, verbose_name=_("brought in by"), on_delete=models.PROTECT, related_name="+"
    )
    days_to_discussion = models.PositiveSmallIntegerField(_("days from melding to discussion"))
    # Codes of vocabulary.interventions().
    interventions = models.JSONField(_("interventions"), default=list, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="register_case_number")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}#{self.number}"


class AgreedAction(models.Model):
    """An action agreed on a case: who carries it out, by when, and whether it was."""

    case = models.ForeignKey(CaseDiscussion, on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intervention = models.CharField(_("intervention"), max_length=40)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("carried out on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="register_action_open")]

    def __str__(self) -> str:
        return f"{self.intervention} {self.due_on:%Y-%m-%d}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def on_time(self) -> bool:
        return self.done_on is not None and self.done_on <= self.due_on
