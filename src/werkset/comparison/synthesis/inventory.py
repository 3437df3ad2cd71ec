"""What the synthesis reads from the toetsingskader and the national inventories.

The toetsingskader count is the one of the comparison page (selectors.assessments, with the
one rule of ADR 26); support needs and success factors come from the national inventory of
the period's year (inventories.selectors.inventory_picture), "niet beschikbaar" without one.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from werkset.inventories.models import Inventory
from werkset.inventories.selectors import inventory_picture
from werkset.regions.models import Region

from ..selectors.assessments import assessments
from ..selectors.entries import Entry

# The inventory instrument's questions (inventories/data/inventarisatie-actieoverleg-2020.yaml).
SUPPORT_NEEDS = "ondersteuning"
SUCCESS_FACTORS = "succesfactoren"


@dataclass(frozen=True)
class InventoryItem:
    """A coded support need or success factor, with the regions that name it (n counts the
    regions the question applies to)."""

    category: str
    title: str
    regions: list[str]
    n: int


@dataclass(frozen=True)
class ToetsingskaderCount:
    """The national count of regions with an Actieoverleg, with the regions named."""

    wel: list[str]
    geen: list[str]
    not_assessed: list[str]
    total: int


def national_toetsingskader(
    *, entries: list[Entry], regions: Sequence[Region]
) -> tuple[ToetsingskaderCount, dict[int, str]]:
    """The national count with the regions named, and per region id its verdict in words.

    `entries` are the finalised reports of the period."""
    summary = assessments(entries=entries, total_regions=len(regions))
    wel: list[Region] = []
    geen: list[Region] = []
    verdicts: dict[int, str] = {}
    for item in summary.assessments:
        if item.is_actieoverleg:
            wel.append(item.entry.region)
            verdicts[item.entry.region.pk] = _("Actieoverleg")
        elif item.complete:
            geen.append(item.entry.region)
            verdicts[item.entry.region.pk] = _("no Actieoverleg")
    counted = {r.pk for r in wel + geen}
    return (
        ToetsingskaderCount(
            wel=[r.name for r in wel],
            geen=[r.name for r in geen],
            not_assessed=[r.name for r in regions if r.pk not in counted],
            total=len(regions),
        ),
        verdicts,
    )


def _coded(*, period: str, question: str) -> list[InventoryItem] | None:
    """The codes named for one question of the national inventory of the period's year (the
    latest loaded, when there are several), each with its regions and the question's n; None
    when no inventory of that year exists."""
    year = int(period[:4]) if period[:4].isdigit() else None
    inventory = (
        Inventory.objects.filter(year=year).order_by("-loaded_at", "-id").first()
        if year is not None
        else None
    )
    if inventory is None:
        return None
    picture = inventory_picture(inventory=inventory)
    found = next((q for q in picture.questions if q.question.key == question), None)
    if found is None:
        return None
    return [
        InventoryItem(
            category=category.category.title,
            title=code.title,
            regions=[region.name for region in code.regions],
            n=found.n,
        )
        for category in found.categories
        for code in category.codes
        if code.regions
    ]


def support_needs(*, period: str, regions: Sequence[Region]) -> list[InventoryItem] | None:
    """The coded support needs of the inventory of the period's year; None: not recorded."""
    return _coded(period=period, question=SUPPORT_NEEDS)


def success_factors(*, period: str, regions: Sequence[Region]) -> list[InventoryItem] | None:
    """The coded success factors of the inventory of the period's year; None: not recorded."""
    return _coded(period=period, question=SUCCESS_FACTORS)
