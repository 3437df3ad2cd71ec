"""Reading and checking a catalogue file, without touching the database.

A file is checked completely before anything is loaded: every problem is reported
with the file, the line, the place in the document and what is wrong, in Dutch.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from .errata import errata_against, errata_problems
from .lineage import lineage_problems

SCHEMA_PATH = Path(__file__).parent / "schema" / "catalogue.schema.json"
MAX_REPORTED_PROBLEMS = 50

# Honest answers every answer type offers besides its own choices.
UNIVERSAL_CHOICES = [
    {"key": "onbekend", "label": "Onbekend"},
    {"key": "nvt", "label": "N.v.t."},
]

PATTERN_HINTS = {
    "slug": "alleen kleine letters, cijfers en - of _ (bijvoorbeeld 'werkset-2021')",
    "indicator_key": (
        "de vorm <thema>.<element>.<naam>, bijvoorbeeld 'acuut.ontwikkel.voorlichting-politie'"
    ),
    "date": "een datum als JJJJ-MM-DD",
}

TYPE_NAMES = {
    "object": "een lijst van velden (mapping)",
    "array": "een lijst",
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "ja of nee (true/false)",
    "null": "niets",
}


@dataclass(frozen=True)
class Problem:
    place: str
    message: str
    line: int | None = None

    def describe(self, file_name: str) -> str:
        where = f"{file_name}, regel {self.line}" if self.line else file_name
        place = f" ({self.place})" if self.place else ""
        return f"{where}{place}: {self.message}"


@dataclass
class CatalogueFileError(Exception):
    """The file cannot be published; `problems` says everything that is wrong."""

    file_name: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [p.describe(self.file_name) for p in self.problems[:MAX_REPORTED_PROBLEMS]]
        hidden = len(self.problems) - MAX_REPORTED_PROBLEMS
        if hidden > 0:
            lines.append(f"... en nog {hidden} problemen.")
        header = f"Catalogusbestand {self.file_name} is niet geladen; er is niets gewijzigd."
        return "\n".join([header, *lines])


@dataclass(frozen=True)
class CatalogueDocument:
    file_name: str
    data: dict[str, Any]
    content_hash: str


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so the schema sees what the author wrote."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def _schema_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def format_place(path: Iterator[Any] | list[Any]) -> str:
    place = ""
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else str(part))
    return place


def _line_of(root: yaml.Node | None, path: list[Any]) -> int | None:
    """The line in the YAML text where the value at `path` starts (1-based)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            match = node.value[part] if 0 <= part < len(node.value) else None
        else:
            match = None
        if match is None:
            break
        node = match
        line = node.start_mark.line + 1
    return line


def _describe_schema_error(error: SchemaError) -> str:
    instance: Any = error.instance
    value: Any = error.validator_value
    schema: Any = error.schema
    kind = error.validator
    if kind == "required":
        missing = [name for name in value if name not in instance]
        return "verplicht veld ontbreekt: " + ", ".join(f"'{name}'" for name in missing)
    if kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = sorted(name for name in instance if name not in known)
        return "onbekend veld: " + ", ".join(f"'{name}'" for name in extra)
    if kind == "type":
        expected = TYPE_NAMES.get(value, value) if isinstance(value, str) else value
        return f"verwacht {expected}, maar gevonden: {instance!r}"
    if kind == "enum":
        options = ", ".join(f"'{option}'" for option in value)
        return f"'{instance}' is geen toegestane waarde; kies uit {options}"
    if kind == "const":
        return f"moet {value!r} zijn, maar is {instance!r}"
    if kind == "pattern":
        return f"'{instance}' heeft niet de juiste vorm: verwacht {_pattern_hint(value)}"
    if kind == "minLength":
        return "mag niet leeg zijn"
    if kind in ("minItems", "minProperties"):
        return f"moet minstens {value} onderdeel/onderdelen bevatten"
    if kind == "propertyNames":
        return f"de naam {error.instance!r} heeft niet de juiste vorm"
    return f"ongeldig ({kind}): {error.message}"


def _pattern_hint(pattern: str) -> str:
    if pattern.startswith("^[0-9]{4}"):
        return PATTERN_HINTS["date"]
    if "\\." in pattern:
        return PATTERN_HINTS["indicator_key"]
    return PATTERN_HINTS["slug"]


def _cross_check(data: dict[str, Any]) -> list[tuple[list[Any], str]]:
    """Checks a schema cannot express: references and uniqueness."""
    problems: list[tuple[list[Any], str]] = []
    element_keys = [element["key"] for element in data["elements"]]
    categories = {category["key"] for category in data.get("value_categories", [])}
    documents = {document["key"] for document in data.get("source_documents", [])}
    answer_types = data["answer_types"]

    for type_key, answer_type in answer_types.items():
        choice_keys = [choice["key"] for choice in answer_type["choices"]]
        universal = {choice["key"] for choice in UNIVERSAL_CHOICES}
        for index, choice_key in enumerate(choice_keys):
            if choice_key in universal:
                problems.append(
                    (
                        ["answer_types", type_key, "choices", index],
                        f"'{choice_key}' hoort bij elk antwoordtype en wordt niet apart genoemd",
                    )
                )
            if choice_keys.count(choice_key) > 1 and choice_keys.index(choice_key) == index:
                problems.append(
                    (["answer_types", type_key, "choices"], f"keuze '{choice_key}' staat dubbel")
                )
        field_keys = [f["key"] for f in answer_type["fields"]]
        has_required_field = any(f.get("required") for f in answer_type["fields"])
        if not (choice_keys or has_required_field or answer_type.get("explanation_required")):
            problems.append(
                (
                    ["answer_types", type_key],
                    "een antwoordtype zonder keuzes heeft een verplicht veld of een "
                    "verplichte toelichting nodig",
                )
            )
        for index, field_def in enumerate(answer_type["fields"]):
            place = ["answer_types", type_key, "fields", index]
            if field_keys.count(field_def["key"]) > 1:
                problems.append((place, f"veld '{field_def['key']}' staat dubbel"))
            for choice_key in field_def.get("asked_when", []):
                if choice_key not in choice_keys:
                    problems.append(
                        (
                            [*place, "asked_when"],
                            f"'{choice_key}' is geen keuze van dit antwoordtype",
                        )
                    )
            has_options = "options" in field_def
            if field_def["kind"] in ("keuze", "meerkeuze") and not has_options:
                problems.append(
                    (place, f"een veld van soort '{field_def['kind']}' heeft opties nodig")
                )
            if field_def["kind"] not in ("keuze", "meerkeuze") and has_options:
                problems.append(
                    (place, f"een veld van soort '{field_def['kind']}' heeft geen opties")
                )

    theme_keys: list[str] = []
    indicator_keys: set[str] = set()
    placed_indicators: list[tuple[list[Any], dict[str, Any]]] = []
    for theme_index, theme in enumerate(data["themes"]):
        theme_place: list[Any] = ["themes", theme_index]
        if theme["key"] in theme_keys:
            problems.append(([*theme_place, "key"], f"thema '{theme['key']}' staat dubbel"))
        theme_keys.append(theme["key"])
        found_elements = [element["element"] for element in theme["elements"]]
        if found_elements != element_keys:
            problems.append(
                (
                    [*theme_place, "elements"],
                    f"verwacht de elementen {', '.join(element_keys)} in die volgorde, "
                    f"gevonden: {', '.join(found_elements)}",
                )
            )
        for element_index, element in enumerate(theme["elements"]):
            element_place = [*theme_place, "elements", element_index]
            for indicator_index, indicator in enumerate(element["indicators"]):
                place = [*element_place, "indicators", indicator_index]
                placed_indicators.append((place, indicator))
                key = indicator["key"]
                expected_prefix = f"{theme['key']}.{element['element']}."
                if not key.startswith(expected_prefix):
                    problems.append(
                        ([*place, "key"], f"'{key}' moet beginnen met '{expected_prefix}'")
                    )
                if key in indicator_keys:
                    problems.append(([*place, "key"], f"indicator '{key}' staat dubbel"))
                indicator_keys.add(key)
                type_key = indicator["answer_type"]
                if type_key not in answer_types:
                    problems.append(
                        (
                            [*place, "answer_type"],
                            f"onbekend antwoordtype '{type_key}'; bekend zijn: "
                            + ", ".join(sorted(answer_types)),
                        )
                    )
                else:
                    type_fields = {f["key"] for f in answer_types[type_key]["fields"]}
                    for field_key in indicator.get("field_labels", {}):
                        if field_key not in type_fields:
                            problems.append(
                                (
                                    [*place, "field_labels", field_key],
                                    f"antwoordtype '{type_key}' heeft geen veld '{field_key}'",
                                )
                            )
                document = indicator.get("source", {}).get("document")
                if document is not None and document not in documents:
                    problems.append(
                        (
                            [*place, "source", "document"],
                            f"onbekend brondocument '{document}'; noem het onder "
                            "'source_documents' bovenaan het bestand",
                        )
                    )
                category = indicator.get("value_category")
                if category is not None and category not in categories:
                    problems.append(
                        ([*place, "value_category"], f"onbekende waardecategorie '{category}'")
                    )
    problems += lineage_problems(placed_indicators, continues_version=data.get("continues"))
    problems += errata_problems(data)
    return problems


def content_hash(data: dict[str, Any]) -> str:
    """A hash of the content, not the layout: comments and spacing do not count."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_catalogue_text(text: str, *, file_name: str) -> CatalogueDocument:
    """Parse and check a catalogue; raise CatalogueFileError listing every problem."""
    try:
        root = yaml.compose(text, Loader=_TextDatesLoader)
        data = yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 (a SafeLoader subclass)
    except RecursionError as exc:
        # The YAML parser recurses per level of nesting; a catalogue has about eight.
        raise CatalogueFileError(
            file_name, [Problem(place="", message="geen geldige YAML: te diep genest")]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogueFileError(
            file_name,
            [
                Problem(
                    place="",
                    message=f"geen geldige YAML: {problem}",
                    line=mark.line + 1 if mark else None,
                )
            ],
        ) from exc

    if not isinstance(data, dict):
        raise CatalogueFileError(
            file_name, [Problem(place="", message="het bestand bevat geen catalogus (leeg?)")]
        )

    schema_errors = sorted(_schema_validator().iter_errors(data), key=lambda e: list(e.path))
    problems = [
        Problem(
            place=format_place(list(error.path)),
            message=_describe_schema_error(error),
            line=_line_of(root, list(error.path)),
        )
        for error in schema_errors
    ]
    if not problems:
        problems = [
            Problem(place=format_place(path), message=message, line=_line_of(root, path))
            for path, message in _cross_check(data)
        ]
    if problems:
        raise CatalogueFileError(file_name, problems)
    return CatalogueDocument(file_name=file_name, data=data, content_hash=content_hash(data))


def read_catalogue_file(path: Path) -> CatalogueDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueFileError(
            path.name, [Problem(place="", message=f"kan niet gelezen worden: {exc}")]
        ) from exc
    except UnicodeDecodeError as exc:
        # Python's own message is English and names a byte position, not a line.
        raise CatalogueFileError(
            path.name,
            [Problem(place="", message="kan niet gelezen worden: geen tekstbestand in UTF-8")],
        ) from exc
    return parse_catalogue_text(text, file_name=path.name)


def check_against_earlier(
    document: CatalogueDocument, earlier: dict[str, Any] | None
) -> CatalogueDocument:
    """The errata of `document` checked against the content of the version it continues
    (`earlier`, a file's or an export's data; None when it is not at hand: then only what
    the file alone shows was checked). A version without errata is a new instrument, not a
    corrected one, and may differ freely. Raises CatalogueFileError listing every problem."""
    if earlier is None or not document.data.get("errata"):
        return document
    problems = [
        Problem(place=format_place(path), message=message)
        for path, message in errata_against(document.data, earlier)
    ]
    if problems:
        raise CatalogueFileError(document.file_name, problems)
    return document
