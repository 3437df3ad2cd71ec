"""What national inventories recorded about a report's region(s), in the report's JSON
archive (issue 22): for the region of a region's report, or every region of a network's
report, each inventory's verdict by the toetsingskader rule and the recorded answers.

Informational: an inventory belongs to the national network, so importing an archive
reads this part (it must match INVENTORIES_SCHEMA) but writes nothing from it."""

from typing import Any

from werkset.inventories.document import inventory_document
from werkset.inventories.selectors import inventories_all
from werkset.inventories.services import MAX_EXPLANATION, MAX_SUMMARY
from werkset.regions.models import Region
from werkset.reports.models import Report

# As long as the inventory's form allows (read, never written, but still bounded).
_EXPLANATION = {"type": "string", "maxLength": MAX_EXPLANATION}
_SUMMARY = {"type": "string", "maxLength": MAX_SUMMARY}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


INVENTORIES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": _object(
        {
            "inventory": {"type": "string", "maxLength": 80},
            "title": {"type": "string", "maxLength": 300},
            "year": {"type": "integer"},
            "region": {"type": "string", "maxLength": 50},
            "verdict": {"enum": ["wel", "wel-lagere-frequentie", "geen", "niet-beoordeeld"]},
            "just_started": {"type": "boolean"},
            "frequency": {"type": "string", "maxLength": 40},
            "characteristics": {
                "type": "array",
                "items": _object(
                    {
                        "characteristic": {"type": "string", "maxLength": 40},
                        "verdict": {"enum": ["ja", "deels", "nee"]},
                        "explanation": _EXPLANATION,
                    }
                ),
            },
            "participants": {
                "type": "array",
                "items": _object(
                    {
                        "partner": {"type": "string", "maxLength": 40},
                        "participation": {"enum": ["vast", "op-afroep", "niet"]},
                    }
                ),
            },
            "codes": {"type": "array", "items": {"type": "string", "maxLength": 40}},
            "summary": _SUMMARY,
        }
    ),
}


def inventories_json(*, report: Report) -> list[dict[str, Any]]:
    """The inventories' records of the report's region, or of its network's regions."""
    if report.region is not None:
        codes = {report.region.code}
    else:
        codes = set(
            Region.objects.filter(network_id=report.network_id).values_list("code", flat=True)
        )
    result = []
    for inventory in inventories_all().filter(records__region__code__in=codes).distinct():
        document = inventory_document(inventory)
        for record in document["regions"]:
            if record["region"] in codes:
                result.append(
                    {
                        "inventory": inventory.slug,
                        "title": inventory.title,
                        "year": inventory.year,
                        **record,
                    }
                )
    return result
