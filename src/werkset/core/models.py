"""The audit log: who did what and when, for every state change and security event.

Which actions exist is not listed here: each app declares its own (core/audit.py, ADR 14).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit import audit_actions, validate_audit_action


@audit_actions.register
class AuditAction(models.TextChoices):
    """The actions declared before apps declared their own (ADR 14); their values stay.

    New actions go in the app that performs them (its audit.py), not here."""

    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed log-in")
    LOGOUT = "logout", _("Logged out")
    ROLE_ASSIGNED = "role_assigned", _("Role assigned")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    CATALOGUE_PUBLISHED = "catalogue_published", _("Catalogue version published")
    REGIONS_LOADED = "regions_loaded", _("Regions loaded")
    DEMO_CREATED = "demo_created", _("Demo data created")
    REPORT_STARTED = "report_started", _("Report started")
    REPORT_STATUS_CHANGED = "report_status_changed", _("Report status changed")
    REPORT_CORRECTED = "report_corrected", _("New report version after finalisation")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
    REPORT_EXPORTED = "report_exported", _("Report exported")
    REPORT_IMPORTED = "report_imported", _("Report imported")
    PRIVACY_CLEARED = "privacy_cleared", _("Flagged text marked as not personal data")
    TWO_FACTOR_ENABLED = "two_factor_enabled", _("Two-factor authentication set up")
    TWO_FACTOR_VERIFIED = "two_factor_verified", _("Second log-in step passed")
    TWO_FACTOR_FAILED = "two_factor_failed", _("Wrong code in the second log-in step")
    TWO_FACTOR_RECOVERY_USED = "two_factor_recovery_used", _("Recovery code used")
    TWO_FACTOR_CODES_RENEWED = "two_factor_codes_renewed", _("New recovery codes made")
    TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor authentication switched off")
    USER_CREATED = "user_created", _("Account created")
    IMPROVEMENT_CHANGED = "improvement_changed", _("Improvement cycle changed")
    PEER_AUDIT_CHANGED = "peer_audit_changed", _("Peer audit changed")
    ADMIN_CHANGED = "admin_changed", _("Changed in the admin")
    USER_SSO_LINKED = "user_sso_linked", _("Single sign-on link changed")


class AuditEvent(models.Model):
    """One recorded event; never updated or deleted by the application."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(
        _("actor name"),
        max_length=150,
        help_text=_("Kept when the account is removed; 'systeem' for commands."),
    )
    action = models.CharField(_("action"), max_length=40, validators=[validate_audit_action])
    target_type = models.CharField(_("target type"), max_length=60, blank=True)
    target_id = models.CharField(_("target id"), max_length=60, blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.summary}"

    @property
    def action_label(self) -> str:
        """The action as people read it, from the app that declared it."""
        return audit_actions.label(self.action)
