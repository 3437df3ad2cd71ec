"""The groups page: the finalised reports split by their choice on one question."""

from dataclasses import dataclass

from werkset.catalogue.models import CatalogueVersion, Indicator
from werkset.reports.models import Answer

from ..statistics import Distribution, group_by
from .bandwidth import Figure, bandwidth
from .entries import Entry


@dataclass
class GroupedFigure:
    figure: Figure
    groups: dict[str, Distribution | None]


@dataclass
class Grouping:
    split: Indicator
    labels: dict[str, str]
    members: dict[str, list[Entry]]
    figures: list[GroupedFigure]


def grouping(
    *,
    entries: list[Entry],
    split: Indicator,
    indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
) -> Grouping:
    """Split the finalised reports by their choice on `split` and compare every figure."""
    labels = {c["key"]: c["label"] for c in split.answer_type.all_choices}
    keys: dict[int, str] = {}
    members: dict[str, list[Entry]] = {key: [] for key in labels}
    for entry in entries:
        answer = answers.get((entry.key, split.pk))
        if entry.is_final and answer is not None and answer.choice:
            keys[entry.key] = answer.choice
            members.setdefault(answer.choice, []).append(entry)
    members = {key: value for key, value in members.items() if value}
    figures = []
    for figure in bandwidth(entries=entries, indicators=indicators, answers=answers):
        values = {p.entry.key: p.value for p in figure.final_points}
        split_stats = group_by(keys, values)
        figures.append(
            GroupedFigure(figure=figure, groups={k: split_stats.get(k) for k in members})
        )
    return Grouping(split=split, labels=labels, members=members, figures=figures)


def choice_indicators(*, catalogue: CatalogueVersion) -> list[Indicator]:
    """Indicators whose answer is a choice, usable to split regions into groups."""
    return [
        i
        for i in Indicator.objects.filter(version=catalogue)
        .select_related("answer_type")
        .order_by("position")
        if i.answer_type.choices
    ]
