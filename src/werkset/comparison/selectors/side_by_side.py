"""The side-by-side page: per indicator of a theme, each region's answer."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.text import normalize_newlines

from werkset.catalogue.models import Indicator
from werkset.reports.models import Answer

from .entries import Entry


@dataclass
class Cell:
    """A region's answer to an indicator, as the table shows it (the choice's label, the
    figures with their labels)."""

    entry: Entry
    answer: Answer | None
    choice_label: str = ""
    figures: list[tuple[str, Any]] = field(default_factory=list)

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


def side_by_side(
    *, entries: list[Entry], indicators: list[Indicator], answers: dict[tuple[int, int], Answer]
) -> list[Row]:
    """Per indicator a row with a cell per entry, in the entries' order."""
    from werkset.reports.forms import figure_display

    rows = []
    for indicator in indicators:
        labels = {c["key"]: c["label"] for c in indicator.answer_type.all_choices}
        specs = indicator.fields  # built anew on every access: once per indicator
        cells = []
        for entry in entries:
            answer = answers.get((entry.key, indicator.pk))
            cell = Cell(entry=entry, answer=answer)
            if answer is not None:
                cell.choice_label = labels.get(answer.choice, answer.choice)
                cell.figures = [
                    (spec["label"], figure_display(spec, answer.figures.get(spec["key"])))
                    for spec in specs
                    if answer.figures.get(spec["key"]) not in (None, "", [])
                ]
            cells.append(cell)
        rows.append(Row(indicator=indicator, cells=cells))
    return rows
