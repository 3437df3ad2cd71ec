"""Seed 001 as demo data (issue 18): the file keeps personal data out and fits the catalogue.

No database: the file is read with seed_report_document() and the catalogue with the
catalogue loader's own parser, and every answer is cleaned as the answer form cleans it.
"""

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from markdown_it import MarkdownIt

from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2021
from werkset.demo.seed_report import SeedReportError, seed_report_document
from werkset.privacy.detectors import scan
from werkset.reports.answers import AnswerInvalid, answer_clean
from werkset.reports.models import PracticeKind

# The personal names in seed 001 (its interviews), as the first 16 hex digits of their
# SHA-256, so that this test does not carry them into the code base. The privacy guard's
# list of first names knows only one of them, so the file is checked against these too.
SEED_NAMES = frozenset(
    {
        "3bf5d7fe7b0af7c6", "427ca6f2ed39ba17", "4c9bb1b782443197", "4cb39c1bdf5da40b",
        "54425494a441e982", "660817a41462c929", "788690402050ddb3", "a2be475368d91806",
        "af33323efa5a36a4", "b554d1a66d41abf7", "b60311e06b615aae", "bdca8f2cb43c2c21",
        "e63e1b847cc5caf8", "f0365f540d6c3abf",
    }
)  # fmt: skip
SEED_CHAPTERS = ["samenhang", "acuut", "actieoverleg", "vt-zsm", "ssk"]
SEED_PRACTICE_NUMBERS = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "5.1", "5.2"]
# As the story's numbering reads a reference ("zie Uit de praktijk 2.2").
REFERENCE = re.compile(
    r"(?<![\w.])uit\s+de\s+praktijk\s+(?P<chapter>\d{1,3})\.(?P<number>\d{1,3})(?![\w]|\.\d)",
    re.IGNORECASE,
)
_blocks = MarkdownIt("commonmark").enable("table")


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return seed_report_document()


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return read_catalogue_file(CATALOGUE_2021).data


def _texts(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")


def _indicators(catalogue: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        indicator["key"]: indicator
        for theme in catalogue["themes"]
        for element in theme["elements"]
        for indicator in element["indicators"]
    }


def _paragraph_count(text: str) -> int:
    """Top-level Markdown blocks, as "after paragraph N" counts them."""
    return sum(
        1
        for token in _blocks.parse(text)
        if token.level == 0 and token.map is not None and token.nesting in (0, 1)
    )


def test_geen_tekst_in_het_bestand_geeft_een_privacywaarschuwing(seed):
    hits = [(where, hit.kind, hit.text) for where, text in _texts(seed) for hit in scan(text)]
    assert hits == []


def test_geen_naam_uit_seed_001_staat_nog_in_het_bestand(seed):
    words = {word for _where, text in _texts(seed) for word in re.findall(r"[^\W\d_]+", text)}
    left = [w for w in words if hashlib.sha256(w.encode()).hexdigest()[:16] in SEED_NAMES]
    assert left == []


def test_geen_telefoonnummers_of_e_mailadressen(seed):
    for where, text in _texts(seed):
        assert not re.search(r"\b0[89]00[- ]?\d{4}\b", text), where
        assert "@" not in text, where


def test_de_vijf_hoofdstukken_volgen_de_thema_s_van_de_catalogus(seed, catalogue):
    assert [chapter["theme"] for chapter in seed["themes"]] == SEED_CHAPTERS
    theme_keys = [theme["key"] for theme in catalogue["themes"]]
    assert [key for key in theme_keys if key in SEED_CHAPTERS] == SEED_CHAPTERS
    element_keys = {element["key"] for element in catalogue["elements"]}
    for chapter in seed["themes"]:
        assert set(chapter["elements"]) == element_keys, chapter["theme"]
        assert all(text.strip() for text in chapter["elements"].values()), chapter["theme"]


def test_eigen_hoofdstukken_staan_na_het_laatste_thema(seed):
    # After the last theme, so the themes keep the seed's chapter numbers 1 to 5.
    assert seed["sections"]
    for section in seed["sections"]:
        assert section["is_chapter"]
        assert section["theme"] == SEED_CHAPTERS[-1]
        assert section["title"]
        assert section["text"]


def test_negen_praktijkvoorbeelden_met_de_nummers_van_de_seed(seed):
    items = seed["practice_items"]
    assert [item["number"] for item in items] == SEED_PRACTICE_NUMBERS
    for item in items:
        assert item["kind"] in PracticeKind.values
        assert item["text"]
        assert 0 < len(item["title"]) <= 300
        assert 0 < len(item["source"]) <= 500


def test_praktijkvoorbeelden_krijgen_hun_nummer_van_hun_plaats(seed):
    # The product numbers items per chapter in document order: chapter = the theme's place.
    seen: dict[str, int] = {}
    for item in seed["practice_items"]:
        chapter = SEED_CHAPTERS.index(item["place"]["theme"]) + 1
        seen[item["place"]["theme"]] = seen.get(item["place"]["theme"], 0) + 1
        assert item["number"] == f"{chapter}.{seen[item['place']['theme']]}"


def test_elke_verwijzing_in_een_tekst_noemt_een_bestaand_praktijkvoorbeeld(seed):
    numbers = set(SEED_PRACTICE_NUMBERS)
    references = [
        (where, f"{int(m['chapter'])}.{int(m['number'])}")
        for where, text in _texts(seed)
        if not where.endswith(".title")
        for m in REFERENCE.finditer(text)
    ]
    assert references
    assert [ref for ref in references if ref[1] not in numbers] == []


def test_elke_plaats_bestaat_in_de_tekst(seed, catalogue):
    texts = {
        (chapter["theme"], element): text
        for chapter in seed["themes"]
        for element, text in chapter["elements"].items()
    }
    for name in ("practice_items", "quotes", "sources"):
        for item in seed[name]:
            place = item["place"]
            if place["theme"] is None:
                assert place["section"] is None, name
                assert place["paragraph"] is None, name
                continue
            text = texts[(place["theme"], place["element"])]
            if place["paragraph"] is not None:
                assert place["paragraph"] < _paragraph_count(text), (name, place)


def test_citaten_staan_op_hun_plaats_en_zonder_aanhalingstekens(seed):
    assert len(seed["quotes"]) == 9
    for quote in seed["quotes"]:
        assert quote["place"]["theme"] in SEED_CHAPTERS
        assert quote["text"][0] not in '“"*'
        assert quote["text"][-1] not in '”"*'


def test_elke_indicator_bestaat_en_elk_antwoord_past_bij_zijn_antwoordtype(seed, catalogue):
    indicators = _indicators(catalogue)
    answer_types = catalogue["answer_types"]
    assert seed["answers"]
    for answer in seed["answers"]:
        indicator = indicators[answer["indicator"]]
        spec = answer_types[indicator["answer_type"]]
        answer_type = SimpleNamespace(
            choices=spec["choices"],
            fields=spec["fields"],
            explanation_required=spec.get("explanation_required", False),
        )
        parts = [answer, *answer.get("regional", {}).values()]
        for part in parts:
            try:
                content = answer_clean(answer_type=answer_type, raw=_form_input(part))
            except AnswerInvalid as exc:
                pytest.fail(f"{answer['indicator']}: {exc.errors}")
            assert content.choice == part.get("choice", ""), answer["indicator"]
            assert content.figures == part.get("figures", {}), answer["indicator"]
        assert set(answer.get("regional", {})) <= set(seed["regions"])


def test_regionale_verschillen_staan_bij_de_regio_s_van_het_netwerk(seed):
    regional = [answer for answer in seed["answers"] if answer.get("regional")]
    assert regional
    assert seed["regions"] == ["groningen", "friesland", "drenthe"]


def _form_input(part: dict[str, Any]) -> dict[str, Any]:
    """An answer as stored, written back as the answer form's input."""
    raw: dict[str, Any] = {"choice": part.get("choice", ""), "explanation": part["explanation"]}
    for key, value in part.get("figures", {}).items():
        if isinstance(value, dict):
            raw[f"field-{key}-aantal"] = str(value["aantal"])
            raw[f"field-{key}-per"] = value["per"]
        else:
            raw[f"field-{key}"] = value if isinstance(value, list) else str(value)
    return raw


def test_seed_report_document_geeft_posities_en_volledige_plaatsen(seed):
    assert [item["position"] for item in seed["quotes"]] == list(range(len(seed["quotes"])))
    assert all(set(item["place"]) == {"theme", "element", "section", "paragraph"}
               for item in seed["sources"])  # fmt: skip


def test_een_ander_formaat_wordt_geweigerd(tmp_path: Path):
    path = tmp_path / "seed.yaml"
    path.write_text("format: 2\n", encoding="utf-8")
    with pytest.raises(SeedReportError, match="format"):
        seed_report_document(path)


def test_een_plaats_in_een_onbekende_sectie_wordt_geweigerd(tmp_path: Path):
    path = tmp_path / "seed.yaml"
    path.write_text(
        "format: 1\ncatalogue: werkset-2021\nnetwork: noord-nederland\nregions: [drenthe]\n"
        "period: '2022'\ntitle: T\nintroduction: I\nthemes: [{theme: acuut}]\n"
        "quotes: [{text: Q, place: {section: nergens}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedReportError, match="nergens"):
        seed_report_document(path)


def test_het_archief_van_de_seed_heeft_de_vorm_van_het_exportformaat() -> None:
    from werkset.demo.seed_report import seed_report_archive
    from werkset.outputs.archive_format import archive_load

    archive = archive_load(seed_report_archive())
    assert (archive["region"], archive["network"], archive["status"]) == (
        None,
        "noord-nederland",
        "vastgesteld",
    )
    # The report layout makes its own Bijlage 1 from the catalogue.
    assert not any(s["title"].startswith("Bijlage 1") for s in archive["own_sections"])
    assert all(answer["revision"] == 1 for answer in archive["answers"].values())
