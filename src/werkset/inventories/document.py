"""An inventory as a JSON document (API and JSON archive): the instrument's identity, the
national picture with regions named by code, and per region what was recorded. Read from
`inventory_picture`, the one place the picture is computed."""

from typing import Any

from .models import Inventory
from .selectors import NationalPicture, inventory_picture


def _codes(regions: list[Any]) -> list[str]:
    return [r.code for r in regions]


def picture_document(picture: NationalPicture) -> dict[str, Any]:
    return {
        "total_regions": picture.total_regions,
        "verdicts": [
            {"verdict": v.key, "label": v.title, "n": v.n, "regions": _codes(v.regions)}
            for v in picture.verdicts
        ],
        "with_actieoverleg": _codes(picture.with_actieoverleg),
        "just_started": _codes(picture.just_started),
        "participants": [
            {
                "partner": p.partner.key,
                "participation": [
                    {"participation": c.key, "n": c.n, "regions": _codes(c.regions)}
                    for c in p.by_participation
                ],
            }
            for p in picture.participants
        ],
        "frequencies": [
            {"frequency": f.key, "n": f.n, "regions": _codes(f.regions)}
            for f in picture.frequencies
        ],
        "questions": [
            {
                "question": q.question.key,
                "applies_to": q.question.applies_to,
                "n": q.n,
                "codes": [
                    {
                        "category": cat.category.key,
                        "code": code.key,
                        "n": code.n,
                        "regions": _codes(code.regions),
                    }
                    for cat in q.categories
                    for code in cat.codes
                ],
            }
            for q in picture.questions
        ],
    }


def inventory_document(inventory: Inventory) -> dict[str, Any]:
    picture = inventory_picture(inventory=inventory)
    return {
        "slug": inventory.slug,
        "title": inventory.title,
        "year": inventory.year,
        "instrument": inventory.instrument_document,
        "picture": picture_document(picture),
        "regions": [
            {
                "region": item.region.code,
                "verdict": item.verdict.value,
                "just_started": item.just_started,
                "frequency": item.frequency,
                "characteristics": [
                    {"characteristic": key, "verdict": verdict, "explanation": text}
                    for key, (verdict, text) in sorted(item.characteristics.items())
                ],
                "participants": [
                    {"partner": key, "participation": value}
                    for key, value in sorted(item.participants.items())
                ],
                "codes": sorted(item.codes),
                "summary": item.record.summary if item.record is not None else "",
            }
            for item in picture.regions
            if item.record is not None
        ],
    }
