"""A network report's answers per region in the documents (issue 18): where a region's answer
differs from the network's (Answer.regional), the documents show a line per region after the
network's answer, "Groningen: Deels, Kosten: € 1.250,00, toelichting", in the network's region
order. The figures read as everywhere else (reports.forms.figure_display)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from werkset.catalogue.models import Indicator
from werkset.reports.answers import AnswerContent, region_part_is_empty
from werkset.reports.forms import figure_display


@dataclass(frozen=True)
class RegionAnswer:
    """A region's own answer in a network's report, where the region differs from the network
    (Answer.regional): shown after the network's answer."""

    region: str
    choice_label: str
    figures: list[tuple[str, str]]
    explanation: str

    @property
    def answer(self) -> str:
        """ "Ja, Aantal: 4, toelichting": the choice, the figures, the explanation."""
        parts = [self.choice_label, *(f"{label}: {value}" for label, value in self.figures)]
        return ", ".join(part for part in [*parts, self.explanation] if part)

    @property
    def text(self) -> str:
        """ "Groningen: Ja, Aantal: 4, toelichting"."""
        return f"{self.region}: {self.answer}"


def figures_shown(indicator: Indicator, figures: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value as the theme page shows it) for every figure given, in the field order."""
    shown = [
        (spec["label"], figure_display(spec, figures.get(spec["key"])))
        for spec in indicator.fields
        if spec["key"] in figures
    ]
    return [(label, value) for label, value in shown if value]


def region_answers(
    indicator: Indicator,
    content: AnswerContent,
    *,
    choice_labels: dict[str, str],
    regions: Sequence[tuple[str, str]],
) -> list[RegionAnswer]:
    """The regions (code, name) with an answer of their own, in the network's order."""
    answers = []
    for code, name in regions:
        own = content.regional.get(code)
        if own is None or region_part_is_empty(own):
            continue
        answers.append(
            RegionAnswer(
                region=name,
                choice_label=choice_labels.get(own.get("choice", ""), ""),
                figures=figures_shown(indicator, dict(own.get("figures") or {})),
                explanation=own.get("explanation", ""),
            )
        )
    return answers
