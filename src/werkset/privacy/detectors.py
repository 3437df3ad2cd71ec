"""Finding what looks like personal data in free text, so it can be kept out of reports.

The detectors are deliberately simple and explainable: a rapporteur sees why a piece
of text was flagged and either removes it or records that it is not personal data.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from .names import name_spans

# The kinds as the writer reads them (Dutch through gettext).
KIND_LABELS = {
    "bsn": _("citizen service number (BSN)"),
    "telefoonnummer": _("phone number"),
    "e-mailadres": _("e-mail address"),
    "adres": _("postcode or address with house number"),
    "geboortedatum": _("date of birth"),
    "naam": _("name of a person"),
    "iban": _("IBAN (bank account number)"),
    "zaaknummer": _("case, file or registration number"),
}

# Every pattern runs in time linear in the text's length (issue 17: one comment of
# 150,000 characters took the report down). Where a quantifier could give back what it
# took and let a neighbour try again, it is possessive (`*+`, `++`), and a pattern that can
# start inside a run it scans starts only at the run's beginning (a lookbehind): a
# rewrite must keep both, test_detectors.py measures adversarial texts per pattern.
_BSN = re.compile(r"(?<![\d.-])(\d{3})[ .-]?(\d{3})[ .-]?(\d{3})(?![.-]*+\d)")
# The way a BSN is also written, 4.2.3 with one separator throughout ("1234.56.782").
_BSN_GROUPED = re.compile(r"(?<![\d.-])(\d{4})([ .-])(\d{2})\2(\d{3})(?![.-]*+\d)")
# A Dutch IBAN, with or without spaces; the mod-97 check leaves other codes alone.
_IBAN = re.compile(r"(?<![A-Za-z0-9])NL\d{2} ?[A-Z]{4}(?: ?\d){10}(?!\d)", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+31[\s-]?(?:\(0\))?|0031[\s-]?|0)(?:[1-9](?:[\s-]?\d){8})(?!\d)"
)
# Numbers the first pattern misses: an area code in brackets ("(020) 123 45 67",
# "+31 (0)6 12345678") or followed by a spaced dash ("06 - 1234 5678"); the digits are
# counted afterwards (ten, national).
_PHONE_WRITTEN = re.compile(
    r"(?<![\w+(])(?:\+31 ?\(0\) ?\d|\(0\d{1,3}\)|0\d{1,3} - )(?:[ -]{0,3}\d){5,9}(?!\d)"
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
# A case or registration number is keyed on its Dutch word; the code must contain a digit.
_CASE_NUMBER = re.compile(
    r"\b(?:zaak|dossier|parket|registratie|bvh-?|cli[eë]nt|pv-?|proces-verbaal|rekest|"
    r"meldings?|aangifte|verzoek|vt-?)"
    r"(?:nummer|nr\.?)(?:\s++(?:is|was))?\s*+:?\s*+([a-z0-9][a-z0-9./-]*+)",
    re.IGNORECASE,
)


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


def iban_is_valid(iban: str) -> bool:
    """The mod-97 check of ISO 13616: the rearranged number, letters as 10..35, leaves 1."""
    compact = iban.replace(" ", "").upper()
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


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
    for match in _BSN_GROUPED.finditer(text):
        if bsn_is_valid(match.group(1) + match.group(3) + match.group(4)):
            hits.append(Hit("bsn", match.group(0), match.start(), match.end()))
    for match in _IBAN.finditer(text):
        if iban_is_valid(match.group(0)):
            hits.append(Hit("iban", match.group(0), match.start(), match.end()))
    for match in _CASE_NUMBER.finditer(text):
        code = match.group(1).rstrip("./-")
        if any(ch.isdigit() for ch in code):
            hits.append(Hit("zaaknummer", code, match.start(1), match.start(1) + len(code)))
    for match in _EMAIL.finditer(text):
        hits.append(Hit("e-mailadres", match.group(1), match.start(1), match.end(1)))
    for match in _PHONE.finditer(text):
        hits.append(Hit("telefoonnummer", match.group(0), match.start(), match.end()))
    for match in _PHONE_WRITTEN.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        digits = digits[2:] if digits.startswith("310") else digits
        if len(digits) == 10:
            hits.append(Hit("telefoonnummer", match.group(0), match.start(), match.end()))
    for pattern in (_POSTCODE_NUMBER, _STREET_NUMBER):
        for match in pattern.finditer(text):
            # Its own name: every detector reads the whole, original text (issue 17).
            address = match.group(0).rstrip()
            hits.append(Hit("adres", address, match.start(), match.start() + len(address)))
    for match in _BIRTH_DATE.finditer(text):
        hits.append(Hit("geboortedatum", match.group(1), match.start(1), match.end(1)))
    for start, end in name_spans(text):
        hits.append(Hit("naam", text[start:end], start, end))
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


def kind_list() -> str:
    """Every kind the guard looks for as one Dutch enumeration, for help texts that name
    them: generated from KIND_LABELS, so a new detector cannot leave a help text stale."""
    from django.utils.text import get_text_list
    from django.utils.translation import gettext

    return get_text_list([str(label) for label in KIND_LABELS.values()], gettext("or"))


def privacy_warnings(*texts: str) -> list[str]:
    """The writer's warnings: kind and the text that looks personal, in Dutch."""
    from django.utils.translation import gettext

    return [
        gettext("This looks like a %(kind)s: “%(text)s”. Keep personal data out of the report.")
        % {"kind": KIND_LABELS[hit.kind], "text": hit.text}
        for text in texts
        for hit in scan(text or "")
    ]
