"""Searching the kennisbank (selectors): the passages that match a query within the filters,
ranked, with a snippet whose hits are marked; one query for either database.

PostgreSQL searches the stored search vector with the 'dutch' configuration
(django.contrib.postgres.search); SQLite its FTS5 table (fts_sqlite.py, ADR 27). The
snippet comes back as parts (text, is_hit), so that the template marks the hits up and
escapes every part.
"""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Window

from werkset.accounts.scope import Scope
from werkset.core.kept import kept
from werkset.reports.models import Report, period_label
from werkset.reports.policy import reports_seen_by, reports_seen_by_key

from . import fts_sqlite
from .fts_sqlite import HIT_END, HIT_START
from .indexing import INDEX_VERSION_KEY, PERIODS_KEY, PERIODS_TIMEOUT, SEARCH_CONFIG
from .models import Passage, PassageKind

# Hits per page of results; a page number asked beyond PAGES_MAX is read as PAGES_MAX.
PER_PAGE = 20
PAGES_MAX = 10_000

# Found results are kept this long under the index's version (they are derived from it:
# a write of passages is a new version, so they are never older than the index).
FOUND_TIMEOUT = 300


@dataclass(frozen=True)
class SearchFilters:
    theme_key: str = ""
    kind: str = ""
    network_id: int | None = None
    region_id: int | None = None
    period: str = ""


# The columns of a result (knowledge/_results.html and Passage.get_absolute_url).
RESULT_FIELDS = (
    "report_id",
    "network_id",
    "network__name",
    "region_id",
    "region__name",
    "theme_id",
    "theme__short_title",
    "theme_key",
    "period",
    "kind",
    "practice_item_id",
    "anchor",
    "title",
)


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
    # What a result shows, not the passage's whole text or its search vector.
    passages = (
        _filtered(scope, filters).select_related("network", "region", "theme").only(*RESULT_FIELDS)
    )
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


@dataclass(frozen=True)
class Hit:
    """One result as the page shows it, kept with the results (names of regions and
    networks are looked up when shown, from their kept lists)."""

    url: str
    title: str
    kind: str
    theme_title: str
    network_id: int
    region_id: int | None
    period: str
    practice_item_id: int | None
    parts: tuple[tuple[str, bool], ...]

    @property
    def kind_label(self) -> str:
        return str(PassageKind(self.kind).label)

    @property
    def period_label(self) -> str:
        return period_label(self.period)


# The shape of a kept hit: the shared cache outlives a deploy, and a deploy that changes Hit
# must not read the hits that the one before kept.
_HIT_SHAPE = hashlib.sha256(repr([f.name for f in fields(Hit)]).encode()).hexdigest()[:8]


def _index_version() -> str:
    """The index's current version (indexing.INDEX_VERSION_KEY); a new one when the cache
    has none (evicted, restarted), which only means that nothing kept is found."""
    version: str | None = cache.get(INDEX_VERSION_KEY)
    if version is None:
        cache.add(INDEX_VERSION_KEY, secrets.token_hex(8), None)
        version = cache.get(INDEX_VERSION_KEY, "")
    return str(version)


def _found_prefix(scope: Scope, words: list[str], filters: SearchFilters) -> str:
    """Results depend on the index, on what the scope may see (reports.policy), on the
    words and the filters: the keys of what one question found hold all four."""
    asked = repr((reports_seen_by_key(scope), words, astuple(filters)))
    digest = hashlib.sha256(asked.encode()).hexdigest()[:32]
    return f"knowledge:found:{_HIT_SHAPE}:{_index_version()}:{digest}"


def found_page(
    *, scope: Scope, words: list[str], filters: SearchFilters, number: str | None
) -> tuple[Page, tuple[Hit, ...]]:
    """Page `number` (as asked: Paginator.get_page's rules) of what `passages_found` finds,
    with its hits. How many there are and each page's hits are kept under the index's
    version; on PostgreSQL a new question asks its page and the number found in one query."""
    prefix = _found_prefix(scope, words, filters)
    asked = _number(number)

    def found() -> QuerySet[Passage]:
        # Built only when something is not kept: building the query is work of its own.
        return passages_found(scope=scope, words=words, filters=filters)

    def count_with_page() -> int:
        if connection.vendor != "postgresql":
            # SQLite's FTS5 ranks only in a query of its own: bm25() cannot be used under a
            # window function, so there the count is a query apart.
            return found().count()
        # The page and how many in all, in one query (the count runs over the rows the sort
        # reads anyway); the page is kept for the read below.
        start = (asked - 1) * PER_PAGE
        rows = list(found().annotate(found_count=Window(Count("pk")))[start : start + PER_PAGE])
        if not rows:
            return found().count()
        cache.set(f"{prefix}:page:{asked}", _hits(rows), FOUND_TIMEOUT)
        return int(rows[0].found_count)

    count = kept(f"{prefix}:count", count_with_page, timeout=FOUND_TIMEOUT)
    page = Paginator(range(count), PER_PAGE).get_page(number)
    if not count:
        return page, ()
    start = (page.number - 1) * PER_PAGE
    hits = kept(
        f"{prefix}:page:{page.number}",
        lambda: _hits(found()[start : start + PER_PAGE]),
        timeout=FOUND_TIMEOUT,
    )
    return page, hits


def _number(number: str | None) -> int:
    """The page asked for, as Paginator.get_page reads it before it knows the count (at most
    PAGES_MAX: a page beyond the results shows the last one, as get_page does)."""
    try:
        return min(max(1, int(number or 1)), PAGES_MAX)
    except ValueError:
        return 1


def _hits(passages: Iterable[Passage]) -> tuple[Hit, ...]:
    return tuple(
        Hit(
            url=passage.get_absolute_url(),
            title=passage.title,
            kind=passage.kind,
            theme_title=passage.theme.short_title if passage.theme else "",
            network_id=passage.network_id,
            region_id=passage.region_id,
            period=passage.period,
            practice_item_id=passage.practice_item_id,
            parts=tuple(snippet_parts(passage.snippet)),  # type: ignore[attr-defined]
        )
        for passage in passages
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
    until passages are written: indexing.index_kept_forget)."""
    return kept(
        PERIODS_KEY,
        lambda: list(
            Passage.objects.order_by("-period").values_list("period", flat=True).distinct()
        ),
        timeout=PERIODS_TIMEOUT,
    )
