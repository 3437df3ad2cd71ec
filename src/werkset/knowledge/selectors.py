"""Reads of the kennisbank besides the search itself (search.py): an improvement point's
inspiration, with where each practice item stands."""

from dataclasses import dataclass

from django.urls import reverse

from werkset.improvement.models import ImprovementPoint

from .models import Inspiration


@dataclass(frozen=True)
class InspirationRow:
    inspiration: Inspiration
    url: str


def inspirations_of(*, point: ImprovementPoint) -> list[InspirationRow]:
    """The linked practice items with their report's unit, period and theme, and the address
    of the item on the report's page (a withdrawn report stays readable there)."""
    rows = []
    for inspiration in point.inspirations.select_related(
        "practice_item__report__region",
        "practice_item__report__network",
        "practice_item__theme",
    ):
        item = inspiration.practice_item
        if item.theme_id:
            url = reverse("reports:theme", args=[item.report_id, item.theme.key])  # type: ignore[union-attr]
        else:
            url = reverse("reports:detail", args=[item.report_id])
        rows.append(InspirationRow(inspiration, f"{url}#praktijk-{item.pk}"))
    return rows


def inspiration_item_ids(*, point: ImprovementPoint) -> set[int]:
    return set(point.inspirations.values_list("practice_item_id", flat=True))
