"""Finding what looks like personal data in free text, so it can be kept out of reports.

The detectors are deliberately simple and explainable: a rapporteur sees why a piece
of text was flagged and either removes it or records that it is not personal data.
"""

import re
import unicodedata
from bisect import bisect_right
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
# Other groupings ("123 45 6782", "12.34.56.782") only after the word BSN: without it,
# figures in a table could line up as nine digits that pass the elfproef by chance.
_BSN_KEYED = re.compile(
    r"\b(?:bsn|b\.s\.n\.|burgerservicenummer|sofi-?nummer)(?![a-z])[^\d\n]{0,25}+"
    r"(?<![\d.-])(\d(?:[ .-]?\d){8})(?![.-]*+\d)(?! \d)",
    re.IGNORECASE,
)
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
# A street name abbreviated ("Kerkstr. 12", "Stationsln. 3", "Dorpswg. 8").
_STREET_ABBREVIATED = re.compile(
    r"\b[A-Z][a-zà-ÿ]+?(?:str\.?|ln\.|wg\.|pln\.)[ \t]*+\d{1,5}\s?[a-zA-Z]?\b"
)
# A postcode in lower case ("8011ab") looks like a measure ("1500ml"); it counts only
# with a house number or a place after it, or the word postcode or an address before it.
_POSTCODE_LOWER = re.compile(r"(?<![\w-])[1-9]\d{3}( ?)([a-z]{2})(?![\w-])")
_POSTCODE_WORD = re.compile(r"postcode:?[ \t]*+$", re.IGNORECASE)
_POSTCODE_AFTER = re.compile(r"[ \t]*+,?[ \t]*+(?:\d{1,5}(?!\d)|[A-Z][a-zà-ÿ]{2,}+)")
_POSTCODE_BEFORE = re.compile(
    r"(?:postcode|adres|woont|woonde|wonend|woonachtig|verhuisd)\b[^.\n\d]{0,20}+:?[ \t]*+$|"
    r"[a-zà-ÿ.] ?\d{1,5} ?[a-zA-Z]?,?[ \t]*+$",
    re.IGNORECASE,
)
_MEASURES = frozenset({"km", "kg", "mg", "ml", "cm", "mm", "ha", "kb", "mb", "gb", "pk", "kw"})
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
# Near a word for birth a date is a date of birth, written in any of the usual ways:
# 14-03-2015, 14/3/15, 14-3-'15, 2015-03-14 (ISO), 14 maart 2015, or maart 2015.
_NUMERIC_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.](?:(?:19|20)\d{2}|'?\d{2})(?!\d)"
_ISO_DATE = r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"
_WRITTEN_DATE = rf"\d{{1,2}}\s++(?:{_MONTHS})\.?\s++(?:19|20)\d{{2}}(?!\d)"
_MONTH_YEAR = rf"(?:{_MONTHS})\.?\s++(?:19|20)\d{{2}}(?!\d)"
_DATE = f"(?:{_NUMERIC_DATE}|{_ISO_DATE}|{_WRITTEN_DATE})"
_BIRTH_DATE = re.compile(
    r"(?:geboren|geb\.|geboortedatum|geb\.datum|gebdat)\s*+(?:(?:op|in|is|was)\b|:)?\s*+"
    rf"({_DATE}|{_MONTH_YEAR})",
    re.IGNORECASE,
)
# The date before the word: "14 maart 2015 geboren", "op 14-03-2015 is Sanne geboren".
_DATE_BEFORE_BIRTH = re.compile(
    rf"(?<![\w-])({_DATE}),?\s++(?:(?:is|werd|was)\s++"
    r"(?:(?:hij|zij|ze|(?-i:[A-ZÀ-Ý][\w-]*+))\s++)?)?(?:geboren|geb\.)(?!\w)",
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


# What hides a name from the patterns without showing on the screen: a zero-width
# character inside it ("Fa\u200btima"), a full-width letter (NFKC folds it) or a Cyrillic
# or Greek letter that looks Latin ("J\u0430n" with a Cyrillic a). Combining accents are left
# out (the lists compare without accents).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
ZERO_WIDTH_SPACE = "\u200b"
# Look-alike letters (Unicode's confusables for Latin), as escapes: the code shows no
# letter that is not what it seems.
CONFUSABLES = dict(
    zip(
        "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456"  # Cyrillic: aeopcyxi
        "\u0458\u0455\u0501\u04bb\u051b\u051d\u04cf"  # Cyrillic: jsdhqwl
        "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420"  # Cyrillic capitals: ABEKMHOP
        "\u0421\u0422\u0425\u0423\u0406\u0408\u0405"  # Cyrillic capitals: CTXYIJS
        "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c"  # Greek: ABEZHIKM
        "\u039d\u039f\u03a1\u03a4\u03a5\u03a7\u03bf\u03b9"  # Greek: NOPTYXoi
        "\u03bd",  # Greek: v
        "aeopcyxijsdhqwlABEKMHOPCTXYIJSABEZHIKMNOPTYXoiv",
        strict=True,
    )
)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _plain_char(ch: str) -> str:
    if unicodedata.combining(ch):
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) > 2:
        return ch  # "…", "ﷺ" (18 letters): only the text would grow, not what it shows
    return "".join(CONFUSABLES.get(c, c) for c in folded if not unicodedata.combining(c))


@dataclass(frozen=True)
class Normalised:
    """A text as the patterns read it, and where each of its stretches came from: every
    character that normalising changed is kept as (its place in `text`, where its
    replacement starts in `text`, how long the replacement is); all others are copied."""

    text: str
    original: str
    changed_at: list[int]
    replaced_at: list[int]
    replaced_length: list[int]

    def _origin(self, at: int) -> tuple[int, int]:
        """(start, end) in the original of the character at `at` of the normalised text."""
        index = bisect_right(self.replaced_at, at) - 1
        if index < 0:
            return at, at + 1
        changed, replaced = self.changed_at[index], self.replaced_at[index]
        if at < replaced + self.replaced_length[index]:
            return changed, changed + 1
        start = changed + 1 + at - replaced - self.replaced_length[index]
        return start, start + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the original that the normalised text[start:end] came from, with
        the combining accents after its last letter."""
        first, last = self._origin(start)[0], self._origin(end - 1)[1]
        limit = min(len(self.original), last + 16)
        while last < limit and unicodedata.combining(self.original[last]):
            last += 1
        return first, last


def normalised(text: str, *, zero_width_space: str = "") -> Normalised:
    """The text as it looks: zero-width characters left out (or a zero-width space as
    `zero_width_space`), NFKC, look-alike letters as Latin, combining accents left out."""
    parts: list[str] = []
    changed_at: list[int] = []
    replaced_at: list[int] = []
    replaced_length: list[int] = []
    done = length = 0
    for match in _NOT_ASCII.finditer(text):
        at = match.start()
        ch = text[at]
        if ch in ZERO_WIDTH:
            plain = zero_width_space if ch == ZERO_WIDTH_SPACE else ""
        else:
            plain = _plain_char(ch)
            if plain == ch:
                continue
        parts.append(text[done:at])
        length += at - done
        changed_at.append(at)
        replaced_at.append(length)
        replaced_length.append(len(plain))
        parts.append(plain)
        length += len(plain)
        done = at + 1
    parts.append(text[done:])
    return Normalised("".join(parts), text, changed_at, replaced_at, replaced_length)


def _scan(text: str) -> list[Hit]:
    """The patterns read the text as written and, where it differs, as it looks (see
    normalised()): a hit in either counts, at its place in the text as written."""
    hits = _scan_plain(text)
    if not text.isascii():
        variants = [""] + ([" "] if ZERO_WIDTH_SPACE in text else [])
        for zero_width_space in variants:
            plain = normalised(text, zero_width_space=zero_width_space)
            if not plain.changed_at:
                continue
            for hit in _scan_plain(plain.text):
                start, end = plain.span(hit.start, hit.end)
                hits.append(Hit(hit.kind, text[start:end], start, end))
    return _without_overlaps(list(dict.fromkeys(hits)))


def _scan_plain(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for match in _BSN.finditer(text):
        if bsn_is_valid("".join(match.groups())):
            hits.append(Hit("bsn", match.group(0), match.start(), match.end()))
    for match in _BSN_GROUPED.finditer(text):
        if bsn_is_valid(match.group(1) + match.group(3) + match.group(4)):
            hits.append(Hit("bsn", match.group(0), match.start(), match.end()))
    for match in _BSN_KEYED.finditer(text):
        if bsn_is_valid(re.sub(r"\D", "", match.group(1))):
            hits.append(Hit("bsn", match.group(1), match.start(1), match.end(1)))
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
    for pattern in (_POSTCODE_NUMBER, _STREET_NUMBER, _STREET_ABBREVIATED):
        for match in pattern.finditer(text):
            # Its own name: every detector reads the whole, original text (issue 17).
            address = match.group(0).rstrip()
            hits.append(Hit("adres", address, match.start(), match.start() + len(address)))
    for match in _POSTCODE_LOWER.finditer(text):
        if _lower_postcode_is_address(text, match):
            hits.append(Hit("adres", match.group(0), match.start(), match.end()))
    for pattern in (_BIRTH_DATE, _DATE_BEFORE_BIRTH):
        for match in pattern.finditer(text):
            hits.append(Hit("geboortedatum", match.group(1), match.start(1), match.end(1)))
    for start, end in name_spans(text):
        hits.append(Hit("naam", text[start:end], start, end))
    return _without_overlaps(hits)


def _lower_postcode_is_address(text: str, match: re.Match[str]) -> bool:
    """ "8011ab" with a house number or place after it, or an address before it."""
    spaced, letters = match.group(1), match.group(2)
    if letters in ("sa", "sd", "ss") or letters in _MEASURES:
        return False
    before = text[max(0, match.start() - 40) : match.start()]
    if spaced:
        return _POSTCODE_WORD.search(before) is not None
    return (
        _POSTCODE_AFTER.match(text, match.end()) is not None
        or _POSTCODE_BEFORE.search(before) is not None
    )


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
