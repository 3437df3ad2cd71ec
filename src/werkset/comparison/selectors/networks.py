"""Comparisons read per regional network (10) beside per region (25), issue 18 item 2.

A network's value is decided by one rule, `network_answer` (ADR 31):
- the network's own report gives the network's own answer; the regions that give their
  own answer in it are listed beside it;
- regions that report on their own: a choice (and explanation) is the network's where
  every region gives the same; an amount or count (euro, hours, number) that every region
  gives is their sum (network_figure); any other figure (a frequency, a choice list) is the
  network's only where every region gives the same. Where the regions' answers differ,
  each region's answer is listed in the network's cell.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import Indicator
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Answer, Report

from ..statistics import figure_number
from .entries import Entry

# Figures a network's regions add up to (amounts and counts); other kinds are read per region.
SUMMED_KINDS = ("euro", "uren", "aantal")

# Where a network's value comes from (NetworkAnswer.source).
NETWORK_OWN = "network"
REGIONS_SAME = "same"
REGIONS_DIFFER = "differ"
SOURCE_LABELS: dict[str, Promise] = {
    NETWORK_OWN: _("the network's own answer"),
    REGIONS_SAME: _("the same in every region"),
    REGIONS_DIFFER: _("the regions differ"),
}
SUMMED_LABEL = _("sum of the regions")


@dataclass(frozen=True)
class NetworkEntry:
    """A regional network in a comparison, with the entries of its regions in view."""

    network: RegionalNetwork
    members: tuple[Entry, ...]

    @property
    def key(self) -> int:
        """What answers are keyed by: negative, apart from the regions' keys."""
        return -self.network.pk

    @property
    def from_network(self) -> bool:
        """answers_for reads the network's own answer as it is, not for one region."""
        return False

    @property
    def name(self) -> str:
        return self.network.name

    @property
    def own_report(self) -> Report | None:
        """The network's own report, when it stands for every region of the network in view."""
        reports = {e.report.pk for e in self.members}
        if len(reports) == 1 and self.members[0].from_network:
            return self.members[0].report
        return None

    @property
    def is_final(self) -> bool:
        return all(e.is_final for e in self.members)

    @property
    def is_own(self) -> bool:
        return any(e.is_own for e in self.members)


@dataclass(frozen=True)
class OwnAnswers:
    """The network's own report as answers_for reads it: the network's answers, as given."""

    report: Report
    key: int
    from_network: bool = False


def network_entries(
    *, entries: Iterable[Entry], networks: Iterable[RegionalNetwork]
) -> list[NetworkEntry]:
    """Per network (in the networks' order) its regions' entries; networks without any
    entry in view are left out."""
    by_network: dict[int, list[Entry]] = {}
    for entry in entries:
        by_network.setdefault(entry.region.network_id, []).append(entry)
    return [
        NetworkEntry(network, tuple(by_network[network.pk]))
        for network in networks
        if network.pk in by_network
    ]


def own_answer_entries(units: Iterable[NetworkEntry]) -> list[OwnAnswers]:
    """What answers_for reads besides the regions: each network's own report."""
    return [
        OwnAnswers(report, unit.key) for unit in units if (report := unit.own_report) is not None
    ]


def _same(values: list[object]) -> bool:
    return len({json.dumps(v, sort_keys=True, default=str) for v in values}) == 1


def _plain(total: Decimal) -> str:
    return str(total.quantize(Decimal(1))) if total == total.to_integral() else str(total)


def network_figure(spec: dict[str, Any], values: list[Any]) -> tuple[Any, bool] | None:
    """A figure of a network whose regions report on their own, from every region's
    stored value (`values`, one per region in view): for an amount or count the sum, when
    every region gives it; for any other kind the value when every region gives the same;
    else None (read per region). With whether it is a sum."""
    if not values or any(v in (None, "", [], {}) for v in values):
        return None
    if spec["kind"] in SUMMED_KINDS:
        numbers = [figure_number(spec, v) for v in values]
        if any(n is None for n in numbers):
            return None
        return _plain(sum((n for n in numbers if n is not None), Decimal(0))), True
    return (values[0], False) if _same(values) else None


def network_answer(
    *, unit: NetworkEntry, indicator: Indicator, answers: dict[tuple[int, int], Answer]
) -> Answer | None:
    """The network's value for an indicator, by the rule of this module's docstring: an
    unsaved Answer with `source` (NETWORK_OWN, REGIONS_SAME, REGIONS_DIFFER), `parts` (the
    regions' answers shown in the network's cell, as (entry, answer)) and `summed` (the
    figure keys that are the regions' sum)."""
    held = [(e, a) for e in unit.members if (a := answers.get((e.key, indicator.pk)))]
    own = answers.get((unit.key, indicator.pk)) if unit.own_report is not None else None
    if own is not None:
        parts = [(e, a) for e, a in held if not getattr(a, "from_network", False)]
        return _marked(own, NETWORK_OWN, parts, [])
    if not held:
        return None
    regional = [a for _e, a in held]
    same = _same([(a.choice, a.explanation, a.figures) for a in regional])
    figures: dict[str, Any] = {}
    summed: list[str] = []
    for spec in indicator.fields:
        given = [a.figures.get(spec["key"]) for a in regional]
        found = network_figure(spec, given) if len(held) == len(unit.members) else None
        if found is not None:
            figures[spec["key"]] = found[0]
            if found[1]:
                summed.append(spec["key"])
    combined = Answer(
        indicator=indicator,
        choice=regional[0].choice if _same([a.choice for a in regional]) else "",
        explanation=regional[0].explanation if same else "",
        figures=figures,
    )
    return _marked(combined, REGIONS_SAME if same else REGIONS_DIFFER, [] if same else held, summed)


def _marked(
    answer: Answer, source: str, parts: list[tuple[Entry, Answer]], summed: list[str]
) -> Answer:
    value = Answer(
        pk=answer.pk,
        report_id=answer.report_id,
        indicator_id=answer.indicator_id,
        choice=answer.choice,
        explanation=answer.explanation,
        figures=answer.figures,
    )
    value.source = source  # type: ignore[attr-defined]
    value.parts = parts  # type: ignore[attr-defined]
    value.summed = summed  # type: ignore[attr-defined]
    return value


def network_answers(
    *,
    units: list[NetworkEntry],
    indicators: Iterable[Indicator],
    answers: dict[tuple[int, int], Answer],
) -> dict[tuple[int, int], Answer]:
    """Every network's value per indicator, keyed (unit.key, indicator id) as answers_for
    keys the regions'."""
    result: dict[tuple[int, int], Answer] = {}
    for indicator in indicators:
        for unit in units:
            value = network_answer(unit=unit, indicator=indicator, answers=answers)
            if value is not None:
                result[(unit.key, indicator.pk)] = value
    return result
