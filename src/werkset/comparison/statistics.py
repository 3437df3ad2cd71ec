"""Statistics over regions, computed in Python from values already loaded (no queries).

Figures are compared on one scale per field: euro and hours as Decimal, counts as whole
numbers, frequencies normalised to times per year (reports.answers.frequency_per_year).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from werkset.reports.answers import FREQUENCY_PERIODS, frequency_per_year

FIGURE_KINDS = ("euro", "uren", "aantal", "frequentie")


def figure_number(spec: dict[str, Any], value: Any) -> Decimal | None:
    """A stored figure as a comparable number, or None if it is missing or not a figure."""
    kind = spec.get("kind")
    if kind not in FIGURE_KINDS or value in (None, "", [], {}):
        return None
    try:
        if kind == "frequentie":
            if not isinstance(value, dict) or value.get("per") not in FREQUENCY_PERIODS:
                return None
            return Decimal(frequency_per_year(value))
        return Decimal(str(value))
    except (InvalidOperation, KeyError, TypeError, ValueError):
        return None


def median(values: Sequence[Decimal]) -> Decimal:
    """The middle value; for an even count the mean of the two middle values."""
    if not values:
        raise ValueError("median of no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Distribution:
    n: int
    minimum: Decimal
    median: Decimal
    maximum: Decimal


def distribution(values: Iterable[Decimal]) -> Distribution | None:
    """n, minimum, median and maximum; None when there is nothing to describe."""
    numbers = [v for v in values if v is not None]
    if not numbers:
        return None
    return Distribution(
        n=len(numbers), minimum=min(numbers), median=median(numbers), maximum=max(numbers)
    )


def group_by(keys: dict[int, str], values: dict[int, Decimal]) -> dict[str, Distribution | None]:
    """Split a figure's values (per report id) by a choice (per report id) into distributions.

    Reports without a choice are left out; a group with no figures gets None.
    """
    groups: dict[str, list[Decimal]] = {}
    for report_id, key in keys.items():
        bucket = groups.setdefault(key, [])
        if report_id in values:
            bucket.append(values[report_id])
    return {key: distribution(numbers) for key, numbers in groups.items()}
