"""The audit actions of the report's assessments (core/audit.py, ADR 14): maturity per
theme, the toetsingskader and bottleneck codes, each change with who made it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class ComparisonAuditAction(models.TextChoices):
    MATURITY_SAVED = "maturity_saved", _("Maturity of a theme assessed")
    CRITERION_SAVED = "criterion_saved", _("Toetsingskader characteristic assessed")
    BOTTLENECKS_CODED = "bottlenecks_coded", _("Bottlenecks of an answer coded")
    SYNTHESIS_REQUESTED = "synthesis_requested", _("National synthesis requested")
