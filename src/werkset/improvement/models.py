"""The improvement cycle of a regional network: PDCA per theme, the SWOT, and peer audits
of finalised reports by another network.

State changes happen only in the services (services.py for the cycle, audit_services.py for
peer audits), along states.TRANSITIONS.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import Indicator, Theme
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Report

from .states import (
    AUDIT_ACTIVE_STATUSES,
    CLOSED_POINT_STATUSES,
    ActionStatus,
    AuditStatus,
    PointStatus,
)
from .vocabulary import BuildingBlock, Decision, FindingKind, Outcome, Quadrant

CLOSED = [status.value for status in CLOSED_POINT_STATUSES]


class SwotEntry(models.Model):
    """One line of a network's SWOT of a theme: a strength, weakness, opportunity or threat."""

    network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("regional network"),
        on_delete=models.PROTECT,
        related_name="swot_entries",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    quadrant = models.CharField(_("quadrant"), max_length=20, choices=Quadrant.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["network", "theme", "quadrant", "created_at", "id"]
        verbose_name = _("SWOT entry")
        verbose_name_plural = _("SWOT entries")

    def __str__(self) -> str:
        return f"{self.network}: {self.get_quadrant_display()}: {self.text[:60]}"


class PeerAudit(models.Model):
    """Another network reads a finalised report, notes findings per theme and concludes;
    the audited network responds. The audited network is the report region's network."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="peer_audits"
    )
    audited_network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("audited network"),
        on_delete=models.PROTECT,
        related_name="audits_received",
    )
    auditor_network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("auditing network"),
        on_delete=models.PROTECT,
        related_name="audits_given",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.UITGENODIGD
    )
    invitation = models.TextField(_("invitation"), blank=True)
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verdict = models.TextField(_("verdict"), blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.TextField(_("response"), blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-invited_at", "-id"]
        verbose_name = _("peer audit")
        verbose_name_plural = _("peer audits")
        constraints = [
            models.CheckConstraint(
                name="peer_audit_by_another_network",
                condition=~Q(auditor_network=F("audited_network")),
                violation_error_message=_("A network cannot audit its own report."),
            ),
            models.UniqueConstraint(
                fields=["report", "auditor_network"],
                condition=Q(status__in=[s.value for s in AUDIT_ACTIVE_STATUSES]),
                name="one_active_peer_audit_per_report_and_network",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.auditor_network})"


class Finding(models.Model):
    """An auditor's finding on one theme of the audited report, with the response to it."""

    audit = models.ForeignKey(PeerAudit, on_delete=models.CASCADE, related_name="findings")
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    text = models.TextField(_("finding"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.TextField(_("response"), blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["audit", "theme__position", "created_at", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ImprovementPoint(models.Model):
    """Plan: one of at most three open improvement points of a network for a theme."""

    network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("regional network"),
        on_delete=models.PROTECT,
        related_name="improvement_points",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    building_block = models.CharField(
        _("building block"), max_length=20, choices=BuildingBlock.choices, blank=True
    )
    title = models.CharField(_("improvement point"), max_length=200)
    description = models.TextField(_("what should change"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="improvement_points",
    )
    target_date = models.DateField(_("target date"))
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator that should show the effect"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PointStatus.choices, default=PointStatus.GEPLAND
    )
    swot_entry = models.ForeignKey(
        SwotEntry,
        verbose_name=_("from the SWOT"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvement_points",
    )
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("from a peer-audit finding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvement_points",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["network", "theme__position", "target_date", "id"]
        verbose_name = _("improvement point")
        verbose_name_plural = _("improvement points")
        constraints = [
            models.CheckConstraint(
                name="closed_points_have_closed_at",
                condition=Q(status__in=CLOSED, closed_at__isnull=False)
                | (~Q(status__in=CLOSED) & Q(closed_at__isnull=True)),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_POINT_STATUSES


class Action(models.Model):
    """Do: who does what for an improvement point, and how far it is."""

    point = models.ForeignKey(ImprovementPoint, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    who = models.CharField(
        _("who"),
        max_length=200,
        blank=True,
        help_text=_("A role or organisation, e.g. 'voorzitter Actieoverleg' or 'OM'."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["point", "created_at", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description


class Evaluation(models.Model):
    """Check and Act: the half-yearly evaluation of a point against its plan, the figures of
    the reports at that moment, and the decision that followed."""

    point = models.ForeignKey(
        ImprovementPoint, on_delete=models.CASCADE, related_name="evaluations"
    )
    period = models.CharField(_("half year"), max_length=7)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    explanation = models.TextField(_("outcome against the plan"))
    figures = models.JSONField(_("figures in the reports"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("explanation of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["point", "period", "id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["point", "period"], name="one_evaluation_per_half_year")
        ]

    def __str__(self) -> str:
        return f"{self.point}: {self.period}"
