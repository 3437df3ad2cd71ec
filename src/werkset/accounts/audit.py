"""The audit actions of accounts that core does not know (core/audit.py, ADR 14).

Log-ins, roles and the second step keep their values in core's AuditAction."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class AccountAuditAction(models.TextChoices):
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    INVITATION_WITHDRAWN = "invitation_withdrawn", _("Invitation withdrawn")
    INVITATIONS_IMPORTED = "invitations_imported", _("Invitations sent from a file")
    USER_DEACTIVATED = "user_deactivated", _("Account deactivated")
    USER_REACTIVATED = "user_reactivated", _("Account reactivated")
    TWO_FACTOR_RESET = "two_factor_reset", _("Second log-in step reset")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET_SENT = "password_reset_sent", _("Password reset link sent")
    PASSWORD_RESET = "password_reset", _("Password set through a reset link")
