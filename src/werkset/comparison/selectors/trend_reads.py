"""What a trend reads, the same for a region's (selectors.trend) and a regional network's
(selectors.trend_network, ADR 31): per period the report that stands for each region, the
theme's figures, the needed reports' answers (one query) read through lineage, and the
keys the trend is kept under.

Finalised reports never change (a correction is a new report), so the set of finalised
reports that stand for the regions in a period, with the catalogue version and theme they
are read in, keys a period's national spread; a whole trend is kept by the stamp of the
finalised reports of its catalogue line.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.catalogue.selectors import Lineage, catalogue_line, catalogue_lineage
from werkset.core.kept import kept as kept_value
from werkset.regions.models import Region
from werkset.regions.selectors import regions_in_order
from werkset.reports.models import Answer, ReportStatus
from werkset.reports.selectors import reports_compared

from ..statistics import figure_number
from .bandwidth import figure_specs
from .entries import PeriodOverview, period_overview

TREND_CACHE_SECONDS = 7 * 24 * 3600
# 4: the kept trend's classes moved to selectors.trend_rows (a kept trend of 3 would not load)
TREND_CACHE_PREFIX = "werkset:verloop:4"
# What the national spread of a trend runs over: regions, or regional networks (ADR 31).
UNIT_REGION = "regio"
UNIT_NETWORK = "netwerk"

# A figure's value in the lens's terms: the value, the kind of continuation when it was read
# through lineage (else ""), and for a network where it comes from (selectors.networks).
FigureValues = dict[str, tuple[Decimal, str, str]]
T = TypeVar("T")


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


class AnswerRow(NamedTuple):
    choice: str
    explanation: str
    figures: dict[str, Any]
    regional: dict[str, Any] = {}

    def for_region(self, code: str) -> "AnswerRow":
        own = self.regional.get(code)
        if own is None:
            return self
        return AnswerRow(own.get("choice", ""), "", own.get("figures") or {})


def figure_slug(indicator: Indicator, spec: dict[str, Any]) -> str:
    """What a figure is keyed by in a trend: the indicator's key and the figure's."""
    return f"{indicator.key}.{spec['key']}"


@dataclass(frozen=True)
class FigureReader:
    """The theme's figures and the needed reports' answers (read_answers), to read a pick's
    values in the lens's terms."""

    specs: Sequence[tuple[Indicator, dict[str, Any]]]
    answers: dict[int, dict[int, AnswerRow]]
    lens_id: int
    lineage: Lineage | None

    def stored(self, pick: Pick, *, as_given: bool = False) -> dict[str, tuple[Any, str]]:
        """A pick's stored value of each figure (slug) in the lens's terms, as stored
        (before figure_number), with the kind of continuation when it was read through
        lineage. A network's report is read for the pick's region, or with `as_given` as
        the network's own answers."""
        own = self.answers.get(pick.report_id, {})
        if pick.from_network and not as_given:
            own = {key: row.for_region(pick.region_code) for key, row in own.items()}
        values: dict[str, tuple[Any, str]] = {}
        carried: dict[int, Any] = {}
        for indicator, spec in self.specs:
            if pick.version_id == self.lens_id:
                answer = own.get(indicator.pk)
                figures, relation = (answer.figures if answer else {}), ""
            else:
                if indicator.pk not in carried:
                    carried[indicator.pk] = (
                        self.lineage.carry(
                            version_id=pick.version_id, indicator_id=indicator.pk, answers=own
                        )
                        if self.lineage is not None
                        else None
                    )
                found = carried[indicator.pk]
                figures, relation = (found.figures, found.relation) if found else ({}, "")
            value = figures.get(spec["key"])
            if value not in (None, "", [], {}):
                values[figure_slug(indicator, spec)] = (value, relation)
        return values

    def values(self, pick: Pick, *, as_given: bool = False, source: str = "") -> FigureValues:
        """A pick's value of each figure (slug) in the lens's terms, as a number, with where
        it comes from (`source`; `as_given` as in `stored`)."""
        stored = self.stored(pick, as_given=as_given)
        values: FigureValues = {}
        for indicator, spec in self.specs:
            slug = figure_slug(indicator, spec)
            if slug in stored and (value := figure_number(spec, stored[slug][0])) is not None:
                values[slug] = (value, stored[slug][1], source)
        return values


def region_rows(regions: Sequence[Region] | None = None) -> list[tuple[int, int, str]]:
    """Every region as (id, network id, code), in the regions' order: from `regions` when
    the caller has them (every region), else the kept list (regions.selectors)."""
    every = regions_in_order() if regions is None else regions
    return [(r.pk, r.network_id, r.code) for r in every]


def network_regions(
    rows: Sequence[tuple[int, int, str]] | None = None,
) -> dict[int, list[tuple[int, str]]]:
    """Per network id its regions as (id, code), in the regions' order (region_rows)."""
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for region_id, network_id, code in region_rows() if rows is None else rows:
        found[network_id].append((region_id, code))
    return found


def trend_picks(
    *,
    scope: Scope,
    lens: CatalogueVersion,
    versions: Sequence[CatalogueVersion],
    regions: dict[int, list[tuple[int, str]]] | None = None,
) -> dict[str, list[Pick]]:
    """Per period the report of each region, chosen as comparison_entries does (one query,
    plain values: no model instances for hundreds of reports). `regions`: the networks'
    regions (network_regions) when the caller has them; else read when a network's report
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
            known = network_regions()
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


def trend_key(
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


def whole_key(
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


def theme_specs(
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


def read_answers(
    *,
    needed: Sequence[Pick],
    catalogue: CatalogueVersion,
    indicators: list[Indicator],
    specs: Sequence[tuple[Indicator, dict[str, Any]]],
    versions: Sequence[CatalogueVersion],
) -> FigureReader:
    """The needed reports' answers to the theme (and to what lineage reads them through),
    in one query, with the lineage (None when every report is of the lens)."""
    lineage = None
    answers: dict[int, dict[int, AnswerRow]] = defaultdict(dict)
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
            answers[report_id][indicator_id] = AnswerRow(choice, "", figures or {}, regional or {})
    return FigureReader(specs, answers, catalogue.pk, lineage)


def kept(key: str | None, make: Callable[[], T]) -> T:
    """What `make` makes, kept under `key` (None: made afresh)."""
    if key is None:
        return make()
    return kept_value(key, make, timeout=TREND_CACHE_SECONDS)
