"""What the synthesis reads from the toetsingskader and the national inventories: the one
place to switch when the national toetsingskader picture (issue 22, items 1-2) arrives.

Until then the toetsingskader count is the one of the comparison page
(selectors.assessments: *wel* when all five characteristics are met), and support needs and
success factors are not recorded anywhere: the document says "niet beschikbaar".
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from werkset.regions.models import Region

from ..selectors.assessments import assessments
from ..selectors.entries import Entry


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


def support_needs(*, period: str, regions: Sequence[Region]) -> list[InventoryItem] | None:
    """The coded support needs of the period's inventory; None: not recorded (yet)."""
    return None


def success_factors(*, period: str, regions: Sequence[Region]) -> list[InventoryItem] | None:
    """The coded success factors of the period's inventory; None: not recorded (yet)."""
    return None
