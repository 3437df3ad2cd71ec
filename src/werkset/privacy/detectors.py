"""Finding what looks like personal data in free text, so it can be kept out of reports.

The detectors are deliberately simple and explainable: a rapporteur sees why a piece
of text was flagged and either removes it or records that it is not personal data.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"

KIND_LABELS = {
    "bsn": "BSN",
    "telefoonnummer": "telefoonnummer",
    "e-mailadres": "e-mailadres",
    "adres": "postcode of adres met huisnummer",
    "geboortedatum": "geboortedatum",
    "naam": "naam van een persoon",
}

# Every pattern runs in time linear in the text's length (issue 17: one comment of
# 150,000 characters took the report down). Where a quantifier could give back what it
# took and let a neighbour try again, it is possessive (`*+`, `++`), and a pattern that can
# start inside a run it scans starts only at the run's beginning (a lookbehind): a
# rewrite must keep both, test_detectors.py measures adversarial texts per pattern.
_BSN = re.compile(r"(?<![\d.])(\d{3})[ .]?(\d{3})[ .]?(\d{3})(?!\.*+\d)")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+31[\s-]?(?:\(0\))?|0031[\s-]?|0)(?:[1-9](?:[\s-]?\d){8})(?!\d)"
)
_EMAIL = re.compile(
    r"(?<![\w.%+-])[.%+-]*+(\w[\w.%+-]*+@(?:[\w-]++\.)+[a-z]{2,}+)\b", re.IGNORECASE
)
_POSTCODE_NUMBER = re.compile(
    r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b(?:\s*+,?\s*+\d{1,5}\s?[a-zA-Z]?\b)?"
)
_STREET_NUMBER = re.compile(
    r"\b[A-Z][a-zà-ÿ]+(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|steeg|pad|dreef|"
    r"park|markt|erf|veld|baan|ring)\s++\d{1,5}\s?[a-zA-Z]?\b"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_NUMERIC_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}"
_WRITTEN_DATE = rf"\d{{1,2}}\s++(?:{_MONTHS})\.?\s++(?:19|20)\d{{2}}"
_DATE = f"(?:{_NUMERIC_DATE}|{_WRITTEN_DATE})"
_BIRTH_DATE = re.compile(
    rf"(?:geboren|geb\.|geboortedatum|geb\.datum|gebdat)\s*+(?:op|:)?\s*+({_DATE})",
    re.IGNORECASE,
)
_CAPITALISED_WORD = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ]++(?:-[A-ZÀ-Ý][a-zà-ÿ]++)?\b")


@dataclass(frozen=True)
class Hit:
    kind: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


def bsn_is_valid(digits: str) -> bool:
    """The elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


@cache
def first_names() -> frozenset[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# A report's texts are scanned again on every view of its overview and with every autosave
# of a text; most of them have not changed since. The scan is a pure function of the text,
# so its result is kept per process for texts up to this length.
CACHED_TEXT_LENGTH = 4000


def scan(text: str) -> list[Hit]:
    """Every stretch of `text` that looks like personal data, in order, without overlaps."""
    if len(text) <= CACHED_TEXT_LENGTH:
        return list(_scan_cached(text))
    return _scan(text)


@lru_cache(maxsize=4096)
def _scan_cached(text: str) -> tuple[Hit, ...]:
    return tuple(_scan(text))


def _scan(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for match in _BSN.finditer(text):
        if bsn_is_valid("".join(match.groups())):
            hits.append(Hit("bsn", match.group(0), match.start(), match.end()))
    for match in _EMAIL.finditer(text):
        hits.append(Hit("e-mailadres", match.group(1), match.start(1), match.end(1)))
    for match in _PHONE.finditer(text):
        hits.append(Hit("telefoonnummer", match.group(0), match.start(), match.end()))
    for pattern in (_POSTCODE_NUMBER, _STREET_NUMBER):
        for match in pattern.finditer(text):
            # Its own name: every detector reads the whole, original text (issue 17).
            address = match.group(0).rstrip()
            hits.append(Hit("adres", address, match.start(), match.start() + len(address)))
    for match in _BIRTH_DATE.finditer(text):
        hits.append(Hit("geboortedatum", match.group(1), match.start(1), match.end(1)))
    names = first_names()
    for match in _CAPITALISED_WORD.finditer(text):
        word = match.group(0)
        if word.lower() in names or word.split("-")[0].lower() in names:
            hits.append(Hit("naam", word, match.start(), match.end()))
    return _without_overlaps(hits)


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Leave out a hit that lies wholly inside another (a name inside an e-mail address).

    Hits that only partly overlap are both kept: each is cleared on its own (by kind and
    text), so dropping one would let what lies outside the other through unseen."""
    result: list[Hit] = []
    furthest = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.end <= furthest:
            continue
        result.append(hit)
        furthest = hit.end
    return result


def privacy_warnings(*texts: str) -> list[str]:
    """The writer's warnings: kind and the text that looks personal, in Dutch."""
    from django.utils.translation import gettext as _

    return [
        _("This looks like a %(kind)s: “%(text)s”. Keep personal data out of the report.")
        % {"kind": KIND_LABELS[hit.kind], "text": hit.text}
        for text in texts
        for hit in scan(text or "")
    ]
