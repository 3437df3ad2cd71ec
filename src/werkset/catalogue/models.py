"""The instrument as published, immutable catalogue versions (loaded from data files).

Rows are only ever created by catalogue_version_publish; nothing edits them, so a
report made with a version reads the same questions for as long as it exists.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .validation import UNIVERSAL_CHOICES


class CatalogueVersion(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    edition = models.CharField(_("edition"), max_length=50)
    published_on = models.DateField(_("published on"))
    source = models.TextField(_("source"), blank=True)
    continues = models.ForeignKey(
        "self",
        verbose_name=_("continues version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="continued_by",
    )
    introduction = models.JSONField(_("introduction"), default=dict)
    element_definitions = models.JSONField(_("element definitions"), default=list)
    value_categories = models.JSONField(_("value categories"), default=list)
    # The listed differences with the version this one continues (catalogue/errata.py).
    errata = models.JSONField(_("errata"), default=list, blank=True)
    # Who a report with this version speaks for: "network" (a self-audit of the Regionaal
    # Netwerk Zorg-Straf, seed 003), "region", or "" where either may report (ADR 17, 31).
    unit = models.CharField(
        _("unit"),
        max_length=10,
        blank=True,
        choices=[("network", _("the regional network")), ("region", _("one region"))],
    )
    # The documents the questions name as their source: [{key, title}] (ADR 32).
    source_documents = models.JSONField(_("source documents"), default=list, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    source_file = models.CharField(_("source file"), max_length=200)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["published_on", "slug"]
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self) -> str:
        return f"{self.title} ({self.edition})"

    @property
    def for_network(self) -> bool:
        return self.unit == "network"

    def reports_for(self, *, region_unit: bool) -> bool:
        """Whether a report of one region (`region_unit`) or of a network may use this
        version: a network's self-audit (unit "network") is never a region's report. The
        start form offers, and report_start accepts, only such versions."""
        return not (region_unit and self.for_network)

    def value_category_title(self, key: str) -> str:
        return next((c["title"] for c in self.value_categories if c["key"] == key), key)


class AnswerType(models.Model):
    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.CASCADE, related_name="answer_types"
    )
    key = models.SlugField(_("key"))
    title = models.CharField(_("title"), max_length=200)
    explanation = models.TextField(_("explanation"))
    choices = models.JSONField(_("choices"), default=list)
    fields = models.JSONField(_("fields"), default=list)
    explanation_required = models.BooleanField(_("explanation required"), default=False)

    class Meta:
        ordering = ["version", "key"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_answer_type_key")
        ]
        verbose_name = _("answer type")
        verbose_name_plural = _("answer types")

    def __str__(self) -> str:
        return self.title

    @property
    def all_choices(self) -> list[dict[str, str]]:
        """The type's own choices followed by the honest answers onbekend and n.v.t."""
        return [*self.choices, *UNIVERSAL_CHOICES]


class Theme(models.Model):
    class Kind(models.TextChoices):
        SAMENHANG = "samenhang", _("Coherence")
        VERBETERACTIE = "verbeteractie", _("Improvement action")

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="themes")
    key = models.SlugField(_("key"))
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(_("short title"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    context = models.JSONField(_("context"), default=dict)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_theme_key")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title


class Element(models.Model):
    """One of the three elements of a theme (ontwikkel, uitvoering, waarde)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="elements")
    key = models.SlugField(_("key"))
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    definition = models.TextField(_("definition"))
    context_question = models.TextField(_("context question"))
    context = models.TextField(_("context"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["theme", "position"]
        constraints = [models.UniqueConstraint(fields=["theme", "key"], name="unique_element_key")]
        verbose_name = _("element")
        verbose_name_plural = _("elements")

    def __str__(self) -> str:
        return f"{self.theme.short_title}: {self.title}"


class Indicator(models.Model):
    """A question of the instrument; `key` is stable across exports and versions."""

    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.CASCADE, related_name="indicators"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="indicators")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(_("key"), max_length=150)
    position = models.PositiveIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=200)
    question = models.TextField(_("question"))
    help = models.TextField(_("help"), blank=True)
    group = models.CharField(_("group"), max_length=200, blank=True)
    value_category = models.CharField(_("value category"), max_length=50, blank=True)
    answer_type = models.ForeignKey(AnswerType, on_delete=models.PROTECT, related_name="indicators")
    field_labels = models.JSONField(_("field labels"), default=dict, blank=True)
    continues = models.JSONField(_("continues"), default=list, blank=True)
    # Where the question comes from: {document, title, passage} of a source document, or
    # {own_proposal} where werkset proposes it itself (issue 23, ADR 32); empty in versions
    # that name no sources per question.
    source = models.JSONField(_("source"), default=dict, blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_indicator_key")
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.key}: {self.label}"

    @property
    def fields(self) -> list[dict[str, Any]]:
        """The answer type's fields, with this indicator's own wording for their labels."""
        return [
            {**field, "label": self.field_labels.get(field["key"], field["label"])}
            for field in self.answer_type.fields
        ]
