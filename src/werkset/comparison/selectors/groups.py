"""The groups page: the finalised reports split by their choice on one question, or by their
regional network, with per group the effort figures and the Waarde answers.

Which groupings there are is read from the catalogue: a question whose answer type has
choices of its own (not the judgement ja / deels / nee of the value questions) splits the
regions; what the catalogue cannot say (which elements hold the value questions, and the
grouping by network) is declared in comparison/data/groupings.yaml."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.catalogue.structure import catalogue_structure
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Answer

from ..statistics import Distribution, group_by
from .bandwidth import Figure, bandwidth
from .entries import Entry

GROUPINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "groupings.yaml"


@cache
def declared() -> dict[str, Any]:
    """The declared part of the groupings (a file of the app: read once per process)."""
    with GROUPINGS_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def network_key() -> str:
    return str(declared()["by_network"])


def is_value_question(indicator: Indicator) -> bool:
    """A Waarde question with choices: in a value element, or continuing a question of one."""
    if not indicator.answer_type.choices:
        return False
    elements = set(declared()["value_elements"])
    if indicator.element.key in elements:
        return True
    for link in indicator.continues:
        parts = str(link.get("key", "")).split(".")
        if len(parts) == 3 and parts[1] in elements:
            return True
    return False


def _choice_keys(indicator: Indicator) -> frozenset[str]:
    return frozenset(choice["key"] for choice in indicator.answer_type.choices)


def choice_indicators(*, catalogue: CatalogueVersion) -> list[Indicator]:
    """Indicators whose answer is a choice that splits regions into groups: every question
    with choices, except judgements (the same choices as a value question)."""
    structure = catalogue_structure(version=catalogue)
    wanted = set(_split_ids(catalogue.pk, catalogue.content_hash, str(catalogue.loaded_at)))
    return [i for i in structure.indicators if i.pk in wanted]


@lru_cache(maxsize=16)
def _split_ids(version_id: int, content_hash: str, loaded_at: str) -> tuple[int, ...]:
    """The ids of a published version's grouping questions (a published version never
    changes: kept per process under its id, content hash and load time, as its structure)."""
    version = CatalogueVersion.objects.get(pk=version_id)
    indicators = catalogue_structure(version=version).indicators
    judgements = {_choice_keys(i) for i in indicators if is_value_question(i)}
    return tuple(
        i.pk for i in indicators if i.answer_type.choices and _choice_keys(i) not in judgements
    )


@dataclass(frozen=True)
class Split:
    """What the regions are grouped by: a question (`indicator`) or their network."""

    key: str
    label: str
    indicator: Indicator | None = None


@dataclass
class GroupedFigure:
    figure: Figure
    groups: dict[str, Distribution | None]


@dataclass(frozen=True)
class ValueCount:
    key: str
    label: str
    count: int
    share: int  # whole per cent of n


@dataclass(frozen=True)
class ValueExplanation:
    region: str
    choice: str
    text: str
    from_network: bool


@dataclass
class GroupValue:
    """One group's answers to one value question: n = the units where the question applies
    and is answered with one of its own choices (not onbekend or n.v.t.)."""

    n: int
    counts: list[ValueCount]
    explanations: list[ValueExplanation] = field(default_factory=list)
    unknown: int = 0  # answered onbekend or n.v.t.: outside n


@dataclass
class ValueRow:
    indicator: Indicator
    groups: dict[str, GroupValue]


@dataclass
class Grouping:
    split: Split
    labels: dict[str, str]
    members: dict[str, list[Entry]]
    figures: list[GroupedFigure]
    values: list[ValueRow] = field(default_factory=list)


def grouping(
    *,
    entries: list[Entry],
    split: Indicator,
    indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
) -> Grouping:
    """Split the finalised reports by their choice on `split` and compare every figure and
    value question of `indicators`."""
    labels = {c["key"]: c["label"] for c in split.answer_type.all_choices}
    keys: dict[int, str] = {}
    for entry in entries:
        answer = answers.get((entry.key, split.pk))
        if entry.is_final and answer is not None and answer.choice:
            keys[entry.key] = answer.choice
    return _compare(
        Split(split.key, split.label, split), labels, keys, entries, indicators, answers
    )


def network_grouping(
    *,
    entries: list[Entry],
    indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
    networks: Iterable[RegionalNetwork],
    label: str,
) -> Grouping:
    """The finalised reports grouped by their region's regional network."""
    by_id = {network.pk: network for network in networks}
    labels = {network.code: network.name for network in by_id.values()}
    keys = {
        entry.key: by_id[entry.region.network_id].code
        for entry in entries
        if entry.is_final and entry.region.network_id in by_id
    }
    return _compare(Split(network_key(), label), labels, keys, entries, indicators, answers)


def _compare(
    split: Split,
    labels: dict[str, str],
    keys: dict[int, str],
    entries: list[Entry],
    indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
) -> Grouping:
    members: dict[str, list[Entry]] = {key: [] for key in labels}
    for entry in entries:
        if entry.key in keys:
            members.setdefault(keys[entry.key], []).append(entry)
    members = {key: value for key, value in members.items() if value}
    figures = []
    for figure in bandwidth(entries=entries, indicators=indicators, answers=answers):
        values = {p.entry.key: p.value for p in figure.final_points}
        split_stats = group_by(keys, values)
        figures.append(
            GroupedFigure(figure=figure, groups={k: split_stats.get(k) for k in members})
        )
    rows = [
        ValueRow(
            indicator,
            {key: group_value(indicator, group, answers) for key, group in members.items()},
        )
        for indicator in indicators
        if is_value_question(indicator)
    ]
    return Grouping(split=split, labels=labels, members=members, figures=figures, values=rows)


def group_value(
    indicator: Indicator, members: Sequence[Entry], answers: dict[tuple[int, int], Answer]
) -> GroupValue:
    """The distribution of one value question's answers over a group's members."""
    choices = indicator.answer_type.choices
    labels = {c["key"]: c["label"] for c in indicator.answer_type.all_choices}
    counts = dict.fromkeys((c["key"] for c in choices), 0)
    explanations = []
    unknown = 0
    for entry in members:
        answer = answers.get((entry.key, indicator.pk))
        if answer is None or not answer.choice:
            continue
        if answer.choice not in counts:
            unknown += 1
            continue
        counts[answer.choice] += 1
        if answer.explanation.strip():
            explanations.append(
                ValueExplanation(
                    entry.region.name,
                    labels[answer.choice],
                    answer.explanation,
                    bool(getattr(answer, "from_network", False)),
                )
            )
    n = sum(counts.values())
    return GroupValue(
        n=n,
        counts=[
            ValueCount(key, labels[key], count, round(100 * count / n) if n else 0)
            for key, count in counts.items()
        ],
        explanations=explanations,
        unknown=unknown,
    )
