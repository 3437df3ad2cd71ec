"""A rapporteur's judgement that a flagged piece of text is not personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyClearance(models.Model):
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="privacy_clearances"
    )
    kind = models.CharField(_("kind"), max_length=30)
    text = models.CharField(_("text"), max_length=500)
    reason = models.TextField(_("reason"))
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_by_name = models.CharField(_("cleared by"), max_length=150)
    cleared_at = models.DateTimeField(_("cleared at"), auto_now_add=True)

    class Meta:
        ordering = ["cleared_at"]
        verbose_name = _("privacy clearance")
        verbose_name_plural = _("privacy clearances")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "text"], name="unique_privacy_clearance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text} ({self.cleared_by_name})"
