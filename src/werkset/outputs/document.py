"""A report (a region's or a network's) as a document: one read model for the print view,
the PDF and Word.

The read model is built in a fixed number of queries (whatever the number of indicators),
so the three formats say exactly the same thing and rendering a large report stays fast.
Documents are always Dutch, whatever language the request or command runs in.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator, Theme
from werkset.core.markdown import markdown_to_html
from werkset.guidance.framing import framing_for_version
from werkset.guidance.texts import Framing
from werkset.regions.models import Organisation, Region
from werkset.reports.answers import AnswerContent, answer_is_complete, content_of
from werkset.reports.models import (
    Answer,
    PracticeItem,
    PracticeKind,
    Quote,
    Report,
    SectionText,
    SourceDocument,
)

from .assessment import ThemeAssessmentEntry, theme_assessments
from .region_answers import RegionAnswer, figures_shown, region_answers

DOCUMENT_LANGUAGE = "nl"


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


def withdrawn_words(report: Report) -> dict[str, str]:
    """A withdrawn report's documents say so where a concept's say it is a concept (the mark
    on every page and the notice; issue 19). The national role, not a person, is named."""
    if not report.is_withdrawn:
        return {}
    return {
        "concept": _("WITHDRAWN"),
        "concept_notice": _(
            "Withdrawn on %(date)s by the national network, reason: %(reason)s. This report "
            "no longer counts in any comparison."
        )
        % {"date": _local_date(report.withdrawn_at), "reason": report.withdrawal_reason},
    }


def _markdown(text: str) -> SafeString:
    """Catalogue and report Markdown, sanitised by core.markdown (nh3), hence safe."""
    return mark_safe(markdown_to_html(text or ""))  # noqa: S308 (sanitised by nh3)


def _anchor(*parts: str) -> str:
    return "-".join(part.replace(".", "-").replace("_", "-") for part in parts)


def _local_date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "j F Y")


def document_words() -> dict[str, str]:
    """The fixed words of the document (chapter names, labels), in the active language."""
    return {
        "document": _("Quality and impact indicators"),
        "contents": _("Contents"),
        "introduction": _("Introduction"),
        "elements_intro": _("The report is built on the same three elements for every theme:"),
        "appendix_context": _("Appendix 1: National context"),
        "appendix_overview": _("Appendix 2: Overview of indicators"),
        "appendix_framing": _("Appendix 3: Accountability of the indicator set"),
        "sources": _("Sources"),
        "colophon": _("Colophon"),
        "concept": _("CONCEPT"),
        "from_practice": _("From practice"),
        "source": _("Source"),
        "answer": _("Answer"),
        "not_answered": _("Not answered yet"),
        "answered": _("answered"),
        "open": _("open"),
        "goal": _("Aim"),
        "expected_value": _("Expected value"),
        "region": _("Region"),
        "network": _("Regional network"),
        "period": _("Period"),
        "status": _("Status"),
        "version": _("Version"),
        "finalised_on": _("Finalised on"),
        "printed_on": _("Printed on"),
        "catalogue": _("Instrument"),
        "indicator": _("Indicator"),
        "no_sources": _("No sources have been recorded for this report."),
        "concept_notice": _(
            "This is a concept: the report has not been finalised by the regional network "
            "and may still change."
        ),
        "overview_intro": _(
            "The indicators per theme and element; “answered” means the region has given a "
            "complete answer (which may be “unknown” or “not applicable”)."
        ),
        "context_intro": _(
            "The aim of each theme and the value it is expected to bring, as the instrument "
            "describes them."
        ),
    }


class _PracticeNumbering:
    """Numbers the practice boxes of one chapter in reading order: 1.1, 1.2, ..."""

    def __init__(self, *, chapter: int, kind_labels: dict[str, Any]) -> None:
        self.chapter = chapter
        self.kind_labels = kind_labels
        self.count = 0

    def __call__(self, items: list[PracticeItem]) -> list[PracticeEntry]:
        entries = []
        for item in items:
            self.count += 1
            entries.append(
                PracticeEntry(
                    number=f"{self.chapter}.{self.count}",
                    kind=str(self.kind_labels.get(item.kind, item.kind)),
                    title=item.title,
                    text=item.text,
                    text_html=_markdown(item.text),
                    source=item.source,
                )
            )
        return entries


def _quote_entry(quote: Quote) -> QuoteEntry:
    return QuoteEntry(
        text=quote.text, attribution=quote.attribution or _("Network member (anonymous)")
    )


def _indicator_entry(
    indicator: Indicator,
    answer: Answer | None,
    *,
    category_titles: dict[str, str],
    organisations: dict[str, str],
    regions: Sequence[tuple[str, str]] = (),
) -> IndicatorEntry:
    content = content_of(answer) if answer is not None else AnswerContent()
    answer_type = indicator.answer_type
    choice_labels = {choice["key"]: choice["label"] for choice in answer_type.all_choices}
    order = {code: index for index, code in enumerate(organisations)}
    perspectives = [
        (organisations.get(code, code), text)
        for code, text in sorted(
            content.perspectives.items(), key=lambda item: order.get(item[0], len(order))
        )
        if text
    ]
    return IndicatorEntry(
        key=indicator.key,
        anchor=_anchor("i", indicator.key),
        label=indicator.label,
        question=indicator.question,
        question_html=_markdown(indicator.question),
        category=category_titles.get(indicator.value_category, indicator.value_category),
        choice_label=choice_labels.get(content.choice, ""),
        figures=figures_shown(indicator, content.figures),
        explanation=content.explanation,
        perspectives=perspectives,
        complete=answer_is_complete(answer_type, content),
        regions=region_answers(indicator, content, choice_labels=choice_labels, regions=regions),
    )


def _unique_sources(sources: list[SourceDocument]) -> list[SourceEntry]:
    """One line per source, even when several themes name the same document."""
    seen: dict[tuple[str, str], SourceEntry] = {}
    for source in sources:
        entry = SourceEntry(title=source.title.strip(), description=source.description.strip())
        seen.setdefault((entry.title.casefold(), entry.description.casefold()), entry)
    return list(seen.values())


def report_document(*, report: Report) -> ReportDocument:
    """The report as one read model in a fixed number of queries (ten), in Dutch."""
    with translation.override(DOCUMENT_LANGUAGE):
        return _report_document(report=report)


def _report_document(*, report: Report) -> ReportDocument:
    report = Report.objects.select_related(
        "region", "network", "catalogue_version", "catalogue_version__continues"
    ).get(pk=report.pk)
    version = report.catalogue_version
    themes = list(Theme.objects.filter(version=version).prefetch_related("elements"))
    indicators = list(
        Indicator.objects.filter(version=version).select_related("answer_type").order_by("position")
    )
    answers = {answer.indicator_id: answer for answer in Answer.objects.filter(report=report)}
    texts = {
        (text.theme_id, text.element_id): text.text
        for text in SectionText.objects.filter(report=report)
    }
    practice_items = list(PracticeItem.objects.filter(report=report))
    quotes = list(Quote.objects.filter(report=report))
    sources = list(SourceDocument.objects.filter(report=report))
    organisations = {org.code: org.name for org in Organisation.objects.all()}
    # A network's report: its regions, whose own answers follow the network's (one query).
    regions: list[tuple[str, str]] = []
    if report.region_id is None:
        regions = list(
            Region.objects.filter(network_id=report.network_id)
            .order_by("position", "name")
            .values_list("code", "name")
        )

    category_titles = {item["key"]: item["title"] for item in version.value_categories}
    kind_labels = dict(PracticeKind.choices)
    theme_order = {theme.pk: index for index, theme in enumerate(themes)}
    by_element: dict[int, list[IndicatorEntry]] = {}
    overview_rows: dict[int, list[OverviewRow]] = {}
    answered = 0
    for indicator in indicators:
        entry = _indicator_entry(
            indicator,
            answers.get(indicator.pk),
            category_titles=category_titles,
            organisations=organisations,
            regions=regions,
        )
        answered += entry.complete
        by_element.setdefault(indicator.element_id, []).append(entry)
        overview_rows.setdefault(indicator.element_id, []).append(
            OverviewRow(label=indicator.label, answered=entry.complete)
        )

    assessments = theme_assessments(report=report, themes=themes, indicators=indicators)
    chapters: list[ThemeChapter] = []
    for number, theme in enumerate(themes, start=1):
        numbered = _PracticeNumbering(chapter=number, kind_labels=kind_labels)
        elements = []
        for position, element in enumerate(theme.elements.all(), start=1):
            text = texts.get((theme.pk, element.pk), "")
            elements.append(
                ElementSection(
                    number=f"{number}.{position}",
                    key=element.key,
                    title=element.title,
                    anchor=_anchor("h", theme.key, element.key),
                    text=text,
                    text_html=_markdown(text),
                    indicators=by_element.get(element.pk, []),
                    practice_items=numbered(
                        [item for item in practice_items if item.element_id == element.pk]
                    ),
                    quotes=[_quote_entry(q) for q in quotes if q.element_id == element.pk],
                )
            )
        theme_text = texts.get((theme.pk, None), "")
        chapters.append(
            ThemeChapter(
                number=number,
                key=theme.key,
                title=theme.title,
                anchor=_anchor("h", theme.key),
                text=theme_text,
                text_html=_markdown(theme_text),
                elements=elements,
                practice_items=numbered(
                    [i for i in practice_items if i.theme_id == theme.pk and i.element_id is None]
                ),
                quotes=[
                    _quote_entry(q)
                    for q in quotes
                    if q.theme_id == theme.pk and q.element_id is None
                ],
                assessment=assessments.get(theme.pk),
            )
        )

    context = [
        ContextEntry(
            number=number,
            title=theme.title,
            goal=theme.context.get("goal", ""),
            goal_html=_markdown(theme.context.get("goal", "")),
            expected_value=theme.context.get("expected_value", ""),
            expected_value_html=_markdown(theme.context.get("expected_value", "")),
        )
        for number, theme in enumerate(themes, start=1)
    ]
    overview = [
        OverviewTheme(
            number=number,
            title=theme.title,
            elements=[
                OverviewElement(title=element.title, rows=overview_rows.get(element.pk, []))
                for element in theme.elements.all()
            ],
        )
        for number, theme in enumerate(themes, start=1)
    ]
    sources.sort(key=lambda s: (theme_order.get(s.theme_id or 0, len(themes)), s.position, s.pk))
    words = document_words() | withdrawn_words(report)
    words["progress"] = _("%(answered)s of %(total)s indicators answered") % {
        "answered": answered,
        "total": len(indicators),
    }
    introduction = version.introduction.get("purpose", "")
    return ReportDocument(
        title=f"{report.unit.name}: {words['document']} {report.period_label}",
        region=report.unit.name,
        network=report.network.name,
        period=report.period_label,
        status=str(report.get_status_display()),
        is_final=report.is_final,
        version_number=report.number,
        finalised_on=_local_date(report.finalised_at) if report.is_final else "",
        catalogue_title=version.title,
        catalogue_edition=version.edition,
        printed_on=_local_date(timezone.now()),
        introduction=introduction,
        introduction_html=_markdown(introduction),
        element_definitions=[
            (definition.get("title", ""), definition.get("question", ""))
            for definition in version.element_definitions
        ],
        chapters=chapters,
        context=context,
        overview=overview,
        sources=_unique_sources(sources),
        answered=answered,
        total=len(indicators),
        words=words,
        unit_label=words["network"] if report.region_id is None else words["region"],
        framing=framing_for_version(version),
    )


def report_print_html(*, report: Report) -> str:
    """The report as one standalone HTML5 document: the print view and the PDF's input."""
    return document_print_html(document=report_document(report=report))


def document_print_html(*, document: ReportDocument) -> str:
    """Render an already built read model (lets the PDF reuse it without new queries)."""
    context: dict[str, Any] = {"document": document, "words": document.words}
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string("outputs/report_print.html", context)
