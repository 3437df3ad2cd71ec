"""The trend page per regional network (ADR 31): a network's figures and maturity per
period beside the national spread over networks.

A period's value is the network's by the one rule of selectors.networks: its own report's
answer as given, or from its regions' stored figures by network_figure (the sum of amounts
and counts, else a value every region gives the same). The picks, answers, lineage and
cache of the region trend (selectors.trend) are shared; the keys are the network's own.
"""

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.cache import cache

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.regions.models import Region, RegionalNetwork

from ..statistics import distribution, figure_number
from .bandwidth import SUMMED, Figure
from .entries import PeriodOverview
from .maturity import Maturity, report_maturities
from .networks import NETWORK_OWN, REGIONS_SAME, network_figure
from .trend import (
    TREND_CACHE_SECONDS,
    UNIT_NETWORK,
    Pick,
    Trend,
    TrendColumn,
    TrendPoint,
    TrendRow,
    _AnswerRow,
    _kept,
    _network_regions,
    _raw_values,
    _read_answers,
    _region_rows,
    _theme_specs,
    _trend_key,
    _trend_picks,
    _whole_key,
)


def _network_own_report(members: Sequence[Pick]) -> bool:
    """Whether the members' picks are the network's own report, one for all its regions in
    view (as NetworkEntry.own_report)."""
    return bool(members) and members[0].from_network and len({p.report_id for p in members}) == 1


def _network_values(
    *,
    members: Sequence[Pick],
    specs: Sequence[tuple[Indicator, dict[str, Any]]],
    answers: dict[int, dict[int, _AnswerRow]],
    lens_id: int,
    lineage: Any,
) -> dict[str, tuple[Decimal, str, str]]:
    """A network's value of each figure (slug) from the picks of its regions in view, by the
    rule of selectors.networks: its own report's answer as given (not a region's), or from
    its regions' stored values by network_figure. With the kind of continuation and where
    the value comes from (NETWORK_OWN, REGIONS_SAME or SUMMED)."""
    read = {"specs": specs, "answers": answers, "lens_id": lens_id, "lineage": lineage}
    result: dict[str, tuple[Decimal, str, str]] = {}
    if _network_own_report(members):
        raw = _raw_values(pick=members[0], as_given=True, **read)
        for indicator, spec in specs:
            slug = f"{indicator.key}.{spec['key']}"
            if slug in raw and (value := figure_number(spec, raw[slug][0])) is not None:
                result[slug] = (value, raw[slug][1], NETWORK_OWN)
        return result
    regional = [_raw_values(pick=pick, **read) for pick in members]
    for indicator, spec in specs:
        slug = f"{indicator.key}.{spec['key']}"
        given = [found.get(slug) for found in regional]
        combined = network_figure(spec, [g[0] if g else None for g in given])
        if combined is None or (value := figure_number(spec, combined[0])) is None:
            continue
        relations = [g[1] for g in given if g]
        # a figure made of merged or split questions says so, else the regions' common kind
        relation = next(
            (r for r in relations if r in ("samengevoegd", "gesplitst")),
            relations[0] if len(set(relations)) == 1 else "",
        )
        result[slug] = (value, relation, SUMMED if combined[1] else REGIONS_SAME)
    return result


def network_trend_key(
    *,
    scope: Scope,
    catalogue: CatalogueVersion | None,
    theme: Theme | None,
    themes: Sequence[Theme],
    network: RegionalNetwork | None,
    versions: Sequence[CatalogueVersion],
    overview: PeriodOverview | None = None,
    regions: Sequence[Region] | None = None,
) -> str | None:
    """As region_trend_key, for a network's trend: its own key inputs (the unit, the
    network and which regions each network has: a region may move), so a region's and a
    network's trend never share an entry. `regions`: every region, when the caller has
    them (else read)."""
    network_id = network.pk if network else None
    return _whole_key(
        scope=scope,
        catalogue=catalogue,
        theme=theme,
        themes=themes,
        versions=versions,
        overview=overview,
        kind=UNIT_NETWORK,
        unit=lambda: (network_id, sorted(row[:2] for row in _region_rows(regions))),
    )


def network_trend(
    *,
    scope: Scope,
    catalogue: CatalogueVersion | None,
    theme: Theme | None,
    themes: Sequence[Theme],
    network: RegionalNetwork | None,
    versions: Sequence[CatalogueVersion],
    overview: PeriodOverview | None = None,
    regions: Sequence[Region] | None = None,
) -> Trend:
    """The trend as _network_trend makes it, kept whole under network_trend_key
    (`regions`: every region, when the caller has them)."""
    rows = _region_rows(regions)
    inputs: dict[str, Any] = {
        "scope": scope,
        "catalogue": catalogue,
        "theme": theme,
        "themes": themes,
        "network": network,
        "versions": versions,
    }
    key = network_trend_key(**inputs, overview=overview, regions=regions)
    return _kept(key, lambda: _network_trend(**inputs, rows=rows))


def _network_trend(
    *,
    scope: Scope,
    catalogue: CatalogueVersion | None,
    theme: Theme | None,
    themes: Sequence[Theme],
    network: RegionalNetwork | None,
    versions: Sequence[CatalogueVersion],
    rows: Sequence[tuple[int, int, str]] | None = None,
) -> Trend:
    """A regional network's figures and maturity per period beside the national spread
    over networks (ADR 31). Per period the network's members are its regions with a report
    in view; its value is its own report's answer as given when that report stands for all
    of them, else made of its regions' stored figures by network_figure (one rule, one
    place). The national spread counts networks, from finalised reports only."""
    if catalogue is None:
        return Trend([], [], [], [])
    regions = _network_regions(rows)
    network_of = {region_id: nid for nid, found in regions.items() for region_id, _c in found}
    picks = _trend_picks(scope=scope, lens=catalogue, versions=versions, regions=regions)
    periods = list(picks)
    own = {
        period: [p for p in found if network and network_of.get(p.region_id) == network.pk]
        for period, found in picks.items()
    }
    indicators, specs = _theme_specs(catalogue, theme)
    keys = {
        period: _trend_key(catalogue, theme, found, network_of) for period, found in picks.items()
    }
    national = cache.get_many(list(keys.values())) if theme else {}
    missing = [p for p in periods if theme and keys[p] not in national]
    needed = [p for period in missing for p in picks[period] if p.is_final]
    needed += [p for members in own.values() for p in members]
    answers, lineage = _read_answers(
        needed=needed, catalogue=catalogue, indicators=indicators, specs=specs, versions=versions
    )
    read = {"specs": specs, "answers": answers, "lens_id": catalogue.pk, "lineage": lineage}
    slugs = [f"{indicator.key}.{spec['key']}" for indicator, spec in specs]
    fresh = {}
    for period in missing:
        # per network its regions' finalised reports (concepts never count nationally)
        groups: dict[int | None, list[Pick]] = defaultdict(list)
        for pick in picks[period]:
            if pick.is_final:
                groups[network_of.get(pick.region_id)].append(pick)
        final = [_network_values(members=members, **read) for members in groups.values()]
        fresh[keys[period]] = {
            slug: distribution(found[slug][0] for found in final if slug in found) for slug in slugs
        }
    if fresh:
        cache.set_many(fresh, TREND_CACHE_SECONDS)
        national.update(fresh)
    values = {
        period: _network_values(members=members, **read) if members else {}
        for period, members in own.items()
    }
    final_periods = {period: bool(m) and all(p.is_final for p in m) for period, m in own.items()}
    rows_ = []
    for (indicator, spec), slug in zip(specs, slugs, strict=True):
        points: list[TrendPoint | None] = []
        for period in periods:
            found = values[period].get(slug)
            points.append(
                TrendPoint(found[0], final_periods[period], found[1], found[2]) if found else None
            )
        rows_.append(
            TrendRow(
                figure=Figure(indicator=indicator, spec=spec, points=[], stats=None),
                own=points,
                national=[national.get(keys[period], {}).get(slug) for period in periods],
            )
        )
    own_ids = sorted({p.report_id for members in own.values() for p in members})
    maturities = report_maturities(report_ids=own_ids, themes=themes) if own_ids else {}
    maturity = [
        (t, [_network_maturity(own[period], t, maturities) for period in periods]) for t in themes
    ]
    by_id = {v.pk: v for v in versions}
    columns = []
    for period in periods:
        used = {p.version_id for p in own[period]}
        version = by_id.get(used.pop()) if len(used) == 1 else None
        columns.append(TrendColumn(period, version, final_periods[period]))
    return Trend(periods, columns, rows_, maturity)


def _network_maturity(
    members: Sequence[Pick], theme: Theme, maturities: dict[tuple[int, int], Maturity]
) -> Maturity | None:
    """A network's maturity for a theme in a period: its own report's, or the level every
    one of its regions' reports gives (else none)."""
    found = [maturities.get((p.report_id, theme.pk)) for p in members]
    if not found or any(m is None for m in found):
        return None
    if len({p.report_id for p in members}) == 1:
        return found[0]
    levels = {m.level for m in found if m is not None}
    if len(levels) != 1:
        return None
    return Maturity(levels.pop(), "", all(m.from_answer for m in found if m is not None))
