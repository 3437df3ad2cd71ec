"""Reading reports within a user's scope: lists, progress, a theme's answers, history."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Count, Model, Q, QuerySet

from werkset.accounts.scope import Scope
from werkset.catalogue.models import Element, Indicator, Theme
from werkset.catalogue.structure import catalogue_structure

from .answers import AnswerContent, answer_is_complete, content_of
from .models import (
    Answer,
    AnswerChange,
    Comment,
    PracticeItem,
    Quote,
    Report,
    ReportItem,
    ReportStatus,
    SectionText,
    SourceDocument,
)

_Row = TypeVar("_Row", bound=Model)
_Item = TypeVar("_Item", bound=ReportItem)


def reports_visible(*, scope: Scope) -> QuerySet[Report]:
    """Finalised reports for every role; work in progress only for the region's own people."""
    if not scope.roles:
        return Report.objects.none()
    return Report.objects.filter(
        Q(status=ReportStatus.VASTGESTELD) | Q(region_id__in=scope.full_view_region_ids)
    ).select_related("region__network", "catalogue_version")


def report_visible(*, scope: Scope, report_id: int) -> Report:
    """The report if this scope may see it; Report.DoesNotExist otherwise (a 404, not a 403,
    so that nobody learns which concepts exist elsewhere)."""
    return reports_visible(scope=scope).get(pk=report_id)


def report_is_latest(report: Report) -> bool:
    return not Report.objects.filter(corrects=report).exists()


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


def _rows(model: type[_Row], where: str, params: Sequence[Any]) -> list[_Row]:
    """The rows of one table that match a plain WHERE clause, read with Model.objects.raw().

    The theme page reads seven small sets of the report's own rows on every request; building
    each with the ORM's query compiler cost more than reading it (about 0.35 ms a query on
    the benchmark machine, ADR 0011). `where` is a constant of this module and every value
    goes in `params`; the columns are Django's own names for these fields."""
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"SELECT * FROM {table} WHERE {where}"  # noqa: S608 (constant clause, values as params)
    return list(model._default_manager.raw(sql, params))


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values)) or "NULL"


def _theme_items(model: type[_Item], *, report: Report, theme: Theme) -> list[_Item]:
    """A theme's practice items, quotes or sources, in their order."""
    items = _rows(model, "report_id = %s AND theme_id = %s", [report.pk, theme.pk])
    return sorted(items, key=lambda item: (item.position, item.pk))


def report_theme(*, report: Report, theme: Theme) -> ThemeView:
    """A theme of a report: its elements with answers, comments, running text and items.

    The theme's elements and indicators come from the catalogue structure that this process
    keeps (catalogue.structure); the queries read only the report's own rows."""
    structure = catalogue_structure(version=report.catalogue_version)
    indicators = {indicator.pk: indicator for indicator in structure.theme_indicators(theme)}
    indicator_ids = list(indicators)
    answers = _rows(
        Answer,
        f"report_id = %s AND indicator_id IN ({_placeholders(indicator_ids)})",
        [report.pk, *indicator_ids],
    )
    for answer in answers:
        answer.indicator = indicators[answer.indicator_id]
    answers.sort(key=lambda answer: answer.indicator.position)
    # The theme's own comments and those on its answers, in one query, in order of writing.
    answer_ids = [answer.pk for answer in answers]
    comments = _rows(
        Comment,
        f"report_id = %s AND (answer_id IN ({_placeholders(answer_ids)}) "
        "OR (answer_id IS NULL AND theme_id = %s))",
        [report.pk, *answer_ids, theme.pk],
    )
    answer_comments: dict[int, list[Comment]] = defaultdict(list)
    theme_comments = []
    for comment in sorted(comments, key=lambda comment: (comment.created_at, comment.pk)):
        if comment.answer_id is None:
            theme_comments.append(comment)
        else:
            answer_comments[comment.answer_id].append(comment)
    texts = {
        text.element_id: text
        for text in _rows(SectionText, "report_id = %s AND theme_id = %s", [report.pk, theme.pk])
    }
    by_element: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_element[answer.indicator.element_id].append(answer)
    practice = _theme_items(PracticeItem, report=report, theme=theme)
    quotes = _theme_items(Quote, report=report, theme=theme)
    return ThemeView(
        theme=theme,
        elements=[
            ElementView(
                element=element,
                answers=by_element.get(element.pk, []),
                text=texts.get(element.pk),
                practice_items=[p for p in practice if p.element_id == element.pk],
                quotes=[q for q in quotes if q.element_id == element.pk],
            )
            for element in structure.theme_elements(theme)
        ],
        text=texts.get(None),
        practice_items=[p for p in practice if p.element_id is None],
        quotes=[q for q in quotes if q.element_id is None],
        sources=_theme_items(SourceDocument, report=report, theme=theme),
        comments=theme_comments,
        answer_comments=dict(answer_comments),
    )


def answer_history(*, answer: Answer) -> QuerySet[AnswerChange]:
    return answer.changes.select_related("changed_by").order_by("-revision", "-id")


@dataclass(frozen=True)
class AnswerDifference:
    indicator: Indicator
    before: AnswerContent
    after: AnswerContent


def report_differences(*, old: Report, new: Report) -> list[AnswerDifference]:
    """The answers that differ between two versions of a report, in catalogue order."""
    old_answers = {a.indicator_id: a for a in old.answers.all()}
    differences = []
    for answer in new.answers.select_related("indicator").order_by("indicator__position"):
        before = old_answers.get(answer.indicator_id)
        before_content = content_of(before) if before else AnswerContent()
        if content_of(answer) != before_content:
            differences.append(
                AnswerDifference(
                    indicator=answer.indicator, before=before_content, after=content_of(answer)
                )
            )
    return differences


def report_versions(*, report: Report) -> list[Report]:
    """All versions of the same region, period and catalogue, oldest first."""
    return list(
        Report.objects.filter(
            region=report.region,
            period=report.period,
            catalogue_version=report.catalogue_version,
        ).order_by("number")
    )
