"""Reading reports within a user's scope: lists, progress, a theme's answers, history."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from werkset.accounts.scope import Scope
from werkset.catalogue.models import Element, Indicator, Theme
from werkset.catalogue.structure import catalogue_structure
from werkset.regions.models import Organisation, Region, RegionalNetwork
from werkset.regions.selectors import organisations_in_order, regions_in_order

from .answers import answer_is_complete, content_of
from .content_changes import content_stamp, kept_rows
from .models import (
    Answer,
    AnswerChange,
    Comment,
    PracticeItem,
    Quote,
    Report,
    ReportSection,
    ReportStatus,
    SectionText,
    SourceDocument,
)
from .numbering import ItemNumber
from .policy import REMOVED_KEPT_DAYS, report_may_start, reports_seen_by
from .story_selectors import report_sections, report_story_outline


def _visible(scope: Scope) -> Q:
    return reports_seen_by(scope)


def reports_visible(*, scope: Scope) -> QuerySet[Report]:
    """Finalised reports for every role; work in progress only for the region's own people."""
    if not scope.roles:
        return Report.objects.none()
    return Report.objects.filter(_visible(scope)).select_related(
        "region__network", "catalogue_version"
    )


def reports_compared(*, scope: Scope) -> QuerySet[Report]:
    """The reports that take part in comparisons, the national picture and the improvement
    cycle's figures: those visible, without withdrawn ones (issue 19; a withdrawn report
    stays readable in its history, but no longer counts). Every comparison starts here."""
    return reports_visible(scope=scope).exclude(status=ReportStatus.INGETROKKEN)


def _live_correction() -> Exists:
    return Exists(Report.objects.filter(corrects=OuterRef("pk"), removed_at__isnull=True))


def reports_current(reports: QuerySet[Report]) -> QuerySet[Report]:
    """These reports without the versions that a newer version replaces (a correction that
    is not removed): what is offered for peer audits."""
    return reports.filter(~_live_correction())


def report_correction(report: Report) -> Report | None:
    """The newer version that replaces this decided one (not a removed one), if any: its
    number, date and reason are shown on the old version (issue 19)."""
    if report.status not in (ReportStatus.VASTGESTELD, ReportStatus.INGETROKKEN):
        return None
    return (
        Report.objects.filter(corrects=report, removed_at__isnull=True)
        .order_by()
        .only("id", "number", "status", "created_at", "finalised_at", "correction_reason")
        .first()
    )


def reports_removed(
    *, scope: Scope, network: RegionalNetwork, region: Region | None
) -> QuerySet[Report]:
    """The concepts of a workspace that were removed less than REMOVED_KEPT_DAYS ago, for
    the rapporteurs who may restore them; none for anyone else."""
    region_id = region.pk if region is not None else None
    if not report_may_start(scope, network_id=network.pk, region_id=region_id):
        return Report.objects.none()
    since = timezone.now() - timedelta(days=REMOVED_KEPT_DAYS)
    return (
        Report.objects.filter(
            network=network, region=region, removed_at__isnull=False, removed_at__gte=since
        )
        .select_related("catalogue_version", "removed_by")
        .order_by("-removed_at")
    )


def report_removed(*, scope: Scope, report_id: int) -> Report:
    """A removed concept this scope may restore; Report.DoesNotExist otherwise."""
    report = (
        Report.objects.filter(removed_at__isnull=False)
        .select_related("region", "network", "catalogue_version")
        .order_by()
        .get(pk=report_id)
    )
    if not report_may_start(scope, network_id=report.network_id, region_id=report.region_id):
        raise Report.DoesNotExist("Report matching query does not exist.")
    return report


def report_visible(*, scope: Scope, report_id: int, with_stamp: bool = False) -> Report:
    """The report if this scope may see it; Report.DoesNotExist otherwise (a 404, not a 403,
    so that nobody learns which concepts exist elsewhere).

    It comes with its region, network and catalogue version, which every report page uses
    (the network names a network's own report). `with_stamp`: with its content stamp too,
    under which a page may keep the rows it reads next (reports.content_changes, ADR 33)."""
    if not scope.roles:
        raise Report.DoesNotExist("Report matching query does not exist.")
    reports = Report.objects.filter(_visible(scope))
    if with_stamp:
        reports = reports.annotate(content_stamp=content_stamp())
    return (
        reports.select_related("region", "network", "catalogue_version")
        .order_by()
        .get(pk=report_id)
    )


def network_regions(report: Report) -> list[Region]:
    """The regions a network's report answers for, each of which may have its own answer;
    none for a region's report."""
    if report.region_id is not None:
        return []
    return [r for r in regions_in_order() if r.network_id == report.network_id]


def partner_organisations() -> list[Organisation]:
    """Every partner organisation in the register, in its order: reports.policy decides which
    of them an answer's form asks for (regions keeps the list)."""
    return organisations_in_order()


def report_answer_visible(
    *, scope: Scope, report_id: int, answer_id: int
) -> tuple[Report, Answer, list[Organisation]]:
    """A visible report, one of its answers and the partner organisations (whose
    perspectives an answer holds): the autosave's reads.

    Report.DoesNotExist or Answer.DoesNotExist when the report is not visible or the answer
    is not one of its own; the answer is only returned with its report."""
    report = report_visible(scope=scope, report_id=report_id)
    answer = Answer.objects.order_by().get(pk=answer_id, report_id=report.pk)
    answer.report = report
    return report, answer, list(partner_organisations())


def report_is_latest(report: Report) -> bool:
    return not Report.objects.filter(corrects=report, removed_at__isnull=True).exists()


@dataclass
class Progress:
    answered: int = 0
    total: int = 0

    @property
    def percentage(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered == self.total

    @property
    def open(self) -> int:
        return self.total - self.answered


@dataclass
class ElementProgress:
    element: Element
    progress: Progress
    open_indicators: list[Indicator] = field(default_factory=list)


@dataclass
class ThemeProgress:
    theme: Theme
    progress: Progress
    elements: list[ElementProgress]
    open_comments: int = 0


@dataclass
class ReportProgress:
    total: Progress
    themes: list[ThemeProgress]


def report_progress(*, report: Report) -> ReportProgress:
    """Answered / total per element, theme and report, and what is still open: two queries."""
    answers = Answer.objects.filter(report=report).select_related(
        "indicator__answer_type", "indicator__element__theme"
    )
    comment_counts = dict(
        Comment.objects.filter(report=report, resolved_at__isnull=True)
        .values_list("theme_id")
        .annotate(n=Count("id"))
        .values_list("theme_id", "n")
    )
    themes: dict[int, ThemeProgress] = {}
    elements: dict[int, ElementProgress] = {}
    total = Progress()
    for answer in sorted(answers, key=lambda a: a.indicator.position):
        indicator = answer.indicator
        element = indicator.element
        theme = element.theme
        if theme.pk not in themes:
            themes[theme.pk] = ThemeProgress(
                theme=theme,
                progress=Progress(),
                elements=[],
                open_comments=comment_counts.get(theme.pk, 0),
            )
        if element.pk not in elements:
            elements[element.pk] = ElementProgress(element=element, progress=Progress())
            themes[theme.pk].elements.append(elements[element.pk])
        done = answer_is_complete(indicator.answer_type, content_of(answer))
        for progress in (total, themes[theme.pk].progress, elements[element.pk].progress):
            progress.total += 1
            progress.answered += done
        if not done:
            elements[element.pk].open_indicators.append(indicator)
    ordered = sorted(themes.values(), key=lambda t: t.theme.position)
    return ReportProgress(total=total, themes=ordered)


@dataclass
class ElementView:
    element: Element
    answers: list[Answer]
    text: SectionText | None
    practice_items: list[Any]
    quotes: list[Any]
    # The network's own paragraphs placed after this element's block (issue 18).
    own_paragraphs: list[ReportSection] = field(default_factory=list)

    @property
    def progress(self) -> Progress:
        answered = sum(
            answer_is_complete(a.indicator.answer_type, content_of(a)) for a in self.answers
        )
        return Progress(answered=answered, total=len(self.answers))


@dataclass
class ThemeView:
    theme: Theme
    elements: list[ElementView]
    text: SectionText | None
    practice_items: list[Any]
    quotes: list[Any]
    sources: list[Any]
    comments: list[Comment]
    answer_comments: dict[int, list[Comment]] = field(default_factory=dict)
    organisations: list[Organisation] = field(default_factory=list)
    # The network's own story in this theme's chapter (issue 18): own paragraphs after the
    # theme's text, own chapters after the theme, the items placed in them per section, the
    # practice items' numbers (reports/numbering.py) and this chapter's number.
    own_paragraphs: list[ReportSection] = field(default_factory=list)
    own_chapters: list[ReportSection] = field(default_factory=list)
    section_practice: dict[int, list[Any]] = field(default_factory=dict)
    section_quotes: dict[int, list[Any]] = field(default_factory=dict)
    numbers: dict[int, ItemNumber] = field(default_factory=dict)
    chapter_number: int = 0


@dataclass(frozen=True)
class ThemeRows:
    """The report's own rows that a theme page shows, as read (kept under the report's
    content stamp: reports.content_changes)."""

    answers: list[Answer]
    comments: list[Comment]
    texts: list[SectionText]
    practice: list[PracticeItem]  # every practice item of the report (for the numbering)
    quotes: list[Quote]
    sources: list[SourceDocument]
    sections: list[ReportSection]  # every own section of the report


def _theme_rows(*, report: Report, theme: Theme, indicator_ids: list[int]) -> ThemeRows:
    answers = list(Answer.objects.filter(report=report, indicator_id__in=indicator_ids).order_by())
    # The theme's own comments and those on its answers.
    comments = (
        Comment.objects.filter(report=report)
        .filter(Q(answer_id__in=[a.pk for a in answers]) | Q(answer__isnull=True, theme=theme))
        .order_by("created_at", "id")
    )
    own = {"report": report, "theme": theme}
    return ThemeRows(
        answers=answers,
        comments=list(comments),
        texts=list(SectionText.objects.filter(**own).order_by()),
        practice=list(PracticeItem.objects.filter(report=report).order_by("position", "id")),
        quotes=list(Quote.objects.filter(**own).order_by("position", "id")),
        sources=list(SourceDocument.objects.filter(**own).order_by("position", "id")),
        sections=report_sections(report=report),
    )


def report_theme(*, report: Report, theme: Theme) -> ThemeView:
    """A theme of a report: its elements with answers, comments, running text and items, and
    the partner organisations (reports.policy says whose perspective each answer asks for).

    The theme's elements and indicators come from the catalogue structure that this process
    keeps (catalogue.structure); the queries read only the report's own rows, each ordered
    by its own columns (no joins), the answers in catalogue order here; they are kept under
    the report's content stamp when the report was read with one (ADR 33)."""
    structure = catalogue_structure(version=report.catalogue_version)
    indicators = {indicator.pk: indicator for indicator in structure.theme_indicators(theme)}
    rows = kept_rows(
        report=report,
        part=f"theme:{theme.pk}",
        read=lambda: _theme_rows(report=report, theme=theme, indicator_ids=list(indicators)),
    )
    answers, comments, texts = list(rows.answers), rows.comments, rows.texts
    all_practice, quotes, sources = rows.practice, rows.quotes, rows.sources
    practice = [item for item in all_practice if item.theme_id == theme.pk]
    organisations = list(partner_organisations())
    for answer in answers:
        answer.indicator = indicators[answer.indicator_id]
    answers.sort(key=lambda answer: answer.indicator.position)
    answer_comments: dict[int, list[Comment]] = defaultdict(list)
    theme_comments = []
    for comment in comments:
        if comment.answer_id is None:
            theme_comments.append(comment)
        else:
            answer_comments[comment.answer_id].append(comment)
    texts_by_element = {text.element_id: text for text in texts}
    by_element: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_element[answer.indicator.element_id].append(answer)
    outline = report_story_outline(report=report, practice=all_practice, sections=rows.sections)
    own_sections = [s for s in outline.sections if s.theme_id == theme.pk]
    known = {s.pk for s in own_sections}
    section_practice: dict[int, list[Any]] = defaultdict(list)
    section_quotes: dict[int, list[Any]] = defaultdict(list)
    for item in practice:
        if item.section_id is not None and item.section_id in known:
            section_practice[item.section_id].append(item)
    for quote in quotes:
        if quote.section_id is not None and quote.section_id in known:
            section_quotes[quote.section_id].append(quote)
    # The items that stand in the theme's and elements' own texts.
    practice = [p for p in practice if p.section_id not in known]
    quotes = [q for q in quotes if q.section_id not in known]

    def paragraphs_after(element_id: int | None) -> list[ReportSection]:
        return [s for s in own_sections if not s.is_chapter and s.element_id == element_id]

    return ThemeView(
        theme=theme,
        elements=[
            ElementView(
                element=element,
                answers=by_element.get(element.pk, []),
                text=texts_by_element.get(element.pk),
                practice_items=[p for p in practice if p.element_id == element.pk],
                quotes=[q for q in quotes if q.element_id == element.pk],
                own_paragraphs=paragraphs_after(element.pk),
            )
            for element in structure.theme_elements(theme)
        ],
        text=texts_by_element.get(None),
        practice_items=[p for p in practice if p.element_id is None],
        quotes=[q for q in quotes if q.element_id is None],
        sources=sources,
        comments=theme_comments,
        answer_comments=dict(answer_comments),
        organisations=organisations,
        own_paragraphs=paragraphs_after(None),
        own_chapters=[s for s in own_sections if s.is_chapter],
        section_practice=dict(section_practice),
        section_quotes=dict(section_quotes),
        numbers=outline.numbers,
        chapter_number=outline.chapter_number(theme_id=theme.pk),
    )


def answer_history(*, answer: Answer) -> QuerySet[AnswerChange]:
    return answer.changes.select_related("changed_by").order_by("-revision", "-id")


def report_versions(*, report: Report) -> list[Report]:
    """All versions of the same unit, period and catalogue, oldest first (no removed ones)."""
    return list(
        Report.objects.filter(
            network_id=report.network_id,
            region=report.region,
            period=report.period,
            catalogue_version=report.catalogue_version,
            removed_at__isnull=True,
        ).order_by("number")
    )
