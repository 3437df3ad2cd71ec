"""Seed 001 as the demo's network report: the data file read into a plain dict.

The content lives in data/noord-nederland-2022.yaml, whose header describes its structure.
This module only reads the file and checks the shape an import needs, so that a broken file
fails here, naming the place, instead of halfway through entering a report. Nothing is
written to the database: `werkset demo` enters the dict through the product's own import.
"""

from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).parent / "data" / "noord-nederland-2022.yaml"
FORMAT = 1
# The file is ours and about 100 KB; anything far larger is not this file.
MAX_BYTES = 1_000_000
PLACE_KEYS = ("theme", "element", "section", "paragraph")
ITEM_LISTS = ("practice_items", "quotes", "sources")
REQUIRED = ("catalogue", "network", "regions", "period", "title", "introduction", "themes")


class SeedReportError(ValueError):
    """The data file does not have the documented structure; the message names the place."""


def seed_report_document(path: Path = DATA_FILE) -> dict[str, Any]:
    """The demo report as a plain dict: the file's content, with every item's place spelled
    out (all of theme, element, section and paragraph; None where not given) and a
    `position` per item in the order of the file, which is the order in the document."""
    if path.stat().st_size > MAX_BYTES:
        raise SeedReportError(f"{path.name}: larger than {MAX_BYTES} bytes")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SeedReportError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise SeedReportError(f"{path.name}: no mapping at the top")
    if document.get("format") != FORMAT:
        raise SeedReportError(f"{path.name}: format must be {FORMAT}")
    missing = [key for key in REQUIRED if not document.get(key)]
    if missing:
        raise SeedReportError(f"{path.name}: missing {', '.join(missing)}")

    sections = document.setdefault("sections", [])
    section_keys = {section["key"] for section in sections}
    for position, section in enumerate(sections):
        section["position"] = position
    for name in ITEM_LISTS:
        for position, item in enumerate(document.setdefault(name, [])):
            item["position"] = position
            item["place"] = _place(item.get("place") or {}, section_keys, f"{name}[{position}]")
    document.setdefault("summary", "")
    document.setdefault("answers", [])
    return document


def _place(place: dict[str, Any], section_keys: set[str], where: str) -> dict[str, Any]:
    unknown = set(place) - set(PLACE_KEYS)
    if unknown:
        raise SeedReportError(f"{where}.place: unknown keys {', '.join(sorted(unknown))}")
    full = {key: place.get(key) for key in PLACE_KEYS}
    if full["section"] is not None and full["section"] not in section_keys:
        raise SeedReportError(f"{where}.place.section: no section {full['section']!r}")
    paragraph = full["paragraph"]
    if paragraph is not None and (not isinstance(paragraph, int) or paragraph < 1):
        raise SeedReportError(f"{where}.place.paragraph: a whole number from 1, or empty")
    return full
