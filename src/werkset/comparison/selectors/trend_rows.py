"""The rows of a trend, one builder for a region's (selectors.trend) and a regional
network's (selectors.trend_network, ADR 31): per period the unit's own values and maturity
beside the national spread over units of its kind.

A unit's members in a period are the picks it is made of: a region's one report, or a
network's regions with a report in view. A period's national spread is computed once and
kept under its key (trend_reads.trend_key); a period whose key is new costs its answers
once, in the same query as the unit's own, so a request does a fixed number of queries.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache

from werkset.catalogue.models import CatalogueVersion, Theme

from ..statistics import Distribution, distribution
from .bandwidth import Figure
from .maturity import Maturity, report_maturities
from .trend_reads import (
    TREND_CACHE_SECONDS,
    FigureReader,
    FigureValues,
    Pick,
    figure_slug,
    read_answers,
    theme_specs,
    trend_key,
)


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
    version: CatalogueVersion | None  # the version of the unit's own reports, if one
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


# A unit's values from the picks of its members in a period (never none).
UnitValues = Callable[[Sequence[Pick], FigureReader], FigureValues]


def build_trend(
    *,
    catalogue: CatalogueVersion,
    theme: Theme | None,
    themes: Sequence[Theme],
    versions: Sequence[CatalogueVersion],
    picks: dict[str, list[Pick]],
    own: dict[str, list[Pick]],
    unit_values: UnitValues,
    network_of: dict[int, int] | None = None,
) -> Trend:
    """The trend of the unit whose members per period are `own` (of `picks`, every
    region's), beside the national spread over regions, or with `network_of` (region id to
    network id) over networks. `unit_values` is the one rule of a unit's values, for the
    unit itself and for every unit of the national spread alike."""
    periods = list(picks)
    indicators, specs = theme_specs(catalogue, theme)
    keys = {
        period: trend_key(catalogue, theme, found, network_of) for period, found in picks.items()
    }
    national: dict[str, dict[str, Distribution | None]] = (
        cache.get_many(list(keys.values())) if theme else {}
    )
    missing = [p for p in periods if theme and keys[p] not in national]
    needed = [p for period in missing for p in picks[period] if p.is_final]
    needed += [p for members in own.values() for p in members]
    reader = read_answers(
        needed=needed, catalogue=catalogue, indicators=indicators, specs=specs, versions=versions
    )
    slugs = [figure_slug(indicator, spec) for indicator, spec in specs]

    def unit_of(pick: Pick) -> Hashable:
        return pick.key if network_of is None else network_of.get(pick.region_id)

    fresh = {}
    for period in missing:
        # per unit its finalised reports (concepts never count nationally)
        units: dict[Hashable, list[Pick]] = defaultdict(list)
        for pick in picks[period]:
            if pick.is_final:
                units[unit_of(pick)].append(pick)
        final = [unit_values(members, reader) for members in units.values()]
        fresh[keys[period]] = {
            slug: distribution(found[slug][0] for found in final if slug in found) for slug in slugs
        }
    if fresh:
        cache.set_many(fresh, TREND_CACHE_SECONDS)
        national.update(fresh)
    values = {
        period: unit_values(members, reader) if members else {} for period, members in own.items()
    }
    final_periods = {period: bool(m) and all(p.is_final for p in m) for period, m in own.items()}
    rows = [
        TrendRow(
            figure=Figure(indicator=indicator, spec=spec, points=[], stats=None),
            own=[_point(values[period].get(slug), final_periods[period]) for period in periods],
            national=[national.get(keys[period], {}).get(slug) for period in periods],
        )
        for (indicator, spec), slug in zip(specs, slugs, strict=True)
    ]
    own_ids = sorted({p.report_id for members in own.values() for p in members})
    maturities = report_maturities(report_ids=own_ids, themes=themes) if own_ids else {}
    maturity = [
        (t, [unit_maturity(own[period], t, maturities) for period in periods]) for t in themes
    ]
    by_id = {v.pk: v for v in versions}
    columns = []
    for period in periods:
        used = {p.version_id for p in own[period]}
        version = by_id.get(used.pop()) if len(used) == 1 else None
        columns.append(TrendColumn(period, version, final_periods[period]))
    return Trend(periods, columns, rows, maturity)


def _point(found: tuple[Decimal, str, str] | None, is_final: bool) -> TrendPoint | None:
    return TrendPoint(found[0], is_final, found[1], found[2]) if found else None


def unit_maturity(
    members: Sequence[Pick], theme: Theme, maturities: dict[tuple[int, int], Maturity]
) -> Maturity | None:
    """A unit's maturity for a theme in a period: its own report's (a region's, or a
    network's own report for all its regions), or the level every one of a network's
    regions' reports gives (else none)."""
    found = [maturities.get((p.report_id, theme.pk)) for p in members]
    if not found or any(m is None for m in found):
        return None
    if len({p.report_id for p in members}) == 1:
        return found[0]
    levels = {m.level for m in found if m is not None}
    if len(levels) != 1:
        return None
    return Maturity(levels.pop(), "", all(m.from_answer for m in found if m is not None))
