"""Reading reports for comparison, within the viewer's scope, in a constant number of queries.

Which report stands for a region in a period: its latest finalised version. For the viewer's
own region(s) (those whose work in progress the scope shows) without a finalised report, the
latest version is shown too, marked as concept and left out of every statistic. Another
region's concept never appears: the report query is reports_visible(scope=...).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus
from werkset.reports.selectors import reports_visible

from .models import BottleneckCode, CriterionAnswer, ThemeMaturity, Verdict
from .statistics import FIGURE_KINDS, Distribution, distribution, figure_number, group_by
from .vocabulary import BOTTLENECK_CATEGORIES, CRITERIA, Bottleneck, BottleneckCategory


@dataclass(frozen=True)
class Entry:
    """A region's report in a comparison."""

    report: Report
    is_final: bool
    is_own: bool

    @property
    def region(self) -> Region:
        return self.report.region


def catalogue_default() -> CatalogueVersion | None:
    return CatalogueVersion.objects.order_by("-published_on", "-slug").first()


def periods_available(*, scope: Scope) -> tuple[list[str], str]:
    """Periods with a report this scope may compare (newest first), and the default: the
    newest period with a finalised report (one query)."""
    rows = set(reports_visible(scope=scope).values_list("period", "status").distinct())
    periods = sorted({period for period, _status in rows}, reverse=True)
    final = sorted(
        (period for period, status in rows if status == ReportStatus.VASTGESTELD), reverse=True
    )
    return periods, (final or periods or [""])[0]


def _pick(reports: Iterable[Report], scope: Scope) -> list[Entry]:
    by_region: dict[int, list[Report]] = defaultdict(list)
    for report in reports:
        by_region[report.region_id].append(report)
    entries = []
    for versions in by_region.values():
        final = [r for r in versions if r.status == ReportStatus.VASTGESTELD]
        own = versions[0].region_id in scope.full_view_region_ids
        if final:
            entries.append(Entry(max(final, key=lambda r: r.number), True, own))
        elif own:
            entries.append(Entry(max(versions, key=lambda r: r.number), False, True))
    return sorted(entries, key=lambda e: (e.region.position, e.region.name))


def comparison_entries(
    *, scope: Scope, period: str, catalogue: CatalogueVersion | None
) -> list[Entry]:
    """One entry per region for the period (one query)."""
    if catalogue is None:
        return []
    reports = reports_visible(scope=scope).filter(period=period, catalogue_version=catalogue)
    return _pick(reports, scope)


def entries_per_period(
    *, scope: Scope, catalogue: CatalogueVersion | None, region: Region | None = None
) -> dict[str, list[Entry]]:
    """Entries for every period, oldest period first (one query)."""
    if catalogue is None:
        return {}
    reports = reports_visible(scope=scope).filter(catalogue_version=catalogue)
    if region is not None:
        reports = reports.filter(region=region)
    per_period: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        per_period[report.period].append(report)
    return {period: _pick(per_period[period], scope) for period in sorted(per_period)}


def theme_indicators(*, catalogue: CatalogueVersion, theme: Theme | None) -> list[Indicator]:
    """The indicators (with answer type and element) of a theme, or of the whole catalogue."""
    indicators = Indicator.objects.filter(version=catalogue).select_related(
        "answer_type", "element", "theme"
    )
    if theme is not None:
        indicators = indicators.filter(theme=theme)
    return list(indicators.order_by("position"))


def answers_for(
    *, entries: Iterable[Entry], indicators: Iterable[Indicator]
) -> dict[tuple[int, int], Answer]:
    """The answers of these reports to these indicators, keyed (report id, indicator id)."""
    report_ids = [e.report.pk for e in entries]
    indicator_ids = [i.pk for i in indicators]
    if not report_ids or not indicator_ids:
        return {}
    answers = Answer.objects.filter(report_id__in=report_ids, indicator_id__in=indicator_ids).only(
        "id", "report_id", "indicator_id", "choice", "explanation", "figures"
    )
    return {(a.report_id, a.indicator_id): a for a in answers}


# Side by side -------------------------------------------------------------------------


@dataclass
class Cell:
    entry: Entry
    answer: Answer | None
    choice_label: str = ""
    figures: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def choice_css(self) -> str:
        choice = self.answer.choice if self.answer else ""
        if choice in ("ja", "deels", "nee", "onbekend", "nvt"):
            return f"choice--{choice}"
        return "choice--other"


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell]


def side_by_side(
    *, entries: list[Entry], indicators: list[Indicator], answers: dict[tuple[int, int], Answer]
) -> list[Row]:
    from werkset.reports.forms import figure_display

    rows = []
    for indicator in indicators:
        labels = {c["key"]: c["label"] for c in indicator.answer_type.all_choices}
        cells = []
        for entry in entries:
            answer = answers.get((entry.report.pk, indicator.pk))
            cell = Cell(entry=entry, answer=answer)
            if answer is not None:
                cell.choice_label = labels.get(answer.choice, answer.choice)
                cell.figures = [
                    (spec["label"], figure_display(spec, answer.figures.get(spec["key"])))
                    for spec in indicator.fields
                    if answer.figures.get(spec["key"]) not in (None, "", [])
                ]
            cells.append(cell)
        rows.append(Row(indicator=indicator, cells=cells))
    return rows


# Bandwidth ----------------------------------------------------------------------------


@dataclass
class Point:
    entry: Entry
    value: Decimal


@dataclass
class Figure:
    """One typed field of one indicator across regions."""

    indicator: Indicator
    spec: dict[str, Any]
    points: list[Point]
    stats: Distribution | None

    @property
    def slug(self) -> str:
        return f"{self.indicator.key}.{self.spec['key']}"

    @property
    def unit(self) -> str:
        if self.spec["kind"] == "frequentie":
            return "per jaar"
        if self.spec["kind"] == "euro":
            return "euro"
        return str(self.spec.get("unit", ""))

    @property
    def final_points(self) -> list[Point]:
        return [p for p in self.points if p.entry.is_final]


def figure_specs(indicator: Indicator) -> list[dict[str, Any]]:
    return [spec for spec in indicator.fields if spec["kind"] in FIGURE_KINDS]


def bandwidth(
    *, entries: list[Entry], indicators: list[Indicator], answers: dict[tuple[int, int], Answer]
) -> list[Figure]:
    """Every typed figure: each region's value and, over finalised reports, min/median/max."""
    figures = []
    for indicator in indicators:
        for spec in figure_specs(indicator):
            points = []
            for entry in entries:
                answer = answers.get((entry.report.pk, indicator.pk))
                value = figure_number(spec, answer.figures.get(spec["key"])) if answer else None
                if value is not None:
                    points.append(Point(entry=entry, value=value))
            stats = distribution(p.value for p in points if p.entry.is_final)
            figures.append(Figure(indicator=indicator, spec=spec, points=points, stats=stats))
    return figures


# Groups -------------------------------------------------------------------------------


@dataclass
class GroupedFigure:
    figure: Figure
    groups: dict[str, Distribution | None]


@dataclass
class Grouping:
    split: Indicator
    labels: dict[str, str]
    members: dict[str, list[Entry]]
    figures: list[GroupedFigure]


def grouping(
    *,
    entries: list[Entry],
    split: Indicator,
    indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
) -> Grouping:
    """Split the finalised reports by their choice on `split` and compare every figure."""
    labels = {c["key"]: c["label"] for c in split.answer_type.all_choices}
    keys: dict[int, str] = {}
    members: dict[str, list[Entry]] = {key: [] for key in labels}
    for entry in entries:
        answer = answers.get((entry.report.pk, split.pk))
        if entry.is_final and answer is not None and answer.choice:
            keys[entry.report.pk] = answer.choice
            members.setdefault(answer.choice, []).append(entry)
    members = {key: value for key, value in members.items() if value}
    figures = []
    for figure in bandwidth(entries=entries, indicators=indicators, answers=answers):
        values = {p.entry.report.pk: p.value for p in figure.final_points}
        split_stats = group_by(keys, values)
        figures.append(
            GroupedFigure(figure=figure, groups={k: split_stats.get(k) for k in members})
        )
    return Grouping(split=split, labels=labels, members=members, figures=figures)


def choice_indicators(*, catalogue: CatalogueVersion) -> list[Indicator]:
    """Indicators whose answer is a choice, usable to split regions into groups."""
    return [
        i
        for i in Indicator.objects.filter(version=catalogue)
        .select_related("answer_type")
        .order_by("position")
        if i.answer_type.choices
    ]


# Maturity -----------------------------------------------------------------------------


def maturities_for(*, entries: Iterable[Entry]) -> dict[tuple[int, int], ThemeMaturity]:
    """Maturity per (report id, theme id), one query."""
    report_ids = [e.report.pk for e in entries]
    return {
        (m.report_id, m.theme_id): m for m in ThemeMaturity.objects.filter(report_id__in=report_ids)
    }


# Toetsingskader -----------------------------------------------------------------------


@dataclass
class Assessment:
    entry: Entry
    answers: dict[str, CriterionAnswer]

    @property
    def complete(self) -> bool:
        return all(c.key in self.answers for c in CRITERIA)

    @property
    def is_actieoverleg(self) -> bool:
        """Wel een Actieoverleg: all five characteristics met (ja)."""
        return self.complete and all(self.answers[c.key].verdict == Verdict.JA for c in CRITERIA)


@dataclass
class AssessmentSummary:
    assessments: list[Assessment]
    wel: int
    geen: int
    not_assessed: int
    total_regions: int


def assessments(*, entries: list[Entry], total_regions: int) -> AssessmentSummary:
    """The toetsingskader per region and the national count, over finalised reports."""
    by_report: dict[int, dict[str, CriterionAnswer]] = defaultdict(dict)
    for answer in CriterionAnswer.objects.filter(report_id__in=[e.report.pk for e in entries]):
        by_report[answer.report_id][answer.criterion] = answer
    items = [Assessment(entry=e, answers=by_report.get(e.report.pk, {})) for e in entries]
    final = [a for a in items if a.entry.is_final]
    wel = sum(1 for a in final if a.is_actieoverleg)
    geen = sum(1 for a in final if a.complete and not a.is_actieoverleg)
    return AssessmentSummary(
        assessments=items,
        wel=wel,
        geen=geen,
        not_assessed=total_regions - wel - geen,
        total_regions=total_regions,
    )


# Bottlenecks --------------------------------------------------------------------------


@dataclass
class QuoteRef:
    entry: Entry
    answer: Answer

    @property
    def theme_key(self) -> str:
        """Indicator keys are `<theme>.<element>.<name>` (catalogue convention)."""
        return self.answer.indicator.key.split(".", 1)[0]


@dataclass
class BottleneckCount:
    bottleneck: Bottleneck
    regions: list[Region]
    quotes: list[QuoteRef]

    @property
    def n(self) -> int:
        return len(self.regions)


@dataclass
class CategoryCount:
    category: BottleneckCategory
    regions: list[Region]
    bottlenecks: list[BottleneckCount]

    @property
    def n(self) -> int:
        return len(self.regions)


def rode_draad(*, entries: list[Entry]) -> list[CategoryCount]:
    """Per category and sub-theme: how many regions name it (n) and the quotes behind it.

    Only finalised reports count; one query.
    """
    final = {e.report.pk: e for e in entries if e.is_final}
    codes = (
        BottleneckCode.objects.filter(answer__report_id__in=list(final))
        .select_related("answer__indicator")
        .order_by("answer__indicator__position", "answer_id")
    )
    quotes: dict[str, list[QuoteRef]] = defaultdict(list)
    for code in codes:
        quotes[code.code].append(QuoteRef(entry=final[code.answer.report_id], answer=code.answer))

    def regions_of(refs: Iterable[QuoteRef]) -> list[Region]:
        unique = {ref.entry.region.pk: ref.entry.region for ref in refs}
        return sorted(unique.values(), key=lambda r: (r.position, r.name))

    result = []
    for category in BOTTLENECK_CATEGORIES:
        counts = [
            BottleneckCount(b, regions_of(quotes[b.key]), quotes[b.key])
            for b in category.bottlenecks
        ]
        all_refs = [ref for count in counts for ref in count.quotes]
        result.append(CategoryCount(category, regions_of(all_refs), counts))
    return result


def codes_for_report(*, report: Report) -> dict[int, set[str]]:
    """The bottleneck codes of a report's answers, per answer id."""
    result: dict[int, set[str]] = defaultdict(set)
    for answer_id, code in BottleneckCode.objects.filter(answer__report=report).values_list(
        "answer_id", "code"
    ):
        result[answer_id].add(code)
    return result
