"""The bandwidth page: every typed figure of a theme across regions, with the spread of
the finalised ones."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from werkset.catalogue.models import Indicator
from werkset.reports.models import Answer

from ..statistics import FIGURE_KINDS, Distribution, distribution, figure_number
from .entries import Entry
from .networks import NetworkEntry

SUMMED = "summed"


@dataclass
class Point:
    entry: Entry | NetworkEntry
    value: Decimal
    # a network's value: SUMMED (its regions' sum) or network_answer's source; else ""
    source: str = ""


@dataclass
class Figure:
    """One typed field of one indicator across regions."""

    indicator: Indicator
    spec: dict[str, Any]
    points: list[Point]
    stats: Distribution | None

    @property
    def slug(self) -> str:
        return f"{self.indicator.key}.{self.spec['key']}"

    @property
    def unit(self) -> str:
        if self.spec["kind"] == "frequentie":
            return "per jaar"
        if self.spec["kind"] == "euro":
            return "euro"
        return str(self.spec.get("unit", ""))

    @property
    def final_points(self) -> list[Point]:
        return [p for p in self.points if p.entry.is_final]


def figure_specs(indicator: Indicator) -> list[dict[str, Any]]:
    return [spec for spec in indicator.fields if spec["kind"] in FIGURE_KINDS]


def bandwidth(
    *,
    entries: list[Entry] | list[NetworkEntry],
    indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
) -> list[Figure]:
    """Every typed figure: each region's (or network's) value and, over finalised reports,
    min/median/max. A network has a value where selectors.networks.network_answer gives it
    one (its own, its regions' common one, or the sum of an amount or count)."""
    figures = []
    for indicator in indicators:
        for spec in figure_specs(indicator):
            points = []
            for entry in entries:
                answer = answers.get((entry.key, indicator.pk))
                value = figure_number(spec, answer.figures.get(spec["key"])) if answer else None
                if value is not None and answer is not None:
                    summed = spec["key"] in getattr(answer, "summed", [])
                    source = SUMMED if summed else getattr(answer, "source", "")
                    points.append(Point(entry=entry, value=value, source=source))
            stats = distribution(p.value for p in points if p.entry.is_final)
            figures.append(Figure(indicator=indicator, spec=spec, points=points, stats=stats))
    return figures
