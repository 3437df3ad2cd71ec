"""The side-by-side page: per indicator of a theme, each region's (or network's) answer."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.text import normalize_newlines

from werkset.catalogue.models import Indicator
from werkset.reports.forms import figure_display
from werkset.reports.models import Answer

from .entries import Entry
from .networks import NetworkEntry


@dataclass
class Cell:
    """A region's answer to an indicator, as the table shows it (the choice's label, the
    figures with their labels)."""

    entry: Entry | NetworkEntry
    answer: Answer | None
    choice_label: str = ""
    figures: list[tuple[str, Any]] = field(default_factory=list)
    # A network's cell (selectors.networks.network_answer): where its value comes from, the
    # labels of its figures that are the regions' sum, and the regions' own answers.
    source: str = ""
    summed: list[str] = field(default_factory=list)
    parts: "list[Cell]" = field(default_factory=list)

    @property
    def explanation_lines(self) -> list[str]:
        """The answer's explanation as lines (shown with a line break between each), or
        none."""
        text = self.answer.explanation if self.answer is not None else ""
        return normalize_newlines(text).split("\n") if text else []

    @property
    def choice_css(self) -> str:
        choice = self.answer.choice if self.answer else ""
        if choice in ("ja", "deels", "nee", "onbekend", "nvt"):
            return f"choice--{choice}"
        return "choice--other"


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell]


def _cell(
    entry: Entry | NetworkEntry,
    answer: Answer | None,
    labels: dict[str, str],
    specs: list[dict[str, Any]],
) -> Cell:
    cell = Cell(entry=entry, answer=answer)
    if answer is None:
        return cell
    cell.choice_label = labels.get(answer.choice, answer.choice)
    cell.figures = [
        (spec["label"], figure_display(spec, answer.figures.get(spec["key"])))
        for spec in specs
        if answer.figures.get(spec["key"]) not in (None, "", [])
    ]
    cell.source = getattr(answer, "source", "")
    summed = getattr(answer, "summed", [])
    cell.summed = [str(spec["label"]) for spec in specs if spec["key"] in summed]
    cell.parts = [_cell(e, a, labels, specs) for e, a in getattr(answer, "parts", [])]
    return cell


def side_by_side(
    *,
    entries: list[Entry] | list[NetworkEntry],
    indicators: list[Indicator],
    answers: dict[tuple[int, int], Answer],
) -> list[Row]:
    """Per indicator a row with a cell per entry (a region, or a network with its value and
    its regions' answers: selectors.networks), in the entries' order."""
    rows = []
    for indicator in indicators:
        labels = {c["key"]: c["label"] for c in indicator.answer_type.all_choices}
        specs = indicator.fields  # built anew on every access: once per indicator
        cells = [_cell(e, answers.get((e.key, indicator.pk)), labels, specs) for e in entries]
        rows.append(Row(indicator=indicator, cells=cells))
    return rows
