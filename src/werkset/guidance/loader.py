"""Reading and checking the reference-text files, once per process (issues 23 and 24).

Guidance texts (the methodische onderlegger, the building blocks of the Actieoverleg, the
case examples, the explanation of the improvement actions) and the framing of a catalogue
version are data files in guidance/data/, like the catalogue (ADR 0002): checked against
schema/reference.schema.json and the cross-checks below, every problem reported at once with
file, line and place in Dutch; a directory with any problem loads nothing.

They are read once per process (guidance_library) and shared as frozen value objects. Pages
that show them cache the rendered block under `GuidanceLibrary.version`, a hash of the files'
content, so a changed file is a new cache key and never a stale page."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from werkset.catalogue.validation import (
    CatalogueFileError,
    Problem,
    _describe_schema_error,
    _line_of,
    _TextDatesLoader,
    format_place,
)
from werkset.improvement.vocabulary import BuildingBlock

from .texts import (
    BlockGuidance,
    Framing,
    FramingPart,
    GuidanceSet,
    ReferenceText,
    Section,
)

DATA_DIR = Path(__file__).parent / "data"
SCHEMA_PATH = Path(__file__).parent / "schema" / "reference.schema.json"


class ReferenceFileError(CatalogueFileError):
    """A reference file cannot be used; `problems` says everything that is wrong."""

    def __str__(self) -> str:
        return super().__str__().replace("Catalogusbestand", "Bestand met referentieteksten", 1)


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _sections(raw: Iterable[dict[str, Any]]) -> tuple[Section, ...]:
    return tuple(
        Section(
            heading=section.get("heading", ""),
            paragraphs=tuple(section.get("paragraphs", ())),
            items=tuple(section.get("items", ())),
            numbered=bool(section.get("numbered", False)),
            start=int(section.get("start", 1)),
            after=tuple(section.get("after", ())),
            note=section.get("note", ""),
            building_blocks=tuple(section.get("building_blocks", ())),
        )
        for section in raw
    )


def _cross_check(data: dict[str, Any]) -> list[tuple[list[Any], str]]:
    """What the schema cannot say: unique keys, known building blocks."""
    problems: list[tuple[list[Any], str]] = []
    blocks = set(BuildingBlock.values)
    collection = "texts" if "texts" in data else "parts"
    seen: set[str] = set()
    for index, entry in enumerate(data[collection]):
        if entry["key"] in seen:
            problems.append(([collection, index, "key"], f"'{entry['key']}' staat dubbel"))
        seen.add(entry["key"])
        for section_index, section in enumerate(entry["sections"]):
            for block in section.get("building_blocks", ()):
                if block not in blocks:
                    problems.append(
                        (
                            [collection, index, "sections", section_index, "building_blocks"],
                            f"onbekende bouwsteen '{block}'; bekend zijn: "
                            + ", ".join(sorted(blocks)),
                        )
                    )
    part_keys = {entry["key"] for entry in data.get("parts", ())}
    for index, key in enumerate(data.get("appendix", ())):
        if key not in part_keys:
            problems.append((["appendix", index], f"'{key}' is geen onderdeel van dit bestand"))
    return problems


def parse_reference_text(text: str, *, file_name: str) -> GuidanceSet | Framing:
    """Parse and check one file; raise ReferenceFileError listing every problem."""
    try:
        root = yaml.compose(text, Loader=_TextDatesLoader)
        data = yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = Problem(
            place="",
            message=f"geen geldige YAML: {getattr(exc, 'problem', None) or exc}",
            line=mark.line + 1 if mark else None,
        )
        raise ReferenceFileError(file_name, [problem]) from exc
    if not isinstance(data, dict):
        raise ReferenceFileError(file_name, [Problem(place="", message="het bestand is leeg")])
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.path))
    problems = [
        Problem(
            place=format_place(list(error.path)),
            message=_describe_schema_error(error),
            line=_line_of(root, list(error.path)),
        )
        for error in errors
    ]
    if not problems:
        problems = [
            Problem(place=format_place(path), message=message, line=_line_of(root, path))
            for path, message in _cross_check(data)
        ]
    if problems:
        raise ReferenceFileError(file_name, problems)
    if "parts" in data:
        return Framing(
            key=data["key"],
            version=data["version"],
            title=data["title"],
            source=data["source"],
            file_name=file_name,
            catalogue=data["catalogue"],
            also_for=tuple(data.get("also_for", ())),
            appendix=tuple(data.get("appendix", ())),
            parts=tuple(
                FramingPart(
                    key=part["key"], title=part["title"], sections=_sections(part["sections"])
                )
                for part in data["parts"]
            ),
        )
    return GuidanceSet(
        key=data["key"],
        version=data["version"],
        title=data["title"],
        source=data["source"],
        file_name=file_name,
        texts=tuple(
            ReferenceText(
                key=text["key"],
                kind=text["kind"],
                title=text["title"],
                source=text.get("source", data["source"]),
                themes=tuple(text["themes"]),
                sections=_sections(text["sections"]),
                set_key=data["key"],
                set_version=data["version"],
            )
            for text in data["texts"]
        ),
    )


@dataclass(frozen=True)
class GuidanceLibrary:
    """Every reference text of the product, as loaded from one directory."""

    version: str
    sets: tuple[GuidanceSet, ...]
    framings: tuple[Framing, ...]

    @property
    def texts(self) -> tuple[ReferenceText, ...]:
        return tuple(text for guidance in self.sets for text in guidance.texts)

    def for_theme(self, theme_key: str) -> tuple[ReferenceText, ...]:
        return tuple(text for text in self.texts if theme_key in text.themes)

    def for_building_block(self, block: str) -> tuple[BlockGuidance, ...]:
        found = []
        for text in self.texts:
            sections = tuple(s for s in text.sections if block in s.building_blocks)
            if sections:
                found.append(BlockGuidance(text=text, sections=sections))
        return tuple(found)

    def framing_named(self, slug: str) -> Framing | None:
        """The framing written for, or explicitly extended to, the catalogue version `slug`."""
        for framing in self.framings:
            if slug == framing.catalogue or slug in framing.also_for:
                return framing
        return None


def read_reference_directory(directory: Path) -> GuidanceLibrary:
    """Read and check every *.yaml file of `directory`; raise on the first broken file."""
    sets: list[GuidanceSet] = []
    framings: list[Framing] = []
    digest = hashlib.sha256()
    text_keys: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        content = path.read_text(encoding="utf-8")
        digest.update(path.name.encode() + b"\0" + content.encode("utf-8"))
        document = parse_reference_text(content, file_name=path.name)
        if isinstance(document, Framing):
            framings.append(document)
            continue
        for text in document.texts:
            if text.key in text_keys:
                raise ReferenceFileError(
                    path.name,
                    [Problem(place=text.key, message=f"staat ook in {text_keys[text.key]}")],
                )
            text_keys[text.key] = path.name
        sets.append(document)
    return GuidanceLibrary(
        version=digest.hexdigest()[:16], sets=tuple(sets), framings=tuple(framings)
    )


@cache
def guidance_library() -> GuidanceLibrary:
    """The product's reference texts, read once per process."""
    return read_reference_directory(DATA_DIR)
