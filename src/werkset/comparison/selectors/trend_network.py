"""The trend page per regional network (ADR 31): a network's figures and maturity per
period beside the national spread over networks.

A period's value is the network's by the one rule of selectors.networks: its own report's
answer as given, or from its regions' stored figures by network_figure (the sum of amounts
and counts, else a value every region gives the same). The picks, answers, lineage and
cache (selectors.trend_reads) and the row builder (selectors.trend_rows) are the region
trend's; the keys are the network's own.
"""

from collections.abc import Sequence
from typing import Any

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Theme
from werkset.regions.models import Region, RegionalNetwork

from ..statistics import figure_number
from .bandwidth import SUMMED
from .entries import PeriodOverview
from .networks import NETWORK_OWN, REGIONS_SAME, network_figure
from .trend_reads import (
    UNIT_NETWORK,
    FigureReader,
    FigureValues,
    Pick,
    figure_slug,
    kept,
    network_regions,
    region_rows,
    trend_picks,
    whole_key,
)
from .trend_rows import Trend, build_trend


def _network_own_report(members: Sequence[Pick]) -> bool:
    """Whether the members' picks are the network's own report, one for all its regions in
    view (as NetworkEntry.own_report)."""
    return bool(members) and members[0].from_network and len({p.report_id for p in members}) == 1


def _network_values(members: Sequence[Pick], reader: FigureReader) -> FigureValues:
    """A network's value of each figure (slug) from the picks of its regions in view, by the
    rule of selectors.networks: its own report's answer as given (not a region's), or from
    its regions' stored values by network_figure. With the kind of continuation and where
    the value comes from (NETWORK_OWN, REGIONS_SAME or SUMMED)."""
    if _network_own_report(members):
        return reader.values(members[0], as_given=True, source=NETWORK_OWN)
    result: FigureValues = {}
    regional = [reader.stored(pick) for pick in members]
    for indicator, spec in reader.specs:
        slug = figure_slug(indicator, spec)
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
    return whole_key(
        scope=scope,
        catalogue=catalogue,
        theme=theme,
        themes=themes,
        versions=versions,
        overview=overview,
        kind=UNIT_NETWORK,
        unit=lambda: (network_id, sorted(row[:2] for row in region_rows(regions))),
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
    rows = region_rows(regions)
    inputs: dict[str, Any] = {
        "scope": scope,
        "catalogue": catalogue,
        "theme": theme,
        "themes": themes,
        "network": network,
        "versions": versions,
    }
    key = network_trend_key(**inputs, overview=overview, regions=regions)
    return kept(key, lambda: _network_trend(**inputs, rows=rows))


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
    regions = network_regions(rows)
    network_of = {region_id: nid for nid, found in regions.items() for region_id, _c in found}
    picks = trend_picks(scope=scope, lens=catalogue, versions=versions, regions=regions)
    own = {
        period: [p for p in found if network and network_of.get(p.region_id) == network.pk]
        for period, found in picks.items()
    }
    return build_trend(
        catalogue=catalogue,
        theme=theme,
        themes=themes,
        versions=versions,
        picks=picks,
        own=own,
        unit_values=_network_values,
        network_of=network_of,
    )
