"""A reporting round (issue 19): the national network opens a period for reports, with the
catalogue version they use and a deadline. Reports are only started in an open round
(reports/services.py `report_start`); state changes happen in rounds/services.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import CatalogueVersion
from werkset.reports.models import period_label, validate_period


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Closed")


class ReportingRound(models.Model):
    period = models.CharField(_("period"), max_length=7, unique=True, validators=[validate_period])
    catalogue_version = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("catalogue version"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")

    def __str__(self) -> str:
        return str(_("Round %(period)s") % {"period": self.period_label})

    @property
    def period_label(self) -> str:
        return period_label(self.period)

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN
