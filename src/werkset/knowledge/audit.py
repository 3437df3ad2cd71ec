"""The kennisbank's audit actions (core/audit.py, ADR 14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class KnowledgeAuditAction(models.TextChoices):
    INSPIRATION_ADDED = "inspiration_added", _("Practice item linked to an improvement point")
    INSPIRATION_REMOVED = (
        "inspiration_removed",
        _("Practice item unlinked from an improvement point"),
    )
