"""SQLite's FTS5 for the kennisbank, as ORM expressions (ADR 27).

The FTS5 table `knowledge_passage_fts` (title, body) is an external-content index over
knowledge_passage, made and kept in step by triggers in migration 0001. Django's ORM has no
FTS5, so this module is the one place that speaks it: a `fts_match` lookup (`<table> MATCH
%s`, the query as a parameter), and the `bm25()` rank and `snippet()` functions. They are
used through the reverse relation Passage.fts, in a query that joins the FTS table once
under its own name (which MATCH, bm25 and snippet require).
"""

import re
from typing import Any

from django.db import models
from django.db.models import Func, Lookup

from .models import FtsColumn, PassageFts
from .stemming import dutch_stem

TABLE = PassageFts._meta.db_table
# Marks around a hit in a snippet (control characters never stored in a report's text);
# the view splits on them and the template marks the hits up (search.py).
HIT_START, HIT_END = "\x02", "\x03"
WORD = re.compile(r"\w+")


@FtsColumn.register_lookup
class FtsMatch(Lookup):
    """`fts__body__fts_match=query`: the whole row of the FTS table matches `query`."""

    lookup_name = "fts_match"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if connection.vendor != "sqlite":
            raise NotImplementedError("fts_match is SQLite's FTS5 only")
        rhs, params = self.process_rhs(compiler, connection)
        alias = compiler.quote_name_unless_alias(self.lhs.alias)
        return f"{alias} MATCH {rhs}", list(params)


class Bm25(Func):
    """FTS5's relevance (lower is better), title ten times the weight of the text."""

    template = f'bm25("{TABLE}", 10.0, 1.0)'
    output_field = models.FloatField()
    arity = 0


class Snippet(Func):
    """FTS5's snippet of the best column: about 24 words around the hits, marked."""

    template = f"snippet(\"{TABLE}\", -1, char(2), char(3), '…', 24)"
    output_field = models.TextField()
    arity = 0


def fts_query(words: list[str]) -> str:
    """The FTS5 query for these words: every word's stem as a quoted prefix (so that no
    character of the user's input is FTS5 syntax), all of them required."""
    return " ".join(f'"{dutch_stem(word)}"*' for word in words)


def query_words(text: str) -> list[str]:
    return WORD.findall(text)
