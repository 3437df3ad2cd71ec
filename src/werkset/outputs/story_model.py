"""The read model of the `rapport` variant: what the report document shows, in order.

Built by story.py; rendered by the rapport templates (PDF, print view) and word_story.py.
"""

import base64
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from werkset.guidance.texts import Framing
from werkset.reports.numbering import practice_anchor

from .assessment import ThemeAssessmentEntry
from .document_model import SourceEntry
from .region_answers import RegionAnswer


@dataclass(frozen=True)
class ReportUnit:
    """Who the report is for: a region, or a whole regional network."""

    name: str
    kind: str
    # The network a region belongs to; empty for a network's own report (named above).
    network: str
    is_network: bool = False  # the network's own report: `name` is the network's


@dataclass
class TextBlock:
    """One paragraph of running text (Markdown; its HTML once references are known)."""

    markdown: str
    html: str = ""  # SafeString once rendered
    block_type: str = "text"


@dataclass(frozen=True)
class StoryImage:
    content: bytes
    content_type: str
    alt: str
    width: int | None
    height: int | None

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.content).decode("ascii")
        return f"data:{self.content_type};base64,{encoded}"


@dataclass
class PracticeBlock:
    number: str
    kind: str
    title: str
    markdown: str
    source: str
    image: StoryImage | None
    html: str = ""  # SafeString once rendered
    block_type: str = "practice"

    @property
    def anchor(self) -> str:
        return practice_anchor(self.number)


@dataclass
class QuoteBlock:
    text: str
    attribution: str
    block_type: str = "quote"


Block = TextBlock | PracticeBlock | QuoteBlock


@dataclass
class StoryParagraph:
    """An own paragraph of the report within a chapter."""

    title: str
    anchor: str
    blocks: list[Block]


@dataclass(frozen=True)
class SummaryRow:
    """One answered indicator, compactly: label, the answer and figures, the explanation."""

    label: str
    answer: str
    explanation: str
    perspectives: list[tuple[str, str]]
    # A network's report: the regions with an answer of their own, after the network's.
    regions: list[RegionAnswer] = field(default_factory=list)


@dataclass
class StoryElement:
    number: str
    title: str
    anchor: str
    blocks: list[Block]
    summary: list[SummaryRow]
    paragraphs: list[StoryParagraph]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass
class StoryChapter:
    number: int
    title: str
    anchor: str
    blocks: list[Block]
    paragraphs: list[StoryParagraph]
    elements: list[StoryElement]
    is_own: bool
    # A theme's maturity and toetsingskader (issue 19), at the chapter's end.
    assessment: ThemeAssessmentEntry | None = None

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class ContextPart:
    label: str
    markdown: str
    html: SafeString


@dataclass(frozen=True)
class ContextTheme:
    number: int
    title: str
    parts: list[ContextPart]


@dataclass(frozen=True)
class AnswerRow:
    label: str
    answer: str
    answered: bool
    regions: list[RegionAnswer] = field(default_factory=list)


@dataclass(frozen=True)
class AnswerElement:
    title: str
    rows: list[AnswerRow]


@dataclass(frozen=True)
class AnswerTheme:
    number: int
    title: str
    elements: list[AnswerElement]


@dataclass(frozen=True)
class HistoryEvent:
    date: str
    text: str


@dataclass(frozen=True)
class TocLine:
    anchor: str
    title: str
    level: int


@dataclass
class StoryDocument:
    """Everything the `rapport` variant shows, in reading order, in Dutch."""

    title: str
    unit: ReportUnit
    period: str
    status: str
    is_final: bool
    version_number: int
    catalogue_title: str
    catalogue_edition: str
    printed_on: str
    introduction: list[Block]
    summary: list[Block]
    chapters: list[StoryChapter]
    context: list[ContextTheme]
    answers: list[AnswerTheme]
    sources: list[SourceEntry]
    history: list[HistoryEvent]
    participants: list[str]
    words: dict[str, str]
    toc: list[TocLine] = field(default_factory=list)
    # The catalogue version's framing (Bronnen, Verantwoording): Bijlage 3 (guidance/).
    framing: Framing | None = None
