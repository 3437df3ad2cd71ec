"""The audit log: who did what and when, for every state change and security event."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
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
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
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
