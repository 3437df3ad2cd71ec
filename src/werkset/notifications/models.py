"""What a person is told: a notification per event and recipient, and per person which
kinds of notification also come by mail (ADR 24).

A notification says what happened and links to the page; it never holds a report's content
(no comment text, no answers) nor personal data (no names): only the kind, the ids, the
unit and period of the report, and a short sentence rendered from the kind's template.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .kinds import validate_kind


class MailState(models.TextChoices):
    NONE = "", _("No mail")
    WANTED = "wanted", _("Mail wanted, not yet sent")
    QUEUED = "queued", _("Mail queued")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # A key of kinds.KINDS (validated, no choices: a new kind needs no migration).
    kind = models.CharField(_("kind"), max_length=50, validators=[validate_kind])
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=300)
    # Ids and plain values (report, unit, period), never content.
    data = models.JSONField(_("event data"), default=dict, blank=True)
    # Set for notifications that are made at most once (e.g. an overdue point): the same
    # key for the same recipient and kind is not notified again.
    key = models.CharField(_("key"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(
        _("mail"), max_length=10, choices=MailState.choices, blank=True, default=MailState.NONE
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                condition=~Q(key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether a person gets a kind of notification by mail too (in the product: always).
    No row: the kind's default (kinds.Kind.mail_default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=50, validators=[validate_kind])
    mail = models.BooleanField(_("by mail"))

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"
