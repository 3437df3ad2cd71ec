"""Comparison data kept with a report: maturity per theme, the Actieoverleg toetsingskader,
and the bottleneck coding of answers. The writer assesses them while writing the report
(issue 19, ADR 22); an assessment may be consciously marked "niet beoordeeld", always with
its reason (`not_assessed_reason`), and is then complete for the decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import Theme
from werkset.reports.content_changes import ReportContentQuerySet
from werkset.reports.models import Answer, Report

from .vocabulary import BOTTLENECK_CHOICES, CRITERION_CHOICES


class MaturityLevel(models.IntegerChoices):
    """The five steps of the 2021 Actieoverleg map (seed 002), light to dark."""

    AGENDA = 1, _("On the agenda")
    PLAN = 2, _("Plan of approach ready")
    EXECUTION = 3, _("Execution in full swing")
    REALISED = 4, _("Realised")
    EVALUATED = 5, _("Realised and evaluated")


class ThemeMaturity(models.Model):
    """A region's own judgement of how far a theme has come, with its motivation."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="maturities")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    # Empty: consciously not assessed, with the reason in not_assessed_reason.
    level = models.PositiveSmallIntegerField(
        _("maturity"), choices=MaturityLevel.choices, null=True, blank=True
    )
    motivation = models.TextField(_("motivation"), blank=True)
    not_assessed_reason = models.TextField(_("reason it is not assessed"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme maturity")
        verbose_name_plural = _("theme maturities")
        constraints = [
            models.UniqueConstraint(fields=["report", "theme"], name="unique_theme_maturity"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=5),
                name="maturity_level_range",
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=False) | ~models.Q(not_assessed_reason=""),
                name="maturity_assessed_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.theme.short_title} {self.level or '-'}"

    @property
    def is_assessed(self) -> bool:
        return self.level is not None


class Verdict(models.TextChoices):
    JA = "ja", _("Yes")
    DEELS = "deels", _("Partly")
    NEE = "nee", _("No")


class CriterionAnswer(models.Model):
    """One of the five characteristics of an Actieoverleg (toetsingskader), per report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.CharField(_("characteristic"), max_length=30, choices=CRITERION_CHOICES)
    # Empty: consciously not assessed, with the reason in not_assessed_reason.
    verdict = models.CharField(_("met"), max_length=10, choices=Verdict.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    not_assessed_reason = models.TextField(_("reason it is not assessed"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toetsingskader answer")
        verbose_name_plural = _("toetsingskader answers")
        constraints = [
            models.UniqueConstraint(fields=["report", "criterion"], name="unique_criterion"),
            models.CheckConstraint(
                condition=~models.Q(verdict="") | ~models.Q(not_assessed_reason=""),
                name="criterion_assessed_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.criterion} {self.verdict or '-'}"

    @property
    def is_assessed(self) -> bool:
        return bool(self.verdict)


class BottleneckCode(models.Model):
    """An answer coded with a bottleneck sub-theme; the basis of the national 'rode draad'."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="bottleneck_codes")
    code = models.CharField(_("bottleneck"), max_length=40, choices=BOTTLENECK_CHOICES)
    coded_at = models.DateTimeField(_("coded at"), auto_now_add=True)
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bottleneck code")
        verbose_name_plural = _("bottleneck codes")
        constraints = [
            models.UniqueConstraint(fields=["answer", "code"], name="unique_bottleneck_code"),
        ]

    def __str__(self) -> str:
        return f"{self.answer}: {self.code}"
