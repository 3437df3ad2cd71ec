"""Names of people in free text, without a language model: first names and common surnames
from lists, and a capitalised word where the sentence says that a person stands there.

Dutch writes nouns in lower case, so a capitalised word after "mevrouw", "wijkagent",
"de dochter", "de 15-jarige" or "zegt", or before "(9)" or a colon and a quotation mark,
is almost always a name; capitalised organisations, projects and places that do stand
there ("zegt Veilig Thuis", "volgens Reclassering Nederland") are on a list of words that
are never a name (data/never_names.txt). After a name found this way, up to two more
capitalised words (with a particle: "Wouter de Graaf", "Yasmina El Idrissi") are taken as
its surname.

Names in lower case or capitals ("jan de vries", "JAN DE VRIES", "mevrouw jansen") count
only where the lists know them (cased_name_spans()).

Every pattern is linear in the text's length: possessive quantifiers, starts only at a
word's beginning, and a surname tail of at most two single-space-separated words.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

WORD = r"[A-ZÀ-Ý][a-zà-ÿ]++(?:-[A-ZÀ-Ý][a-zà-ÿ]++)?"
PARTICLE = (
    r"(?:[Vv]an (?:der|den|de|het|'t)|[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|"
    r"[Ee]l|[Aa]l|[Ee]l-|[Aa]l-)"
)
_NAME = rf"(?P<name>(?:{PARTICLE} ++)?+(?P<word>{WORD}))"
# Without initials or a first name before it, a surname's particle has a capital (Dutch
# spelling: "volgens De Vries", "wijkagent Van Dam"), and "de" is the article.
_CAPITAL_PARTICLE = r"(?:Van (?:der|den|de|het|'t)|Van|De|Der|Den|Ter|Ten|Te|El|Al|El-|Al-)"
_NAME_ALONE = rf"(?P<name>(?:{_CAPITAL_PARTICLE} ++)?+(?P<word>{WORD}))"

# A form of address, title or initials directly before a name.
_ADDRESS = re.compile(
    r"(?:(?<![\w.])(?:[A-Z]\.){1,4}+ ?|\b(?:[Mm]evrouw|[Mm]eneer|[Mm]evr\.|[Mm]w\.|[Dd]hr\.|"
    r"[Dd]e heer|[Mm]r\.|[Dd]r\.|[Dd]rs\.|[Ii]r\.|[Ii]ng\.|[Pp]rof\.)\s++)" + _NAME
)
# A role in lower case, then the name, both taken ("wijkagent Visser").
_ROLES = (
    "wijkagent|agent|hoofdagent|brigadier|rechercheur|inspecteur|officier|rechter|"
    "kinderrechter|huisarts|jeugdarts|casusregisseur|procesregisseur|regisseur|"
    "jeugdbeschermer|gezinsvoogd|reclasseringswerker|reclasseringsmedewerker|medewerker|"
    "collega|teamleider|teammanager|mentor|leerkracht|juf|meester|advocaat|tolk|voorzitter|"
    "coördinator|directeur|verpleegkundige|psycholoog|psychiater|hulpverlener|"
    "aandachtsfunctionaris|beleidsmedewerker|beleidsadviseur|projectleider|kwartiermaker"
)
_ROLE = re.compile(rf"\b(?:{_ROLES})[ \u00a0]++" + _NAME_ALONE)
# A family word ("de dochter, Hatice,", "de moeder van Esra"), a speech verb ("zegt
# Tjitske", "volgens Sjoerd") or an age ("de 15-jarige Romano"), then the name alone.
_FAMILY = (
    "dochter|dochtertje|zoon|zoontje|broer|broertje|zus|zusje|moeder|vader|stiefvader|"
    "stiefmoeder|pleegmoeder|pleegvader|oma|opa|tante|oom|neef|nicht|kind|meisje|jongen|"
    "baby|slachtoffer|verdachte|dader|cliënt|cliënte|client|partner|ex-partner|vriend|"
    "vriendin|buurman|buurvrouw|jongere|minderjarige"
)
_SPEECH = (
    "[Zz]egt|[Zz]ei|[Vv]ertelt|[Vv]ertelde|[Aa]ldus|[Vv]olgens|[Vv]indt|[Vv]ond|[Bb]enadrukt|"
    "[Bb]enadrukte|[Mm]erkt|[Hh]erkent|[Ll]egt|[Ll]icht|[Nn]oemt|"
    "[Ss]chrijft|[Ss]chreef|[Rr]eageert|[Aa]ntwoordt"
)
_CUED = re.compile(
    rf"(?:\b(?:{_FAMILY})(?:, ?| van | )|\b(?:{_SPEECH}) |(?<![\w-])\d{{1,2}}-jarige )"
    + _NAME_ALONE
)
# The name before an age in brackets ("Thijs (9)") or before a colon and a quotation mark
# (the speaker of a quote: "Jinke: “Het overleg ...”", the quote starting with a capital).
_BEFORE_AGE = re.compile(rf"(?<![\w-])({WORD}) \(\d{{1,2}}(?: jaar| jr\.?)?\)")
_SPEAKER = re.compile(rf"(?<![\w-])({WORD}):[ ]?[\u201c\"\u2018'](?=[A-ZÀ-Ý])")
_CAPITALISED = re.compile(rf"(?<![\w-]){WORD}(?![\w-])")
_WITH_PARTICLE = re.compile(rf"(?<![\w-]){PARTICLE} ++({WORD})(?![\w-])")
# A double surname whose second part has a particle: "Oosterhuis-de Groot".
_DOUBLE_SURNAME = re.compile(rf"-{PARTICLE}[ \u00a0]({WORD})(?![\w-])")
_TAIL = re.compile(rf"[ \u00a0](?:{PARTICLE}[ \u00a0])?+({WORD})(?!\w)(?!-(?!{PARTICLE}[ \u00a0]))")

# Names not written in title case ("jan de vries", "JAN DE VRIES", "mevrouw jansen", "de
# moeder fatima"). Lower case and capitals carry no cue of their own, so only what the lists
# know counts: a first name with a listed surname after it, a listed name after a form of
# address or a family word, or a listed first name of four letters or more written in
# capitals on its own (not inside a heading in capitals, not an acronym).
_CASED_PARTICLE = r"(?:van (?:der|den|de|het|'t)|van|de|der|den|ter|ten|te|el|al)"
_CASED_WORD = re.compile(r"(?<![\w-])(?:[a-zà-ÿ]{2,}+|[A-ZÀ-Ý]{2,}+)(?![\w-])")
_CASED_TAIL = re.compile(
    rf"[ \u00a0](?:(?P<particle>{_CASED_PARTICLE})[ \u00a0])?+(?P<word>[a-zà-ÿ]++)(?![\w-])",
    re.IGNORECASE,
)
_CASED_ADDRESS = re.compile(
    r"(?<![\w-])(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|de heer)[ \u00a0]++"
    rf"(?:(?P<particle>{_CASED_PARTICLE})[ \u00a0])?+(?P<word>[a-zà-ÿ]++)(?![\w-])",
    re.IGNORECASE,
)
_CASED_FAMILY = re.compile(
    rf"(?<![\w-])(?:{_FAMILY})(?:, ?| van | ++)(?P<word>[a-zà-ÿ]++)(?![\w-])", re.IGNORECASE
)
# Listed first names that are also Dutch words in lower case ("erna" is "daarna", "een
# ton", "de fleur"), or in capitals the name of an instrument, office or alert (SARA, the
# risk assessment; OLAF, the EU's anti-fraud office; AMBER Alert).
NOT_NAMES_IN_LOWER_CASE = frozenset(
    {"erna", "ton", "said", "arend", "mees", "floor", "harm", "fleur", "jasmijn", "amber"}
)
NOT_NAMES_IN_CAPITALS = frozenset(
    {"sara", "rosa", "ella", "emma", "olaf", "amber", "ivo", "eva", "isa"}
)
_PRECEDING_NUMBER = re.compile(r"\d[ \u00a0]?$")
_LAST_WORD = re.compile(r"[\w-]++$")
_FIRST_WORD = re.compile(r"[ \u00a0]*+([\w-]++)")

# Abbreviations that look like initials.
NOT_INITIALS = frozenset({"N.B.", "B.V.", "N.V.", "O.M.", "A.S.", "P.S.", "T.A.V.", "I.V.M."})


def fold(word: str) -> str:
    """Lower case without accents, so Hümeýra matches humeyra on the list."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return fold(word)


def _read(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


@cache
def first_names() -> frozenset[str]:
    return _read("first_names.txt")


@cache
def surnames() -> frozenset[str]:
    return _read("surnames.txt")


@cache
def surnames_with_particle() -> frozenset[str]:
    return _read("surnames_with_particle.txt")


@cache
def never_names() -> frozenset[str]:
    return _read("never_names.txt")


def _is_name_word(word: str) -> bool:
    return _folded(word) not in never_names()


_LIST_START = re.compile(r"(?:\d{1,3}\.)?[ \t]*+")


def _enumerator(text: str, start: int, cue: str) -> bool:
    """ "A. Procesbeschrijving" at the start of a line (or after "2."): a list, not a name."""
    if len(cue) != 2:
        return False
    line_start = text.rfind("\n", max(0, start - 10), start) + 1
    if line_start == 0 and start > 10:
        return False
    return _LIST_START.fullmatch(text, line_start, start) is not None


def _with_tail(text: str, end: int) -> int:
    """The end of the name after up to two more capitalised words (its surname)."""
    for _ in range(2):
        match = _TAIL.match(text, end) or _DOUBLE_SURNAME.match(text, end)
        if match is None or not _is_name_word(match.group(1)):
            break
        end = match.end()
    return end


def _one_case(*words: str | None) -> bool:
    """All lower case or all capitals: the words the title-case patterns do not read."""
    present = [word for word in words if word]
    return all(w.islower() for w in present) or all(w.isupper() for w in present)


def _listed_surname(particle: str | None, word: str) -> bool:
    if particle:
        return _folded(word) in surnames_with_particle()
    return _folded(word) in surnames()


def _listed_first_name(word: str) -> bool:
    folded = _folded(word)
    if word.islower() and folded in NOT_NAMES_IN_LOWER_CASE:
        return False
    return folded in first_names() and folded not in never_names()


def _cased_tail(text: str, end: int, word: str) -> int:
    """The end of a listed surname in the same case as `word` after it, or `end`."""
    match = _CASED_TAIL.match(text, end)
    if match is None or not _one_case(word, match.group("particle"), match.group("word")):
        return end
    if _listed_surname(match.group("particle"), match.group("word")):
        return match.end()
    return end


def _caps_neighbour(text: str, start: int, end: int) -> bool:
    """A word in capitals right before or after: a heading or an acronym in capitals."""
    before = _LAST_WORD.search(text[max(0, start - 40) : start].rstrip(" \u00a0"))
    after = _FIRST_WORD.match(text[end : end + 40])
    return any(
        match is not None and len(match.group(0).strip()) > 1 and match.group(0).isupper()
        for match in (before, after)
    )


def cased_name_spans(text: str) -> Iterator[tuple[int, int]]:
    """Names in lower case or capitals, where the lists know them (see above)."""
    for match in _CASED_WORD.finditer(text):
        word = match.group(0)
        if not _listed_first_name(word):
            continue
        start, end = match.span()
        if word.islower() and _PRECEDING_NUMBER.search(text, max(0, start - 2), start):
            continue  # "1 jan 2024"
        full = _cased_tail(text, end, word)
        if full > end:
            yield start, full
        elif (
            word.isupper()
            and len(word) >= 4
            and _folded(word) not in NOT_NAMES_IN_CAPITALS
            and not _caps_neighbour(text, start, end)
        ):
            yield start, end
    for match in _CASED_ADDRESS.finditer(text):
        word, particle = match.group("word"), match.group("particle")
        if not _one_case(word, particle) or (word[0].isupper() and not word.isupper()):
            continue
        if _listed_surname(particle, word) or (not particle and _listed_first_name(word)):
            yield match.start(), _cased_tail(text, match.end(), word)
    for match in _CASED_FAMILY.finditer(text):
        word = match.group("word")
        if (word.islower() or word.isupper()) and _listed_first_name(word):
            yield match.start("word"), _cased_tail(text, match.end(), word)


def name_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every stretch of `text` that looks like a person's name."""
    names, alone, particled = first_names(), surnames(), surnames_with_particle()
    for match in _CAPITALISED.finditer(text):
        word = _folded(match.group(0))
        if word in names or word.split("-")[0] in names:
            yield match.start(), _with_tail(text, match.end())
        elif word in alone:
            yield match.start(), match.end()
    for match in _WITH_PARTICLE.finditer(text):
        if _folded(match.group(1)) in particled:
            yield match.start(), _with_tail(text, match.end())
    for match in _ADDRESS.finditer(text):
        cue = match.group(0)[: match.start("name") - match.start()].strip().upper()
        if cue in NOT_INITIALS or _enumerator(text, match.start(), cue):
            continue
        if _is_name_word(match.group("word")):
            yield match.start(), _with_tail(text, match.end())
    for match in _ROLE.finditer(text):
        if _is_name_word(match.group("word")):
            yield match.start(), _with_tail(text, match.end())
    for match in _CUED.finditer(text):
        if _is_name_word(match.group("word")):
            yield match.start("name"), _with_tail(text, match.end())
    for pattern in (_BEFORE_AGE, _SPEAKER):
        for match in pattern.finditer(text):
            if _is_name_word(match.group(1)):
                yield match.start(1), _with_tail(text, match.end(1))
    yield from cased_name_spans(text)
