"""The questionnaire's read model (the `vragenlijst` variant): what a report's document
shows, in reading order.

Built by document.py; rendered by the print template (print view, PDF) and word.py, and
read by story.py for the answers. Kept apart from the assembly so the renderers and the
report variant depend on the classes only.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.utils.safestring import SafeString

from werkset.guidance.texts import Framing

from .assessment import ThemeAssessmentEntry
from .document_text import _anchor
from .region_answers import RegionAnswer


@dataclass(frozen=True)
class IndicatorEntry:
    """One question with the region's (or network's) answer, ready to be read."""

    key: str
    anchor: str
    label: str
    question: str
    question_html: SafeString
    category: str
    choice_label: str
    figures: list[tuple[str, str]]
    explanation: str
    perspectives: list[tuple[str, str]]
    complete: bool
    # In a network's report: the regions with an answer of their own, in the network's order.
    regions: list[RegionAnswer] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return bool(
            self.choice_label
            or self.figures
            or self.explanation
            or self.perspectives
            or self.regions
        )


@dataclass(frozen=True)
class PracticeEntry:
    """An "Uit de praktijk" box, numbered per chapter as in the example report (1.1, 1.2)."""

    number: str
    kind: str
    title: str
    text: str
    text_html: SafeString
    source: str

    @property
    def anchor(self) -> str:
        return _anchor("praktijk", self.number)


@dataclass(frozen=True)
class QuoteEntry:
    text: str
    attribution: str


@dataclass(frozen=True)
class IndicatorGroup:
    """Consecutive indicators of one value category (Kwaliteit, Efficiëntie, ...), or none."""

    category: str
    indicators: list[IndicatorEntry]


@dataclass
class ElementSection:
    number: str
    key: str
    title: str
    anchor: str
    text: str
    text_html: SafeString
    indicators: list[IndicatorEntry]
    practice_items: list[PracticeEntry] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)

    @property
    def groups(self) -> list[IndicatorGroup]:
        return [
            IndicatorGroup(category=category, indicators=list(entries))
            for category, entries in groupby(self.indicators, key=lambda entry: entry.category)
        ]


@dataclass
class ThemeChapter:
    number: int
    key: str
    title: str
    anchor: str
    text: str
    text_html: SafeString
    elements: list[ElementSection]
    practice_items: list[PracticeEntry] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    # The theme's maturity and toetsingskader (issue 19), at the chapter's end.
    assessment: ThemeAssessmentEntry | None = None

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class ContextEntry:
    """Bijlage 1: a theme's national aim and expected value, from the catalogue."""

    number: int
    title: str
    goal: str
    goal_html: SafeString
    expected_value: str
    expected_value_html: SafeString


@dataclass(frozen=True)
class OverviewRow:
    label: str
    answered: bool


@dataclass(frozen=True)
class OverviewElement:
    title: str
    rows: list[OverviewRow]


@dataclass(frozen=True)
class OverviewTheme:
    number: int
    title: str
    elements: list[OverviewElement]


@dataclass(frozen=True)
class SourceEntry:
    title: str
    description: str


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str


@dataclass
class ReportDocument:
    """Everything a rendered report shows, in reading order, with the words already Dutch."""

    title: str
    region: str
    network: str
    period: str
    status: str
    is_final: bool
    version_number: int
    finalised_on: str
    catalogue_title: str
    catalogue_edition: str
    printed_on: str
    introduction: str
    introduction_html: SafeString
    element_definitions: list[tuple[str, str]]
    chapters: list[ThemeChapter]
    context: list[ContextEntry]
    overview: list[OverviewTheme]
    sources: list[SourceEntry]
    answered: int
    total: int
    words: dict[str, str]
    # "Regio" for a region's report, "Regionaal netwerk" for a network's (colophon).
    unit_label: str = ""
    # The catalogue version's framing (its sources and Verantwoording): Bijlage 3.
    framing: Framing | None = None

    @property
    def toc(self) -> list[TocEntry]:
        return [
            TocEntry("inleiding", self.words["introduction"]),
            *(TocEntry(chapter.anchor, chapter.heading) for chapter in self.chapters),
            TocEntry("bijlage-1", self.words["appendix_context"]),
            TocEntry("bijlage-2", self.words["appendix_overview"]),
            *([TocEntry("bijlage-3", self.words["appendix_framing"])] if self.framing else []),
            TocEntry("bronnen", self.words["sources"]),
            TocEntry("colofon", self.words["colophon"]),
        ]
