"""The audit actions of reporting rounds (core/audit.py, ADR 14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class RoundAuditAction(models.TextChoices):
    ROUND_OPENED = "round_opened", _("Reporting round opened")
    ROUND_CLOSED = "round_closed", _("Reporting round closed")
    ROUND_REOPENED = "round_reopened", _("Reporting round reopened")
    ROUND_DEADLINE_CHANGED = "round_deadline_changed", _("Deadline of a reporting round changed")
