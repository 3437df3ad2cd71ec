"""Searching the kennisbank (selectors): the passages that match a query within the filters,
ranked, with a snippet whose hits are marked; one query for either database.

PostgreSQL searches the stored search vector with the 'dutch' configuration
(django.contrib.postgres.search); SQLite its FTS5 table (fts_sqlite.py, ADR 27). The
snippet comes back as parts (text, is_hit), so that the template marks the hits up and
escapes every part.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet

from werkset.accounts.scope import Scope
from werkset.reports.models import Report
from werkset.reports.policy import reports_seen_by

from . import fts_sqlite
from .fts_sqlite import HIT_END, HIT_START
from .indexing import PERIODS_KEY, PERIODS_TIMEOUT, SEARCH_CONFIG
from .models import Passage


@dataclass(frozen=True)
class SearchFilters:
    theme_key: str = ""
    kind: str = ""
    network_id: int | None = None
    region_id: int | None = None
    period: str = ""


def _filtered(scope: Scope, filters: SearchFilters) -> QuerySet[Passage]:
    if not scope.roles:
        return Passage.objects.none()
    seen = Report.objects.filter(reports_seen_by(scope), pk=OuterRef("report_id"))
    passages = Passage.objects.filter(Exists(seen))
    if filters.theme_key:
        passages = passages.filter(theme_key=filters.theme_key)
    if filters.kind:
        passages = passages.filter(kind=filters.kind)
    if filters.network_id is not None:
        passages = passages.filter(network_id=filters.network_id)
    if filters.region_id is not None:
        passages = passages.filter(region_id=filters.region_id)
    if filters.period:
        passages = passages.filter(period=filters.period)
    return passages


def passages_found(*, scope: Scope, words: list[str], filters: SearchFilters) -> QuerySet[Passage]:
    """The passages of reports this scope sees that hold every word (stemmed), best first,
    each with `snippet` (hits between HIT_START and HIT_END)."""
    passages = _filtered(scope, filters).select_related("network", "region", "theme")
    if not words:
        return passages.none()
    if connection.vendor == "postgresql":
        query = SearchQuery(" ".join(words), config=SEARCH_CONFIG, search_type="plain")
        return (
            passages.filter(search_vector=query)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                snippet=SearchHeadline(
                    "body",
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=HIT_START,
                    stop_sel=HIT_END,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "pk")
        )
    return (
        passages.filter(fts__body__fts_match=fts_sqlite.fts_query(words))
        .annotate(rank=fts_sqlite.Bm25(), snippet=fts_sqlite.Snippet())
        .order_by("rank", "pk")
    )


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, is_hit) parts, for the template to mark up and escape."""
    parts: list[tuple[str, bool]] = []
    for piece in snippet.split(HIT_START):
        hit, sep, rest = piece.partition(HIT_END)
        if sep:
            parts.append((hit, True))
            if rest:
                parts.append((rest, False))
        elif piece:
            parts.append((piece, False))
    return parts


def passage_periods() -> list[str]:
    """The periods that the kennisbank holds passages of, newest first (the filter; kept
    until passages are written: indexing.passage_periods_forget)."""
    kept: list[str] | None = cache.get(PERIODS_KEY)
    if kept is None:
        kept = list(Passage.objects.order_by("-period").values_list("period", flat=True).distinct())
        cache.set(PERIODS_KEY, kept, PERIODS_TIMEOUT)
    return kept
