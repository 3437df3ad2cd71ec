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


# --- the document as a JSON archive --------------------------------------------------------

# The own chapter the product makes itself: the report layout generates its own Bijlage 1
# (the national context) from the catalogue, so the seed's copy of it is left out.
GENERATED_SECTIONS = frozenset({"landelijke-context"})
# Who wrote and who decided: the demo's accounts (demo/services.py DEMO_ACCOUNTS), linked
# by the import when `werkset demo` has made them. Times and the meeting are fictitious.
RAPPORTEUR = ("rapporteur-netwerk", "Demo Rapporteur netwerk (fictief)")
CHAIR = ("voorzitter", "Demo Voorzitter netwerk (fictief)")
WRITTEN_AT = "2022-11-01T09:00:00+00:00"
PUT_FORWARD_AT = "2022-11-28T09:00:00+00:00"
FINALISED_AT = "2022-12-15T15:00:00+00:00"
DECIDED_ON = "2022-12-15"
DECIDED_BY = "Het Regionaal Netwerk Zorg-Straf Noord-Nederland in zijn vergadering (fictief)"
DECISION_NOTE = "Vastgesteld als demorapportage; de vergaderdatum is fictief."


def seed_report_archive(document: dict[str, Any] | None = None) -> dict[str, Any]:
    """The seed document as a report archive (outputs/archive_format.py), so the demo enters
    it through the product's own import: a network report, finalised by the network, every
    text written once by the network's rapporteur.

    Left out: the own chapter in GENERATED_SECTIONS, and `sources_note`, which has no field
    in a report (its remark is about the seed's research, not about one of the sources)."""
    if document is None:
        document = seed_report_document()
    rapporteur = RAPPORTEUR[0]
    written = {"updated_at": WRITTEN_AT, "updated_by": rapporteur}
    kept = [s for s in document["sections"] if s["key"] not in GENERATED_SECTIONS]
    section_index = {section["key"]: index for index, section in enumerate(kept)}

    def place(item: dict[str, Any], where: str) -> dict[str, Any]:
        at = item["place"]
        if at["section"] is not None and at["section"] not in section_index:
            raise SeedReportError(f"{where}: stands in a left-out section {at['section']!r}")
        return {
            "theme": at["theme"],
            "element": at["element"],
            "position": item["position"],
            "created_at": WRITTEN_AT,
            "section": section_index.get(at["section"]) if at["section"] else None,
            "paragraph": at["paragraph"],
        }

    def status(
        before: str, after: str, at: str, who: tuple[str, str], note: str = ""
    ) -> dict[str, Any]:
        return {
            "from": before,
            "to": after,
            "changed_at": at,
            "changed_by": who[0],
            "changed_by_name": who[1],
            "note": note,
        }

    section_texts = []
    for theme in document["themes"]:
        texts = [(None, theme.get("text") or ""), *theme.get("elements", {}).items()]
        section_texts += [
            {"theme": theme["theme"], "element": element, "text": text, "revision": 1, **written}
            for element, text in texts
            if text
        ]
    return {
        "format": "werkset-rapport",
        "format_version": 1,
        "catalogue": document["catalogue"],
        "region": None,
        "network": document["network"],
        "period": document["period"],
        "number": 1,
        "status": "vastgesteld",
        "created_at": WRITTEN_AT,
        "created_by": rapporteur,
        "finalised_at": FINALISED_AT,
        "decided_on": DECIDED_ON,
        "decided_by": DECIDED_BY,
        "decision_note": DECISION_NOTE,
        "decision_recorded_by": CHAIR[0],
        "corrects": None,
        "started_from": None,
        "answers": {
            answer["indicator"]: _archive_answer(answer, written, RAPPORTEUR)
            for answer in document["answers"]
        },
        "section_texts": section_texts,
        "practice_items": [
            {
                **place(item, f"practice_items[{item['position']}]"),
                "kind": item["kind"],
                "title": item["title"],
                "text": item["text"],
                "source": item.get("source") or "",
                "image": None,
            }
            for item in document["practice_items"]
        ],
        "quotes": [
            {
                **place(item, f"quotes[{item['position']}]"),
                "text": item["text"],
                "attribution": item.get("attribution") or "",
            }
            for item in document["quotes"]
        ],
        "sources": [
            {
                **place(item, f"sources[{item['position']}]"),
                "title": item["title"],
                "description": item.get("description") or "",
            }
            for item in document["sources"]
        ],
        "story": {
            "title": document["title"],
            "introduction": document["introduction"],
            "summary": document["summary"],
            "revision": 1,
        },
        "own_sections": [
            {
                "is_chapter": section["is_chapter"],
                "theme": section.get("theme"),
                "element": section.get("element"),
                "title": section["title"],
                "text": section.get("text") or "",
                "position": position,
                "revision": 1,
                **written,
            }
            for position, section in enumerate(kept)
        ],
        "comments": [],
        "status_changes": [
            status("", "concept", WRITTEN_AT, RAPPORTEUR),
            status("concept", "ter_bespreking", WRITTEN_AT, RAPPORTEUR),
            status("ter_bespreking", "voorgelegd", PUT_FORWARD_AT, RAPPORTEUR),
            status("voorgelegd", "vastgesteld", FINALISED_AT, CHAIR, DECISION_NOTE),
        ],
        "privacy_clearances": [],
    }


def _archive_answer(
    answer: dict[str, Any], written: dict[str, str], author: tuple[str, str]
) -> dict[str, Any]:
    """An answer as the archive holds it: written once (revision 1, one change)."""
    content: dict[str, Any] = {
        "choice": answer.get("choice") or "",
        "explanation": answer.get("explanation") or "",
        "figures": answer.get("figures") or {},
        "perspectives": {},
    }
    regional = {
        code: {
            "choice": part.get("choice") or "",
            "explanation": part.get("explanation") or "",
            "figures": part.get("figures") or {},
        }
        for code, part in (answer.get("regional") or {}).items()
    }
    if regional:
        content["regional"] = regional
    empty = {"choice": "", "explanation": "", "figures": {}, "perspectives": {}}
    return {
        **content,
        "revision": 1,
        "carried_over": False,
        **written,
        "history": [
            {
                "revision": 1,
                "changed_at": written["updated_at"],
                "changed_by": author[0],
                "changed_by_name": author[1],
                "source": "import",
                "before": empty,
                "after": dict(content),
            }
        ],
    }
