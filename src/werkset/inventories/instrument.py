"""An inventory's instrument: the versioned data file of kind *inventarisatie* (issue 22),
read, checked against its schema and kept with the inventory as loaded. Everything the
pages, services and selectors know about the questions comes from here."""

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "catalogue" / "schema" / ("inventory.schema.json")
)
DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_FILE_BYTES = 200_000


class InstrumentError(Exception):
    """A data file that is not a valid instrument (the message says where, in Dutch)."""


@dataclass(frozen=True)
class Item:
    key: str
    title: str


@dataclass(frozen=True)
class Frequency(Item):
    weekly: bool


@dataclass(frozen=True)
class Question(Item):
    applies_to: str  # "wel", "geen" or "alle"


@dataclass(frozen=True)
class Category(Item):
    question: str
    codes: tuple[Item, ...]


@dataclass(frozen=True)
class Instrument:
    """The parsed instrument; built from the JSON stored with the inventory."""

    document: dict[str, Any]

    @property
    def characteristics(self) -> list[Item]:
        return [Item(c["key"], c["title"]) for c in self.document["characteristics"]]

    @property
    def timeliness(self) -> str:
        return str(self.document["timeliness"])

    @property
    def partners(self) -> list[Item]:
        return [Item(p["key"], p["title"]) for p in self.document["partners"]]

    @property
    def frequencies(self) -> list[Frequency]:
        return [Frequency(f["key"], f["title"], f["weekly"]) for f in self.document["frequencies"]]

    @property
    def questions(self) -> list[Question]:
        return [Question(q["key"], q["title"], q["applies_to"]) for q in self.document["questions"]]

    @property
    def categories(self) -> list[Category]:
        return [
            Category(
                c["key"],
                c["title"],
                c["question"],
                tuple(Item(code["key"], code["title"]) for code in c["codes"]),
            )
            for c in self.document["vocabulary"]
        ]

    def categories_of(self, question: str) -> list[Category]:
        return [c for c in self.categories if c.question == question]

    @property
    def code_keys(self) -> set[str]:
        return {code.key for c in self.categories for code in c.codes}

    def question_of_code(self, code: str) -> str:
        for category in self.categories:
            if any(item.key == code for item in category.codes):
                return category.question
        raise KeyError(code)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _unique(keys: list[str], what: str) -> None:
    if len(keys) != len(set(keys)):
        raise InstrumentError(f"Dubbele sleutel in {what}.")


def instrument_check(document: Any) -> Instrument:
    """The instrument of a parsed data file, or InstrumentError saying what is wrong."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].path) or "bestand"
        raise InstrumentError(f"Ongeldig instrument bij {where}: {errors[0].message}")
    instrument = Instrument(document)
    _unique([c.key for c in instrument.characteristics], "characteristics")
    _unique([p.key for p in instrument.partners], "partners")
    _unique([f.key for f in instrument.frequencies], "frequencies")
    _unique([q.key for q in instrument.questions], "questions")
    _unique([code.key for c in instrument.categories for code in c.codes], "vocabulary")
    if instrument.timeliness not in {c.key for c in instrument.characteristics}:
        raise InstrumentError("timeliness noemt geen kenmerk van het toetsingskader.")
    questions = {q.key for q in instrument.questions}
    if any(c.question not in questions for c in instrument.categories):
        raise InstrumentError("Een categorie van de vocabulaire hoort bij geen vraag.")
    return instrument


def instrument_read(path: Path) -> tuple[Instrument, str]:
    """Read and check a data file; returns the instrument and the file's sha256."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise InstrumentError(f"{path.name} is groter dan {MAX_FILE_BYTES} bytes.")
    try:
        # Decoded here: given bytes, the YAML parser guesses UTF-16 from a byte order mark.
        document = yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InstrumentError(f"{path.name} is geen tekstbestand in UTF-8.") from exc
    except RecursionError as exc:
        raise InstrumentError(f"{path.name} is geen geldige YAML: te diep genest.") from exc
    except yaml.YAMLError as exc:
        raise InstrumentError(f"{path.name} is geen geldige YAML: {exc}") from exc
    return instrument_check(document), hashlib.sha256(raw).hexdigest()
