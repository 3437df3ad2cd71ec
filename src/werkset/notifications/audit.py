"""The audit actions of notifications (core/audit.py, ADR 14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class NotificationAuditAction(models.TextChoices):
    PREFERENCES_SAVED = "notification_preferences_saved", _("Notification preferences saved")
