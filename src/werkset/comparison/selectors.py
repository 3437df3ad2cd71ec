"""Reading reports for comparison, within the viewer's scope, in a constant number of queries.

Which report stands for a region in a period: its latest finalised version. For the viewer's
own region(s) (those whose work in progress the scope shows) without a finalised report, the
latest version is shown too, marked as concept and left out of every statistic. Another
region's concept never appears: the report queries keep the rule of reports_visible(scope=...)
(its SQL form reports_visible_where for the plain reads).
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Count, F, Max, Sum, Value
from django.db.models.functions import Cast

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.catalogue.selectors import catalogue_line, catalogue_lineage
from werkset.catalogue.structure import catalogue_structure
from werkset.core.reads import Read, placeholders, read_together
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus
from werkset.reports.selectors import reports_visible, reports_visible_where

from .models import BottleneckCode, CriterionAnswer, MaturityLevel, ThemeMaturity, Verdict
from .statistics import FIGURE_KINDS, Distribution, distribution, figure_number, group_by
from .vocabulary import (
    BOTTLENECK_CATEGORIES,
    CRITERIA,
    MATURITY_ANSWER_TYPE,
    MATURITY_CHOICES,
    Bottleneck,
    BottleneckCategory,
)


@dataclass(frozen=True)
class Entry:
    """A region's report in a comparison."""

    report: Report
    is_final: bool
    is_own: bool

    @property
    def region(self) -> Region:
        return self.report.region


def catalogue_versions() -> list[CatalogueVersion]:
    """Every published version, oldest first (one plain read: every comparison page)."""
    [versions] = read_together(Read(CatalogueVersion, "", []))
    return list(versions)


def catalogue_themes_all() -> list[Theme]:
    """Every theme of every published version, with its version, versions oldest first:
    one query for the versions, their themes from the catalogue structure this process
    keeps (published versions never change; ADR 0011)."""
    return [
        theme
        for version in catalogue_versions()
        for theme in catalogue_structure(version=version).themes
    ]


@dataclass(frozen=True)
class PeriodOverview:
    periods: list[str]  # newest first
    default: str  # the newest period with a finalised report
    versions: dict[str, set[int]]  # catalogue version ids of the reports per period
    # Per catalogue version, the stamps of its finalised reports per period: (period,
    # number, highest id, sum of ids, last finalisation). Finalised reports never change,
    # so these do when one comes in or is corrected. None when not read.
    finalised: dict[int, list[tuple[Any, ...]]] | None = None


def period_overview(*, scope: Scope, stamped: bool = False) -> PeriodOverview:
    """The periods this scope may compare, their default, which catalogue versions the
    reports of each period use, and (`stamped`, for the trend) per version the stamp of its
    finalised reports. One query; the stamps make it a grouping with aggregates, which costs
    the other comparison pages more than they would use."""
    visible = reports_visible(scope=scope).order_by()
    rows: list[tuple[Any, ...]] = (
        list(
            visible.values_list("period", "status", "catalogue_version_id").annotate(
                reports=Count("id"), top=Max("id"), total=Sum("id"), last=Max("finalised_at")
            )
        )
        if stamped
        else list(visible.values_list("period", "status", "catalogue_version_id").distinct())
    )
    periods = sorted({row[0] for row in rows}, reverse=True)
    final = sorted({row[0] for row in rows if row[1] == ReportStatus.VASTGESTELD}, reverse=True)
    versions: dict[str, set[int]] = defaultdict(set)
    finalised: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for period, status, version_id, *stamp in rows:
        versions[period].add(version_id)
        if stamped and status == ReportStatus.VASTGESTELD:
            finalised[version_id].append((period, *stamp))
    stamps = {version_id: sorted(found) for version_id, found in finalised.items()}
    return PeriodOverview(
        periods, (final or periods or [""])[0], dict(versions), stamps if stamped else None
    )


def lens_default(
    *, versions: Sequence[CatalogueVersion], in_use: Iterable[int]
) -> CatalogueVersion | None:
    """The version a comparison is shown in by default: the newest version that the
    reports in view use (so a period of 2021 reports shows the 2021 questions in full),
    else the newest published version."""
    used = set(in_use)
    newest_first = sorted(versions, key=lambda v: (v.published_on, v.slug), reverse=True)
    return next((v for v in newest_first if v.pk in used), newest_first[0] if versions else None)


def _pick(reports: Iterable[Report], scope: Scope, lens_id: int | None = None) -> list[Entry]:
    """Per region the report that stands for it: its latest finalised report (of the lens
    version when it has one for the period, else of the newest version), else its own
    concept."""
    by_region: dict[int, list[Report]] = defaultdict(list)
    for report in reports:
        by_region[report.region_id].append(report)

    def rank(report: Report) -> tuple[bool, Any, int]:
        version = report.catalogue_version
        return (version.pk == lens_id, (version.published_on, version.slug), report.number)

    entries = []
    for versions in by_region.values():
        final = [r for r in versions if r.status == ReportStatus.VASTGESTELD]
        own = versions[0].region_id in scope.full_view_region_ids
        if final:
            entries.append(Entry(max(final, key=rank), True, own))
        elif own:
            entries.append(Entry(max(versions, key=rank), False, True))
    return sorted(entries, key=lambda e: (e.region.position, e.region.name))


def _line_ids(
    catalogue: CatalogueVersion, versions: Sequence[CatalogueVersion] | None
) -> list[int]:
    known = versions if versions is not None else catalogue_versions()
    return [v.pk for v in catalogue_line(version=catalogue, versions=known)] or [catalogue.pk]


def comparison_entries(
    *,
    scope: Scope,
    period: str,
    catalogue: CatalogueVersion | None,
    versions: Sequence[CatalogueVersion] | None = None,
) -> list[Entry]:
    """One entry per region for the period (one query, or two without `versions`).

    Reports of every version in the catalogue's line take part: they are read in the
    catalogue's terms through lineage (answers_for)."""
    if catalogue is None:
        return []
    # A plain read (core.reads): the side-by-side and bandwidth pages make it every time.
    # The versions are at hand: no join to read (and decode) them again per report, nor the
    # region's network, which no comparison shows; _pick orders the entries.
    known_versions = versions if versions is not None else catalogue_versions()
    known = {version.pk: version for version in known_versions}
    line = _line_ids(catalogue, known_versions)
    visible, params = reports_visible_where(scope)
    table = connection.ops.quote_name(Report._meta.db_table)
    where = (
        f"{visible} AND {table}.period = %s "
        f"AND {table}.catalogue_version_id IN ({placeholders(line)})"
    )
    [picked] = read_together(Read(Report, where, [*params, period, *line], joined=("region",)))
    for report in picked:
        report.catalogue_version = known[report.catalogue_version_id]
    return _pick(picked, scope, catalogue.pk)


def theme_indicators(*, catalogue: CatalogueVersion, theme: Theme | None) -> list[Indicator]:
    """The indicators (with answer type, element and theme) of a theme, or of the whole
    catalogue: from the catalogue structure this process keeps (shared, read-only)."""
    structure = catalogue_structure(version=catalogue)
    return list(structure.indicators if theme is None else structure.theme_indicators(theme))


def answers_for(
    *,
    entries: Iterable[Entry],
    indicators: Sequence[Indicator],
    versions: Sequence[CatalogueVersion] | None = None,
) -> dict[tuple[int, int], Answer]:
    """The answers of these reports to these indicators, keyed (report id, indicator id).

    A report of another catalogue version answers through lineage: its answers to the
    items the indicator continues are read in the indicator's terms (unsaved Answer
    objects with `carried_relation` set). One query, two more for lineage when the
    reports use another version.
    """
    entries = list(entries)
    report_ids = [e.report.pk for e in entries]
    indicator_ids = {i.pk for i in indicators}
    if not report_ids or not indicator_ids:
        return {}
    lens_id = indicators[0].version_id
    other = {e.report.catalogue_version_id for e in entries} - {lens_id}
    lineage = (
        catalogue_lineage(lens_indicators=indicators, version_ids=other, versions=versions)
        if other
        else None
    )
    wanted = indicator_ids | (lineage.source_indicator_ids if lineage else set())
    # order_by(): the model's default order joins report, region and indicator to sort
    # rows that go into a dict anyway.
    answers = (
        Answer.objects.filter(report_id__in=report_ids, indicator_id__in=wanted)
        .order_by()
        .only("id", "report_id", "indicator_id", "choice", "explanation", "figures")
    )
    result: dict[tuple[int, int], Answer] = {}
    elsewhere: dict[int, dict[int, Answer]] = defaultdict(dict)
    for answer in answers:
        if answer.indicator_id in indicator_ids:
            result[(answer.report_id, answer.indicator_id)] = answer
        else:
            elsewhere[answer.report_id][answer.indicator_id] = answer
    if lineage is None:
        return result
    for entry in entries:
        version_id = entry.report.catalogue_version_id
        if version_id == lens_id:
            continue
        own = elsewhere.get(entry.report.pk, {})
        for indicator in indicators:
            carried = lineage.carry(version_id=version_id, indicator_id=indicator.pk, answers=own)
            if carried is not None:
                answer = Answer(
                    report_id=entry.report.pk,
                    indicator=indicator,
                    choice=carried.choice,
                    explanation=carried.explanation,
                    figures=carried.figures,
                )
                answer.carried_relation = carried.relation  # type: ignore[attr-defined]
                result[(entry.report.pk, indicator.pk)] = answer
    return result


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
        specs = indicator.fields  # built anew on every access: once per indicator
        cells = []
        for entry in entries:
            answer = answers.get((entry.report.pk, indicator.pk))
            cell = Cell(entry=entry, answer=answer)
            if answer is not None:
                cell.choice_label = labels.get(answer.choice, answer.choice)
                cell.figures = [
                    (spec["label"], figure_display(spec, answer.figures.get(spec["key"])))
                    for spec in specs
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


@dataclass(frozen=True)
class Maturity:
    """A region's maturity for a theme: from the report's own answer when its catalogue
    asks it (Werkset 2.0), else from the assessment kept with the report."""

    level: int
    motivation: str
    from_answer: bool = False

    def get_level_display(self) -> str:
        return str(MaturityLevel(self.level).label)


def maturities_for(
    *, entries: Iterable[Entry], themes: Sequence[Theme] | None = None
) -> dict[tuple[int, int], Maturity]:
    """Maturity per (report id, theme id), two queries.

    With `themes`, the theme ids are those of the given themes, matched by key, so reports
    of other catalogue versions line up with them (themes keep their key across versions).
    """
    return _maturities(report_ids=[e.report.pk for e in entries], themes=themes)


def themes_asking_maturity(*, version: CatalogueVersion) -> set[int]:
    """Ids of the version's themes whose maturity is a question of the report itself."""
    return set(
        Indicator.objects.filter(
            version=version, answer_type__key=MATURITY_ANSWER_TYPE
        ).values_list("theme_id", flat=True)
    )


def _maturities(
    *, report_ids: Sequence[int], themes: Sequence[Theme] | None
) -> dict[tuple[int, int], Maturity]:
    found: dict[tuple[int, str], Maturity] = {}
    theme_ids: dict[tuple[int, str], int] = {}
    assessed = (
        ThemeMaturity.objects.filter(report_id__in=report_ids)
        .order_by()
        .annotate(
            theme_key=F("theme__key"),
            value=Cast("level", CharField()),
            text=F("motivation"),
            answered=Value(False),
        )
        .values_list("report_id", "theme_id", "theme_key", "value", "text", "answered")
    )
    answered = (
        Answer.objects.filter(
            report_id__in=report_ids, indicator__answer_type__key=MATURITY_ANSWER_TYPE
        )
        .order_by()
        .annotate(
            theme_id=F("indicator__theme_id"),
            theme_key=F("indicator__theme__key"),
            value=F("choice"),
            text=F("explanation"),
            answered=Value(True),
        )
        .values_list("report_id", "theme_id", "theme_key", "value", "text", "answered")
    )
    # One query for both sources; the report's own answer goes before the assessment.
    rows = sorted(assessed.union(answered, all=True), key=lambda row: bool(row[5]))
    for report_id, theme_id, key, value, text, from_answer in rows:
        level = MATURITY_CHOICES.get(value) if from_answer else int(value)
        if level is None:
            continue
        found[(report_id, key)] = Maturity(level, text, bool(from_answer))
        theme_ids[(report_id, key)] = theme_id
    if themes is None:
        return {
            (report_id, theme_ids[(report_id, key)]): m for (report_id, key), m in found.items()
        }
    by_key = {theme.key: theme.pk for theme in themes}
    return {
        (report_id, by_key[key]): maturity
        for (report_id, key), maturity in found.items()
        if key in by_key
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


# Trend ---------------------------------------------------------------------------------
#
# The trend of a region over all periods compares its own figures with the national
# distribution per period. The national part is computed once per period and cached:
# finalised reports never change (a correction is a new report), so the set of finalised
# reports that stand for the regions in a period, with the catalogue version and theme
# they are read in, is the cache key. A warm request does a fixed, small number of
# queries: the reports (as tuples), the theme's indicators, the region's own answers and
# maturity; a period whose key is new costs its answers once, in the same query.

TREND_CACHE_SECONDS = 7 * 24 * 3600
TREND_CACHE_PREFIX = "werkset:verloop:1"


@dataclass(frozen=True)
class Pick:
    """The report that stands for a region in a period, as plain values."""

    report_id: int
    region_id: int
    version_id: int
    is_final: bool
    stamp: str


@dataclass(frozen=True)
class TrendPoint:
    value: Decimal
    is_final: bool
    relation: str  # the kind of continuation when read through lineage, else ""


@dataclass(frozen=True)
class TrendColumn:
    period: str
    version: CatalogueVersion | None  # the version of the region's own report, if any
    is_final: bool


@dataclass
class TrendRow:
    figure: Figure
    own: list[TrendPoint | None]
    national: list[Distribution | None]

    @property
    def cells(self) -> list[tuple[TrendPoint | None, Distribution | None]]:
        return list(zip(self.own, self.national, strict=True))


@dataclass
class Trend:
    periods: list[str]
    columns: list[TrendColumn]
    rows: list[TrendRow]
    maturity: list[tuple[Theme, list[Maturity | None]]]


class _AnswerRow(NamedTuple):
    choice: str
    explanation: str
    figures: dict[str, Any]


def _trend_picks(
    *, scope: Scope, lens: CatalogueVersion, versions: Sequence[CatalogueVersion]
) -> dict[str, list[Pick]]:
    """Per period the report of each region, chosen as comparison_entries does (one query,
    plain values: no model instances for hundreds of reports)."""
    line = catalogue_line(version=lens, versions=versions)
    order = {v.pk: (v.pk == lens.pk, v.published_on, v.slug) for v in line}
    rows = (
        reports_visible(scope=scope)
        .filter(catalogue_version_id__in=list(order))
        .values_list(
            "id", "region_id", "period", "status", "number", "catalogue_version_id", "created_at"
        )
    )
    candidates: dict[tuple[str, int], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        candidates[(row[2], row[1])].append(row)
    picks: dict[str, list[Pick]] = defaultdict(list)
    for (period, region_id), reports in candidates.items():
        final = [r for r in reports if r[3] == ReportStatus.VASTGESTELD]
        if not final and region_id not in scope.full_view_region_ids:
            continue
        pool = final or reports
        pk, _region, _period, _status, number, version_id, created = max(
            pool, key=lambda r: (order[r[5]], r[4])
        )
        picks[period].append(
            Pick(pk, region_id, version_id, bool(final), f"{number}:{created.isoformat()}")
        )
    return {period: picks[period] for period in sorted(picks)}


def _trend_key(lens: CatalogueVersion, theme: Theme | None, picks: Iterable[Pick]) -> str:
    final = sorted(
        (p.report_id, p.version_id, p.stamp) for p in picks if p.is_final
    )  # concepts never count nationally
    digest = hashlib.sha256(
        repr((lens.pk, lens.content_hash, theme.pk if theme else None, final)).encode()
    ).hexdigest()
    return f"{TREND_CACHE_PREFIX}:{digest}"


def _figure_values(
    *,
    picks: Iterable[Pick],
    specs: Sequence[tuple[Indicator, dict[str, Any]]],
    answers: dict[int, dict[int, _AnswerRow]],
    lens_id: int,
    lineage: Any,
) -> dict[int, dict[str, tuple[Decimal, str]]]:
    """Per report id the value of each figure (slug) in the lens's terms, with the kind of
    continuation when it was read through lineage."""
    result: dict[int, dict[str, tuple[Decimal, str]]] = {}
    for pick in picks:
        own = answers.get(pick.report_id, {})
        values: dict[str, tuple[Decimal, str]] = {}
        carried: dict[int, Any] = {}
        for indicator, spec in specs:
            if pick.version_id == lens_id:
                answer = own.get(indicator.pk)
                figures, relation = (answer.figures if answer else {}), ""
            else:
                if indicator.pk not in carried:
                    carried[indicator.pk] = lineage.carry(
                        version_id=pick.version_id, indicator_id=indicator.pk, answers=own
                    )
                found = carried[indicator.pk]
                figures, relation = (found.figures, found.relation) if found else ({}, "")
            value = figure_number(spec, figures.get(spec["key"]))
            if value is not None:
                values[f"{indicator.key}.{spec['key']}"] = (value, relation)
        result[pick.report_id] = values
    return result


def _finalised_stamp(
    *,
    scope: Scope,
    lens: CatalogueVersion,
    versions: Sequence[CatalogueVersion],
    finalised: dict[int, list[tuple[Any, ...]]],
) -> str | None:
    """What the trend depends on, for a viewer who sees finalised reports only: the stamp
    of the finalised reports of the catalogue line (from the period overview). None for a
    viewer with concepts in view (they change)."""
    if scope.full_view_region_ids:
        return None
    line = catalogue_line(version=lens, versions=versions)
    return repr([(v.pk, finalised.get(v.pk, [])) for v in line])


def region_trend_key(
    *,
    scope: Scope,
    catalogue: CatalogueVersion | None,
    theme: Theme | None,
    themes: Sequence[Theme],
    region: Region | None,
    versions: Sequence[CatalogueVersion],
    overview: PeriodOverview | None = None,
) -> str | None:
    """The key under which a trend is kept: for viewers of finalised reports only
    (landelijk), of every input, including the stamp of the finalised reports (from
    `overview`, the page's period overview, or read now). None: made afresh."""
    if catalogue is None or scope.full_view_region_ids:
        return None
    if overview is None or overview.finalised is None:
        overview = period_overview(scope=scope, stamped=True)
    stamp = _finalised_stamp(
        scope=scope, lens=catalogue, versions=versions, finalised=overview.finalised or {}
    )
    if stamp is None:
        return None
    inputs = (
        catalogue.pk,
        catalogue.content_hash,
        theme.pk if theme else None,
        [t.pk for t in themes],
        region.pk if region else None,
        [(v.pk, v.content_hash) for v in versions],
        stamp,
    )
    return f"{TREND_CACHE_PREFIX}:whole:{hashlib.sha256(repr(inputs).encode()).hexdigest()}"


def region_trend(
    *,
    scope: Scope,
    catalogue: CatalogueVersion | None,
    theme: Theme | None,
    themes: Sequence[Theme],
    region: Region | None,
    versions: Sequence[CatalogueVersion],
    overview: PeriodOverview | None = None,
) -> Trend:
    """The trend as _region_trend makes it, kept whole under region_trend_key."""
    inputs: dict[str, Any] = {
        "scope": scope,
        "catalogue": catalogue,
        "theme": theme,
        "themes": themes,
        "region": region,
        "versions": versions,
    }
    key = region_trend_key(**inputs, overview=overview)
    if key is None:
        return _region_trend(**inputs)
    trend = cache.get(key)
    if trend is None:
        trend = _region_trend(**inputs)
        cache.set(key, trend, TREND_CACHE_SECONDS)
    return trend


def _region_trend(
    *,
    scope: Scope,
    catalogue: CatalogueVersion | None,
    theme: Theme | None,
    themes: Sequence[Theme],
    region: Region | None,
    versions: Sequence[CatalogueVersion],
) -> Trend:
    """A region's figures and maturity per period beside the national distribution, in the
    terms of `catalogue`: reports made with an earlier or later version of the same line
    are read through lineage, so the series runs on across a change of instrument."""
    if catalogue is None:
        return Trend([], [], [], [])
    picks = _trend_picks(scope=scope, lens=catalogue, versions=versions)
    periods = list(picks)
    own = {
        period: next((p for p in found if region and p.region_id == region.pk), None)
        for period, found in picks.items()
    }
    own_ids = [p.report_id for p in own.values() if p is not None]
    indicators = (
        list(
            Indicator.objects.filter(version=catalogue, theme=theme)
            .select_related("answer_type")
            .only(
                "id",
                "key",
                "label",
                "version_id",
                "position",
                "field_labels",
                "continues",
                "answer_type__key",
                "answer_type__fields",
                "answer_type__choices",
            )
            .order_by("position")
        )
        if theme
        else []
    )
    specs = [(indicator, spec) for indicator in indicators for spec in figure_specs(indicator)]
    keys = {period: _trend_key(catalogue, theme, found) for period, found in picks.items()}
    national = cache.get_many(list(keys.values())) if theme else {}
    missing = [p for p in periods if theme and keys[p] not in national]
    needed = [p for period in missing for p in picks[period] if p.is_final]
    needed += [p for p in own.values() if p is not None]
    lineage = None
    answers: dict[int, dict[int, _AnswerRow]] = defaultdict(dict)
    if specs and needed:
        other = {p.version_id for p in needed} - {catalogue.pk}
        if other:
            lineage = catalogue_lineage(
                lens_indicators=indicators, version_ids=other, versions=versions
            )
        wanted = {i.pk for i in indicators} | (lineage.source_indicator_ids if lineage else set())
        rows = Answer.objects.filter(
            report_id__in={p.report_id for p in needed}, indicator_id__in=wanted
        ).values_list("report_id", "indicator_id", "choice", "figures")
        for report_id, indicator_id, choice, figures in rows:
            answers[report_id][indicator_id] = _AnswerRow(choice, "", figures or {})
    values = _figure_values(
        picks=needed, specs=specs, answers=answers, lens_id=catalogue.pk, lineage=lineage
    )
    slugs = [f"{indicator.key}.{spec['key']}" for indicator, spec in specs]
    fresh = {}
    for period in missing:
        final = [values.get(p.report_id, {}) for p in picks[period] if p.is_final]
        fresh[keys[period]] = {
            slug: distribution(found[slug][0] for found in final if slug in found) for slug in slugs
        }
    if fresh:
        cache.set_many(fresh, TREND_CACHE_SECONDS)
        national.update(fresh)
    rows_ = []
    for (indicator, spec), slug in zip(specs, slugs, strict=True):
        points: list[TrendPoint | None] = []
        for period in periods:
            pick = own[period]
            found = values.get(pick.report_id, {}).get(slug) if pick else None
            points.append(TrendPoint(found[0], pick.is_final, found[1]) if pick and found else None)
        rows_.append(
            TrendRow(
                figure=Figure(indicator=indicator, spec=spec, points=[], stats=None),
                own=points,
                national=[national.get(keys[period], {}).get(slug) for period in periods],
            )
        )
    maturities = _maturities(report_ids=own_ids, themes=themes) if own_ids else {}
    maturity: list[tuple[Theme, list[Maturity | None]]] = []
    for t in themes:
        cells = []
        for period in periods:
            pick = own[period]
            cells.append(maturities.get((pick.report_id, t.pk)) if pick else None)
        maturity.append((t, cells))
    by_id = {v.pk: v for v in versions}
    columns = []
    for period in periods:
        pick = own[period]
        version = by_id.get(pick.version_id) if pick else None
        columns.append(TrendColumn(period, version, bool(pick and pick.is_final)))
    return Trend(periods, columns, rows_, maturity)
