"""A report (a region's or a network's) as a document: one read model for the print view,
the PDF and Word.

The read model is built in a fixed number of queries (whatever the number of indicators),
so the three formats say exactly the same thing and rendering a large report stays fast.
Documents are always Dutch, whatever language the request or command runs in. The read
model's classes are in document_model.py, the fixed words and text helpers in
document_text.py; this module assembles the model and renders it.
"""

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator, Theme
from werkset.guidance.framing import framing_for_version
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

from .assessment import theme_assessments
from .document_model import (
    ContextEntry,
    ElementSection,
    IndicatorEntry,
    OverviewElement,
    OverviewRow,
    OverviewTheme,
    PracticeEntry,
    QuoteEntry,
    ReportDocument,
    SourceEntry,
    ThemeChapter,
)
from .document_text import (
    DOCUMENT_LANGUAGE,
    _anchor,
    _local_date,
    _markdown,
    document_words,
    withdrawn_words,
)
from .region_answers import figures_shown, region_answers


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
