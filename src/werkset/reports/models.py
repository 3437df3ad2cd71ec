"""A region's indicatorenrapportage for a period, its answers and its discussion.

State changes happen only in services.py and workflow.py (TRANSITIONS); a finalised report
never changes, a correction is a new report version that starts from it.
"""

import datetime
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from werkset.catalogue.models import CatalogueVersion, Element, Indicator, Theme
from werkset.regions.models import Region, RegionalNetwork

from .content_changes import ReportContentQuerySet

PERIOD_PATTERN = re.compile(r"^(?P<year>20\d{2})(-H(?P<half>[12]))?$")


def validate_period(value: str) -> None:
    if not PERIOD_PATTERN.match(value):
        raise ValidationError(
            _("Enter a year (2025) or a half year (2025-H1 or 2025-H2)."), code="period"
        )


def period_start(value: str) -> "datetime.date":
    """The first day of a period (a year, or a half year)."""
    match = PERIOD_PATTERN.match(value)
    if not match:
        raise ValueError(value)
    return datetime.date(int(match["year"]), 7 if match["half"] == "2" else 1, 1)


def period_label(value: str) -> str:
    match = PERIOD_PATTERN.match(value)
    if not match or not match["half"]:
        return value
    if match["half"] == "1":
        return str(_("first half of %(year)s") % {"year": match["year"]})
    return str(_("second half of %(year)s") % {"year": match["year"]})


class ReportStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_BESPREKING = "ter_bespreking", _("Under discussion")
    # The status, not the step of the same English name (workflow.py): "voorgelegd".
    VOORGELEGD = "voorgelegd", pgettext_lazy("report status", "Put to the network for decision")
    VASTGESTELD = "vastgesteld", _("Finalised")
    # Withdrawn by the national role (issue 19): it leaves every comparison, stays readable.
    INGETROKKEN = "ingetrokken", _("Withdrawn")


class Report(models.Model):
    """An indicatorenrapportage for a period, written for a regional network (RNZS) or for
    one of its Actieoverleg regions (issue 18): `region` empty means the network's report,
    whose answers hold for every region of the network unless an answer says otherwise for a
    region (Answer.regional)."""

    network = models.ForeignKey(
        RegionalNetwork,
        verbose_name=_("regional network"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    catalogue_version = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("catalogue version"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    number = models.PositiveSmallIntegerField(_("report version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.CONCEPT
    )
    # A new version of a finalised report; at most one that is not removed (constraint).
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )
    correction_reason = models.TextField(_("reason for the new version"), blank=True)
    started_from = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    # The network's decision (issue 19): the meeting at which it was decided, who decided
    # (the network, its chair), a note; recorded by the network's chair or secretary.
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=300, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Undo without loss (issue 19): a concept removed by its rapporteur (restorable for
    # REMOVED_KEPT_DAYS, then purged), a finalised report withdrawn by the national role.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_by_name = models.CharField(_("withdrawn by"), max_length=150, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    # The network's own story (seed 001): a title of its own, an introduction and a summary
    # that open the report document; empty means the catalogue's generic framing is used.
    title = models.CharField(_("title"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    story_revision = models.PositiveIntegerField(_("revision of the story"), default=0)

    class Meta:
        ordering = [
            "network__position",
            models.F("region__position").asc(nulls_first=True),
            "-period",
            "-number",
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period", "catalogue_version", "number"],
                condition=models.Q(region__isnull=False, removed_at__isnull=True),
                name="unique_report_version",
            ),
            models.UniqueConstraint(
                fields=["network", "period", "catalogue_version", "number"],
                condition=models.Q(region__isnull=True, removed_at__isnull=True),
                name="unique_network_report_version",
            ),
            # A removed concept does not block a new one (nor a new version of the same).
            models.UniqueConstraint(
                fields=["corrects"],
                condition=models.Q(corrects__isnull=False, removed_at__isnull=True),
                name="unique_correction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_label} (v{self.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A region's report belongs to the region's network: one source for it.
        if self.region_id is not None:
            self.network_id = self.region.network_id  # type: ignore[union-attr]
        super().save(*args, **kwargs)

    @property
    def is_network_report(self) -> bool:
        return self.region_id is None

    def get_workspace_url(self) -> str:
        """The workspace of who the report is for (the region's or the network's)."""
        if self.region_id is None:
            return reverse("network_workspace", args=[self.network.code])
        return reverse("region_workspace", args=[self.region.code])  # type: ignore[union-attr]

    @property
    def unit(self) -> Region | RegionalNetwork:
        """Who the report is for: its region, or its network."""
        return self.network if self.region_id is None else self.region  # type: ignore[return-value]

    @property
    def period_label(self) -> str:
        return period_label(self.period)

    @property
    def is_final(self) -> bool:
        return self.status == ReportStatus.VASTGESTELD

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ReportStatus.INGETROKKEN

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Answer(models.Model):
    """The region's answer to one indicator. `revision` guards against silent overwrites."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    choice = models.CharField(_("answer"), max_length=50, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    perspectives = models.JSONField(_("perspectives"), default=dict, blank=True)
    # In a network's report, where its regions differ: per region code the region's own
    # {"choice", "explanation", "figures"} (issue 18, ADR 16). Comparisons use it for that
    # region and the network's answer for the others. Guarded by `revision` like the rest.
    regional = models.JSONField(_("answers per region"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    carried_over = models.BooleanField(
        _("carried over"),
        default=False,
        help_text=_("Copied from an earlier report as a starting point and not yet changed."),
    )
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        ordering = ["report", "indicator__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_answer")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.indicator.key}"


class ChangeSource(models.TextChoices):
    EDIT = "bewerking", _("Edit")
    AUTOSAVE = "autosave", _("Saved automatically")
    IMPORT = "import", _("Import")
    CARRIED_OVER = "overgenomen", _("Carried over from an earlier report")
    CORRECTION = "correctie", _("New version after finalisation")
    PROPOSAL = "voorstel", _("Proposal of a network member, accepted")
    # Issue 24: the Actieoverleg's Uitvoeringsinspanningen measured in its register.
    REGISTER = "register", _("Proposed from the Actieoverleg register, accepted")


class AnswerChange(models.Model):
    """One change to an answer: who, when, old and new. Never edited afterwards, except that
    quick successive saves by the same person fold into one entry."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="changes")
    revision = models.PositiveIntegerField(_("revision"))
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by_name = models.CharField(_("changed by"), max_length=150)
    # An accepted correction proposal (ADR 21): who proposed the value the writer accepted.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_name = models.CharField(_("proposed by"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=ChangeSource.choices)
    before = models.JSONField(_("before"))
    after = models.JSONField(_("after"))

    class Meta:
        ordering = ["answer", "-revision", "-id"]
        verbose_name = _("answer change")
        verbose_name_plural = _("answer changes")

    def __str__(self) -> str:
        return f"{self.answer} r{self.revision} ({self.changed_by_name})"


class SectionText(models.Model):
    """The running text of the report per theme, or per element of a theme."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="section_texts")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    element = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("section text")
        verbose_name_plural = _("section texts")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "theme"],
                condition=models.Q(element__isnull=True),
                name="unique_theme_text",
            ),
            models.UniqueConstraint(
                fields=["report", "theme", "element"],
                condition=models.Q(element__isnull=False),
                name="unique_element_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.theme.short_title} {self.element.key if self.element else ''}"


class ReportSection(models.Model):
    """A chapter or paragraph of the report's own (seed 001's chapter on ex-partner stalking).

    A chapter (`is_chapter`) stands after the theme chapter `theme` (or, without a theme,
    before the first one); a paragraph stands within the chapter of `theme`, after the
    block of `element` (or, without an element, after the theme's own running text)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="own_sections")
    is_chapter = models.BooleanField(_("chapter of its own"), default=False)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    element = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("own section")
        verbose_name_plural = _("own sections")
        constraints = [
            models.CheckConstraint(
                name="own_paragraph_has_theme",
                condition=models.Q(is_chapter=True) | models.Q(theme__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title


class PracticeKind(models.TextChoices):
    CASE_REVIEW = "casusreview", _("Case review")
    WHAT_IF = "what-if", _('"What if" scenario')
    INTERVIEW = "interview", _("Interview")
    WORK_PLAN = "werkplan", _("Work plan")
    PROCEDURE = "procedure", _("Procedure or work process")
    OVER_TIME = "vergelijking", _("Comparison over time")
    OTHER = "anders", _("Other storytelling")


class ReportItem(models.Model):
    """Something set apart in a theme: shared fields of practice items, quotes and sources."""

    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    element = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Where the item stands in the running text: in the text of (theme, element), or of an
    # own section, after paragraph `paragraph` (counted from 1; empty: after the text).
    section = models.ForeignKey(
        ReportSection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paragraph = models.PositiveSmallIntegerField(_("after paragraph"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class PracticeItem(ReportItem):
    """An 'Uit de praktijk' box: a case review, scenario, interview, work plan, ..."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="practice_items")
    kind = models.CharField(_("kind"), max_length=20, choices=PracticeKind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=500, blank=True)
    # An image (a clipping, an infographic, a slide): PNG or JPEG, re-encoded without its
    # metadata when stored; the alternative text is required with it.
    image = models.FileField(_("image"), upload_to="practice/", blank=True, max_length=200)
    image_alt = models.CharField(_("alternative text"), max_length=500, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)

    class Meta(ReportItem.Meta):
        verbose_name = _("practice item")
        verbose_name_plural = _("practice items")

    def __str__(self) -> str:
        return self.title


class Quote(ReportItem):
    """A quote from a network member; anonymous unless the speaker agreed otherwise."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"))
    attribution = models.CharField(
        _("attribution"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for an anonymous quote; otherwise e.g. a role and organisation."),
    )

    class Meta(ReportItem.Meta):
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return self.text[:60]


class SourceDocument(ReportItem):
    """A bron: a document the report draws on."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)

    class Meta(ReportItem.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title


class CommentKind(models.TextChoices):
    REMARK = "opmerking", _("Remark")
    CORRECTION = "correctie", _("Factual correction")


class Comment(models.Model):
    """A network member's comment on an answer or a section, resolved by the rapporteur."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CommentKind.choices)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=150)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)

    objects = ReportContentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class StatusChange(models.Model):
    """Every transition of a report: from, to, who and when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=20, choices=ReportStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by_name = models.CharField(_("changed by"), max_length=150)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.report}: {self.from_status} → {self.to_status}"


# Correction proposals live in a module of their own (this one is long enough).
from .proposal_models import CorrectionProposal, ProposalStatus  # noqa: E402, F401
