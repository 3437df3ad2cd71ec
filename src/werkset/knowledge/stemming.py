"""An approximate Dutch stemmer for SQLite's search, which has no Dutch stemming (ADR 27).

PostgreSQL's 'dutch' configuration (Snowball) stems the index and the query alike. FTS5 has
only the English Porter stemmer, so on SQLite the index holds the words as written and the
query looks for words that start with the query word's stem: `samenwerking` becomes
`samenwerk*`, which finds samenwerking, samenwerkingen and samenwerken. It errs towards
finding more (a short stem matches longer unrelated words) rather than less; the embedded
database serves small installations, where that is the better mistake.
"""

import re

# Longest first; a suffix is removed only when at least MIN_STEM letters remain.
SUFFIXES = (
    "heden", "ingen", "tjes", "ing", "ig", "en", "es", "'s", "je", "s", "e",
)  # fmt: skip
MIN_STEM = 4
_DOUBLE_END = re.compile(r"([bdfgklmnprst])\1$")


def dutch_stem(word: str) -> str:
    """The stem a query word is searched by on SQLite (lower case, without diacritics
    handling: FTS5's tokenizer removes them from both sides)."""
    word = word.lower()
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    # gesprekken -> gesprekk -> gesprek; tafels -> tafel
    return _DOUBLE_END.sub(r"\1", word)
