"""The kennisbank (issue 24): the searchable passages of finalised reports, and the practice
items an improvement point links as inspiration.

A Passage is a copy of one searchable piece of a finalised report (a practice item, quote,
source or running text), with what the filters need. The index is kept by indexing.py from
the reports' domain events; it never holds concept text. PostgreSQL searches the stored
`search_vector` (GIN index, Dutch configuration); SQLite searches the FTS5 table
`knowledge_passage_fts` that triggers keep in step with this table (fts_sqlite.py, ADR 27).
Both the index and the table are made in migration 0001, each only on its own database.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import Theme
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import PracticeItem, Report, period_label


class PassageKind(models.TextChoices):
    PRACTICE = "praktijk", _("From practice")
    QUOTE = "citaat", _("Quote")
    SOURCE = "bron", _("Source")
    TEXT = "tekst", _("Running text")


class Passage(models.Model):
    """One searchable piece of a finalised report, where it stands (`anchor`) and what the
    filters need (its theme's key, the report's unit and period)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(RegionalNetwork, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=7)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme_key = models.SlugField(_("theme"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PassageKind.choices)
    practice_item = models.ForeignKey(
        PracticeItem, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    anchor = models.CharField(max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    # PostgreSQL only (indexing.py fills it); on SQLite the FTS5 table does the work.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        indexes = [models.Index(fields=["report"], name="knowledge_passage_report")]

    def __str__(self) -> str:
        return self.title or self.body[:60]

    def get_absolute_url(self) -> str:
        """The report's page at the passage: its theme page, or its overview."""
        if self.theme_key:
            url = reverse("reports:theme", args=[self.report_id, self.theme_key])
        else:
            url = reverse("reports:detail", args=[self.report_id])
        return f"{url}#{self.anchor}" if self.anchor else url

    @property
    def period_label(self) -> str:
        return period_label(self.period)


class FtsColumn(models.TextField):
    """A column of the FTS5 table: it takes the `fts_match` lookup (fts_sqlite.py)."""


class PassageFts(models.Model):
    """SQLite's FTS5 table over Passage (title, body), read only through fts_sqlite.py; it
    exists only on SQLite (migration 0001)."""

    passage = models.OneToOneField(
        Passage,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts",
    )
    title = FtsColumn()
    body = FtsColumn()

    class Meta:
        managed = False
        db_table = "knowledge_passage_fts"

    def __str__(self) -> str:
        return str(self.title)


class Inspiration(models.Model):
    """A practice item of another network's finalised report, linked to an improvement point
    as inspiration."""

    point = models.ForeignKey(
        "improvement.ImprovementPoint", on_delete=models.CASCADE, related_name="inspirations"
    )
    practice_item = models.ForeignKey(PracticeItem, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("inspiration")
        verbose_name_plural = _("inspirations")
        constraints = [
            models.UniqueConstraint(fields=["point", "practice_item"], name="unique_inspiration")
        ]

    def __str__(self) -> str:
        return f"{self.point_id}: {self.practice_item_id}"
