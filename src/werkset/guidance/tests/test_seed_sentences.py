"""The reference texts hold the seeds' sentences (issues 23 and 24).

Each passage of a seed is cut into sentences (and list lines); every sentence must be found
in the reference texts, compared on letters and digits only: the seeds are scans whose text
extraction glues or splits words and drops accents, so spaces, punctuation and accents do
not count. What is left out on purpose is listed below with the reason; the test fails when
an omission is no longer in the seed (the list stays true) or a sentence is missing.

The methodische onderlegger (seed 002) is set in columns that the extraction runs together
line by line, so its sentences cannot be cut from the seed; there, fragments copied verbatim
from the seed's lines must be found both in the seed and in the reference text."""

import os
import re
import unicodedata
from pathlib import Path

import pytest

from werkset.guidance.loader import guidance_library
from werkset.guidance.texts import Section

SEEDS = Path(os.environ.get("WERKSET_SEEDS_DIR", "/work/shared/seeds"))

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not here")

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Short labels and scan debris (a lone letter, a figure's one-word caption such as
# "Melding", "Crisis?") are not sentences: pieces with fewer letters are not compared.
MIN_LETTERS = 12


def _normal(text: str) -> str:
    text = text.translate({ord(c): None for c in SUPERSCRIPTS})
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _passage(seed: str, start: str, end: str) -> str:
    begin = seed.index(start)
    return seed[begin : seed.index(end, begin) + len(end)]


def _sentences(passage: str) -> list[str]:
    passage = re.sub(r"</?i>", "", passage)  # the seed's italics in its table
    pieces = re.split(r"(?<=[.?!])\s+|\n\s*(?:[-*•=»«¢e]\s+|\d\.\s+)|\n\s*\n|\t", passage)
    # A bullet the scan read as a letter ("ePolitie deelt", "o Vertrouwensarts") goes too.
    pieces = [re.sub(r"^\s*[oe*•]\s?(?=[A-Z])", "", piece) for piece in pieces]
    return [piece.strip() for piece in pieces if len(_normal(piece)) >= MIN_LETTERS]


def _section_text(sections: tuple[Section, ...]) -> list[str]:
    return [
        part
        for section in sections
        for part in (section.heading, *section.paragraphs, *section.items, *section.after)
    ]


def _guidance_corpus() -> str:
    return _normal(
        " ".join(
            piece
            for text in guidance_library().texts
            for piece in (text.title, *_section_text(text.sections))
        )
    )


def _framing_corpus() -> str:
    framing = guidance_library().framing_named("werkset-2021")
    assert framing is not None
    return _normal(
        " ".join(
            piece for part in framing.parts for piece in (part.title, *_section_text(part.sections))
        )
    )


def _missing(sentences: list[str], corpus: str, omitted: dict[str, str]) -> list[str]:
    return [
        sentence
        for sentence in sentences
        if _normal(sentence) not in corpus
        and not any(_normal(key) in _normal(sentence) for key in omitted)
    ]


def _omissions_are_in(passage: str, omitted: dict[str, str]) -> list[str]:
    return [key for key in omitted if _normal(key) not in _normal(passage)]


# --- Seed 000: the Inleiding and the Bijlage Verantwoording --------------------------------

INLEIDING_OMITTED = {
    # The project leaders and supporters of the LNZS are named in the seed; not their names.
    "(Bertine Koekkoek, Marieke Kleinjan, Maartje Flipse, Wouter Prause, Bram Loeffen, "
    "Eveline Plomp, Mariet Lohman en Ieta Polman)": "personal names left out",
}
# In the list of participants each line is "name, organisation/function": the name is left
# out, the organisation and function stay (the rule, applied to every line of that list).
PARTICIPANTS_START = "Deelnemers werksessies (willekeurige volgorde):"


def test_every_sentence_of_the_inleiding_is_in_the_framing():
    passage = _passage(
        _seed("000"),
        "In deze rapportage presenteren we",
        "Zie voor een verdere verantwoording de bijlage.",
    )
    assert not _omissions_are_in(passage, INLEIDING_OMITTED)
    for name in INLEIDING_OMITTED:
        passage = passage.replace(name, "")
    assert _missing(_sentences(passage), _framing_corpus(), {}) == []


def test_every_line_of_the_verantwoording_is_in_the_framing_without_names():
    passage = _passage(
        _seed("000"),
        "Rapporten en documenten:",
        "- Wouter Prause, PWC en landelijk projectleider Samenwerken bij strafbare "
        "kindermishandeling",
    )
    head, participants = passage.split(PARTICIPANTS_START)
    lines = [line.strip("- ").strip() for line in participants.splitlines() if line.strip("- ")]
    kept = [line.split(", ", 1)[1] for line in lines if ", " in line]
    assert len(kept) == len(lines) - 1  # every line but the heading "Overige respondenten"
    corpus = _framing_corpus()
    assert _missing(_sentences(head), corpus, {}) == []
    assert [line for line in kept if _normal(line) not in corpus] == []
    names = [line.split(", ", 1)[0] for line in lines if ", " in line]
    assert not [name for name in names if _normal(name) in corpus]


# --- Seed 002: building blocks, case examples, the methodische onderlegger ------------------

BOUWSTENEN_OMITTED = {
    # Labels of the seed's drawings; the drawing is read out in one sentence of the text.
    "Aanpakoorzaken Aanpakgevolgen": "figure label",
    "Veilig Thuis, Politie, OM,": "figure label (the page header's list of partners)",
    "(Reclassering, RvdkK)": "figure label",
    # Scan errors, corrected in the text.
    "- ing (indien van ing)**": "lost word: the text says 'Reclassering (indien van toepassing)'",
    "aanslyj": "scan error: the text says 'aansluit'",
    "veschillende": "seed typo: the text says 'verschillende'",
}


def test_every_sentence_of_the_building_blocks_is_in_the_guidance():
    passage = _passage(
        _seed("002"),
        "Waarom een Actie(gericht)overleg?",
        "ontmoeten en te leren kennen.",
    )
    assert not _omissions_are_in(passage, BOUWSTENEN_OMITTED)
    assert _missing(_sentences(passage), _guidance_corpus(), BOUWSTENEN_OMITTED) == []


CASES_OMITTED = {
    "Andere voorbeelden Voorbeeldcasus in geval geen Actieoverleg versus": (
        "two headings of one page run together; kept as two headings"
    ),
    "zZijn": "scan error: the text says 'zijn'",
    "0OvJ": "scan error: the text says 'OvJ'",
    "ledere instantie": "scan error: the text says 'Iedere'",
    "r\n Acties/ scenario\u2019s:": "scan debris before a heading",
}


def test_every_sentence_of_the_case_examples_is_in_the_guidance():
    passage = _passage(
        _seed("002"),
        "Vanuit verschillende regio\u2019s is een aantal goede voorbeelden opgehaald die ter\n",
        "Aanwijzen van casus verantwoordelijke.",
    )
    assert not _omissions_are_in(passage, CASES_OMITTED)
    assert _missing(_sentences(passage), _guidance_corpus(), CASES_OMITTED) == []


# Fragments copied verbatim from the onderlegger's lines in seed 002 (the ten steps, the
# three steps and their questions, the criteria).
ONDERLEGGER_FRAGMENTS = [
    "1. Bepaal de onveilige situaties / relaties en wat",
    "Benoem per onveilige situatie de",
    "3. Maak concrete afspraken voor het realiseren van de",
    "4. Bepaal welke lokale hulpverleners en specialisten",
    "civielrechtelijk/ bestuurlijk/ strafrechtelijk kader",
    "5. Bepaal wie regie voert op de veiligheid en wat de",
    "6. Bepaal de risicofactoren die de grootste impact",
    "7. Formuleer per risicofactor de doelen die bijdragen",
    "8. Bedenk oplossingen en maak hiervoor afspraken",
    "9. Onderzoek wat nodig is voor het verwerken van",
    "tot afname van onveiligheid (monitoring veiligheid)",
    "Vervolgens werken aan de risicofactoren die de",
    "Gedurende het hele proces focus op veiligheid.",
    "tussen straf en zorg deze visie wordt vertaald naar de dagelijkse praktijk.",
    "Stap 1: Wat is grootste zorg over de onveiligheid als",
    "Stap 3. Afspraken over regie en vervolg",
    "Stap 2: Wat is nodig om het veilig te maken en te",
    "Wat vindt Actieoverleg de grootste zorg ten aanzien",
    "Welk vervolg is (nog) nodig, denk aan monitoring en",
    "Welke partijen moeten worden geinformeerd over de",
    "Delen en duiden van informatie: welke informatie",
    "Reclassering: toezicht, lopende interventies, etc.",
    "Actieoverleg is op z\u2019n minst relevant voor Veilig Thuis,",
    "Het is een overleg waarin acties en lijnen worden",
    "Criminaliteit en veiligheidsrisico\u2019s: betrokkenheid",
    "Ex-partner stalking",
    "Ouderenmishandeling",
    "Monitoring, zo ja wie, wanneer en wat",
    "Regie op veiligheid (afstemming straf/zorg)",
]


def test_the_onderlegger_holds_the_seeds_fragments():
    seed = _normal(_seed("002"))
    onderlegger = next(t for t in guidance_library().texts if t.key == "onderlegger")
    corpus = _normal(" ".join(_section_text(onderlegger.sections)))
    assert [f for f in ONDERLEGGER_FRAGMENTS if _normal(f.lstrip("0123456789. ")) not in seed] == []
    assert [
        f for f in ONDERLEGGER_FRAGMENTS if _normal(f.lstrip("0123456789. ")) not in corpus
    ] == []


# --- Seed 004: the explanation of the improvement actions -----------------------------------

UITLEG_OMITTED = {
    "Vrijwillige hulp overdracht\nlokale veld of afronding": "label of the seed's drawing",
}


def test_every_sentence_of_the_explanation_is_in_the_guidance():
    passage = _passage(
        _seed("004"),
        "Huiselijk geweld en kindermishandeling betreft geweld",
        "info@OAVV.nl.",
    )
    assert not _omissions_are_in(passage, UITLEG_OMITTED)
    assert _missing(_sentences(passage), _guidance_corpus(), UITLEG_OMITTED) == []
