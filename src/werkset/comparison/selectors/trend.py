"""The trend page: a region's (or a regional network's) figures and maturity per period
beside the national spread (over regions, or over networks).

The trend of a region over all periods compares its own figures with the national
distribution per period. The national part is computed once per period and cached:
finalised reports never change (a correction is a new report), so the set of finalised
reports that stand for the regions in a period, with the catalogue version and theme
they are read in, is the cache key. A warm request does a fixed, small number of
queries: the reports (as tuples), the theme's indicators, the region's own answers and
maturity; a period whose key is new costs its answers once, in the same query.

Per regional network (ADR 31) the trend is made in selectors.trend_network from the same
picks, answers and lineage, under keys of its own.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.cache import cache

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.catalogue.selectors import catalogue_line, catalogue_lineage
from werkset.regions.models import Region
from werkset.regions.selectors import regions_in_order
from werkset.reports.models import Answer, ReportStatus
from werkset.reports.selectors import reports_compared

from ..statistics import Distribution, distribution, figure_number
from .bandwidth import Figure, figure_specs
from .entries import PeriodOverview, period_overview
from .maturity import Maturity, report_maturities

TREND_CACHE_SECONDS = 7 * 24 * 3600
TREND_CACHE_PREFIX = "werkset:verloop:3"
# What the national spread of a trend runs over: regions, or regional networks (ADR 31).
UNIT_REGION = "regio"
UNIT_NETWORK = "netwerk"


@dataclass(frozen=True)
class Pick:
    """The report that stands for a region in a period, as plain values."""

    report_id: int
    region_id: int
    version_id: int
    is_final: bool
    stamp: str
    # A network's report stands for each of its regions (issue 18): the region's code, to
    # read its own answer where the report gives one.
    region_code: str = ""
    from_network: bool = False

    @property
    def key(self) -> tuple[int, int]:
        """What the figures are keyed by: a network's report has a value per region."""
        return (self.report_id, self.region_id)


@dataclass(frozen=True)
class TrendPoint:
    value: Decimal
    is_final: bool
    relation: str  # the kind of continuation when read through lineage, else ""
    # a network's value: NETWORK_OWN, REGIONS_SAME or SUMMED (selectors.networks); else ""
    source: str = ""


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
    regional: dict[str, Any] = {}

    def for_region(self, code: str) -> "_AnswerRow":
        own = self.regional.get(code)
        if own is None:
            return self
        return _AnswerRow(own.get("choice", ""), "", own.get("figures") or {})


def _region_rows(regions: Sequence[Region] | None = None) -> list[tuple[int, int, str]]:
    """Every region as (id, network id, code), in the regions' order: from `regions` when
    the caller has them (every region), else the kept list (regions.selectors)."""
    every = regions_in_order() if regions is None else regions
    return [(r.pk, r.network_id, r.code) for r in every]


def _network_regions(
    rows: Sequence[tuple[int, int, str]] | None = None,
) -> dict[int, list[tuple[int, str]]]:
    """Per network id its regions as (id, code), in the regions' order (_region_rows)."""
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for region_id, network_id, code in _region_rows() if rows is None else rows:
        found[network_id].append((region_id, code))
    return found


def _trend_picks(
    *,
    scope: Scope,
    lens: CatalogueVersion,
    versions: Sequence[CatalogueVersion],
    regions: dict[int, list[tuple[int, str]]] | None = None,
) -> dict[str, list[Pick]]:
    """Per period the report of each region, chosen as comparison_entries does (one query,
    plain values: no model instances for hundreds of reports). `regions`: the networks'
    regions (_network_regions) when the caller has them; else read when a network's report
    is among them (one query)."""
    line = catalogue_line(version=lens, versions=versions)
    order = {v.pk: (v.pk == lens.pk, v.published_on, v.slug) for v in line}
    rows = (
        reports_compared(scope=scope)
        .filter(catalogue_version_id__in=list(order))
        .values_list(
            "id",
            "region_id",
            "period",
            "status",
            "number",
            "catalogue_version_id",
            "created_at",
            "network_id",
        )
    )
    # A network's report stands for each region of its network (one query for the regions).
    known: dict[int, list[tuple[int, str]]] = regions if regions is not None else {}
    candidates: dict[tuple[str, int], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        if row[1] is not None:
            candidates[(row[2], row[1])].append(row)
            continue
        if not known:
            known = _network_regions()
        for region_id, _code in known.get(row[7], []):
            candidates[(row[2], region_id)].append(row)
    codes = {region_id: code for found in known.values() for region_id, code in found}
    picks: dict[str, list[Pick]] = defaultdict(list)
    for (period, region_id), reports in candidates.items():
        final = [r for r in reports if r[3] == ReportStatus.VASTGESTELD]
        if not final and region_id not in scope.full_view_region_ids:
            continue
        pool = final or reports
        pk, own_region, _period, _status, number, version_id, created, _network = max(
            pool, key=lambda r: (order[r[5]], r[4], r[1] is not None)
        )
        picks[period].append(
            Pick(
                pk,
                region_id,
                version_id,
                bool(final),
                f"{number}:{created.isoformat()}",
                region_code=codes.get(region_id, ""),
                from_network=own_region is None,
            )
        )
    return {period: picks[period] for period in sorted(picks)}


def _trend_key(
    lens: CatalogueVersion,
    theme: Theme | None,
    picks: Iterable[Pick],
    network_of: dict[int, int] | None = None,
) -> str:
    """The key of a period's national spread: over regions, or with `network_of` (region id
    to network id) over networks, under a key of its own."""
    final = sorted(
        (p.report_id, p.region_id, p.version_id, p.stamp) for p in picks if p.is_final
    )  # concepts never count nationally
    inputs: tuple[Any, ...] = (lens.pk, lens.content_hash, theme.pk if theme else None, final)
    unit = UNIT_REGION
    if network_of is not None:
        unit = UNIT_NETWORK
        inputs += (sorted((p[1], network_of.get(p[1])) for p in final),)
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()
    return f"{TREND_CACHE_PREFIX}:{unit}:{digest}"


def _raw_values(
    *,
    pick: Pick,
    specs: Sequence[tuple[Indicator, dict[str, Any]]],
    answers: dict[int, dict[int, _AnswerRow]],
    lens_id: int,
    lineage: Any,
    as_given: bool = False,
) -> dict[str, tuple[Any, str]]:
    """A pick's stored value of each figure (slug) in the lens's terms, as stored (before
    figure_number), with the kind of continuation when it was read through lineage. A
    network's report is read for the pick's region, or with `as_given` as the network's own
    answers."""
    own = answers.get(pick.report_id, {})
    if pick.from_network and not as_given:
        own = {key: row.for_region(pick.region_code) for key, row in own.items()}
    values: dict[str, tuple[Any, str]] = {}
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
        value = figures.get(spec["key"])
        if value not in (None, "", [], {}):
            values[f"{indicator.key}.{spec['key']}"] = (value, relation)
    return values


def _figure_values(
    *,
    picks: Iterable[Pick],
    specs: Sequence[tuple[Indicator, dict[str, Any]]],
    answers: dict[int, dict[int, _AnswerRow]],
    lens_id: int,
    lineage: Any,
) -> dict[tuple[int, int], dict[str, tuple[Decimal, str]]]:
    """Per pick (report and region) the value of each figure (slug) in the lens's terms,
    with the kind of continuation when it was read through lineage."""
    result: dict[tuple[int, int], dict[str, tuple[Decimal, str]]] = {}
    for pick in picks:
        raw = _raw_values(pick=pick, specs=specs, answers=answers, lens_id=lens_id, lineage=lineage)
        values: dict[str, tuple[Decimal, str]] = {}
        for indicator, spec in specs:
            slug = f"{indicator.key}.{spec['key']}"
            if slug in raw and (value := figure_number(spec, raw[slug][0])) is not None:
                values[slug] = (value, raw[slug][1])
        result[pick.key] = values
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


def _whole_key(
    *,
    scope: Scope,
    catalogue: CatalogueVersion | None,
    theme: Theme | None,
    themes: Sequence[Theme],
    versions: Sequence[CatalogueVersion],
    overview: PeriodOverview | None,
    kind: str,
    unit: Callable[[], Any],
) -> str | None:
    """The key of a whole trend of a `kind` of unit (UNIT_REGION, UNIT_NETWORK), with what
    it is of (`unit`: read only when the trend may be kept), for viewers of finalised
    reports only; None: made afresh."""
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
        kind,
        unit(),
        [(v.pk, v.content_hash) for v in versions],
        stamp,
    )
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()
    return f"{TREND_CACHE_PREFIX}:whole:{kind}:{digest}"


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
    return _whole_key(
        scope=scope,
        catalogue=catalogue,
        theme=theme,
        themes=themes,
        versions=versions,
        overview=overview,
        kind=UNIT_REGION,
        unit=lambda: region.pk if region else None,
    )


def _kept(key: str | None, make: Any) -> Trend:
    if key is None:
        return make()
    trend: Trend | None = cache.get(key)
    if trend is None:
        trend = make()
        cache.set(key, trend, TREND_CACHE_SECONDS)
    return trend


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
    return _kept(key, lambda: _region_trend(**inputs))


def _theme_specs(
    catalogue: CatalogueVersion, theme: Theme | None
) -> tuple[list[Indicator], list[tuple[Indicator, dict[str, Any]]]]:
    """The theme's indicators (one query) and their figures."""
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
    return indicators, specs


def _read_answers(
    *,
    needed: Sequence[Pick],
    catalogue: CatalogueVersion,
    indicators: list[Indicator],
    specs: Sequence[tuple[Indicator, dict[str, Any]]],
    versions: Sequence[CatalogueVersion],
) -> tuple[dict[int, dict[int, _AnswerRow]], Any]:
    """The needed reports' answers to the theme (and to what lineage reads them through),
    in one query, with the lineage (None when every report is of the lens)."""
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
        ).values_list("report_id", "indicator_id", "choice", "figures", "regional")
        for report_id, indicator_id, choice, figures, regional in rows:
            answers[report_id][indicator_id] = _AnswerRow(choice, "", figures or {}, regional or {})
    return answers, lineage


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
    indicators, specs = _theme_specs(catalogue, theme)
    keys = {period: _trend_key(catalogue, theme, found) for period, found in picks.items()}
    national = cache.get_many(list(keys.values())) if theme else {}
    missing = [p for p in periods if theme and keys[p] not in national]
    needed = [p for period in missing for p in picks[period] if p.is_final]
    needed += [p for p in own.values() if p is not None]
    answers, lineage = _read_answers(
        needed=needed, catalogue=catalogue, indicators=indicators, specs=specs, versions=versions
    )
    values = _figure_values(
        picks=needed, specs=specs, answers=answers, lens_id=catalogue.pk, lineage=lineage
    )
    slugs = [f"{indicator.key}.{spec['key']}" for indicator, spec in specs]
    fresh = {}
    for period in missing:
        final = [values.get(p.key, {}) for p in picks[period] if p.is_final]
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
            found = values.get(pick.key, {}).get(slug) if pick else None
            points.append(TrendPoint(found[0], pick.is_final, found[1]) if pick and found else None)
        rows_.append(
            TrendRow(
                figure=Figure(indicator=indicator, spec=spec, points=[], stats=None),
                own=points,
                national=[national.get(keys[period], {}).get(slug) for period in periods],
            )
        )
    maturities = report_maturities(report_ids=own_ids, themes=themes) if own_ids else {}
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
