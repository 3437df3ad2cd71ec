"""The trend page: a region's figures and maturity per period beside the national spread
over regions.

The trend of a region over all periods compares its own figures with the national
distribution per period. The national part is computed once per period and cached
(selectors.trend_rows); a warm request does a fixed, small number of queries: the reports
(as tuples), the theme's indicators, the region's own answers and maturity; a period whose
key is new costs its answers once, in the same query.

Per regional network (ADR 31) the trend is made in selectors.trend_network from the same
picks, answers and lineage (selectors.trend_reads) and the same row builder, under keys of
its own.
"""

from collections.abc import Sequence
from typing import Any

from werkset.accounts.scope import Scope
from werkset.catalogue.models import CatalogueVersion, Theme
from werkset.regions.models import Region

from .entries import PeriodOverview
from .trend_reads import (
    UNIT_REGION,
    FigureReader,
    FigureValues,
    Pick,
    kept,
    trend_picks,
    whole_key,
)
from .trend_rows import Trend, build_trend


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
    return whole_key(
        scope=scope,
        catalogue=catalogue,
        theme=theme,
        themes=themes,
        versions=versions,
        overview=overview,
        kind=UNIT_REGION,
        unit=lambda: region.pk if region else None,
    )


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
    return kept(key, lambda: _region_trend(**inputs))


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
    picks = trend_picks(scope=scope, lens=catalogue, versions=versions)
    own = {
        period: [p for p in found if region and p.region_id == region.pk]
        for period, found in picks.items()
    }
    return build_trend(
        catalogue=catalogue,
        theme=theme,
        themes=themes,
        versions=versions,
        picks=picks,
        own=own,
        unit_values=_region_values,
    )


def _region_values(members: Sequence[Pick], reader: FigureReader) -> FigureValues:
    """A region's values in a period: those of its one report (a region has one pick)."""
    (pick,) = members
    return reader.values(pick)
