"""Where a report's free text looks like personal data, and which of it was cleared."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from werkset.catalogue.structure import catalogue_structure
from werkset.comparison.models import CriterionAnswer, ThemeMaturity
from werkset.comparison.vocabulary import CRITERIA_THEME
from werkset.reports.answers import AnswerContent, answer_texts
from werkset.reports.models import (
    Answer,
    Comment,
    CorrectionProposal,
    Report,
    ReportSection,
    SectionText,
)

from .detectors import KIND_LABELS, Hit, scan
from .models import PrivacyClearance


@dataclass(frozen=True)
class ReportHit:
    hit: Hit
    place: str
    theme_key: str
    anchor: str
    cleared: PrivacyClearance | None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.hit.kind, self.hit.kind))


def _texts(report: Report) -> Iterator[tuple[str, str, str, str]]:
    """(place, theme key, anchor, text) for every piece of free text in the report.

    Themes, elements and indicators come from the catalogue structure this process keeps;
    the queries read the report's own rows, with only the columns that hold text."""
    structure = catalogue_structure(version=report.catalogue_version)
    indicators = structure.indicator_by_id
    themes = {theme.pk: theme for theme in structure.themes}
    answers = sorted(
        Answer.objects.filter(report=report)
        .order_by()
        .only("id", "indicator", "explanation", "perspectives", "regional"),
        key=lambda answer: indicators[answer.indicator_id].position,
    )
    held: set[str] = set()
    for answer in answers:
        held.update(answer_texts(answer))
        indicator = indicators[answer.indicator_id]
        theme = themes[indicator.theme_id]
        place = f"{theme.short_title} · {indicator.label}"
        anchor = f"antwoord-{answer.pk}"
        yield place, theme.key, anchor, answer.explanation
        for code, text in answer.perspectives.items():
            yield f"{place} ({code})", theme.key, anchor, text
        for code, part in answer.regional.items():
            yield f"{place} ({code})", theme.key, anchor, part.get("explanation", "")
    sections = (
        SectionText.objects.filter(report=report)
        .select_related("theme", "element")
        .only("text", "theme", "element", "theme__key", "theme__short_title", "element__key")
    )
    for section in sections:
        anchor = f"tekst-{section.element.key if section.element else 'thema'}"
        yield section.theme.short_title, section.theme.key, anchor, section.text

    # The network's own story: the report's title, introduction and summary, own sections.
    story = _("Story of the network")
    for text in (report.title, report.introduction, report.summary):
        yield story, "", "verhaal", text
    for own in ReportSection.objects.filter(report=report).order_by("position", "id"):
        for text in (own.title, own.text):
            yield f"{story}: {own.title}", "", "verhaal", text

    def theme_key(row: Any) -> str:
        if row.theme_id in themes:
            return themes[row.theme_id].key
        return row.theme.key if row.theme_id else ""

    for item in report.practice_items.all():
        for text in (item.title, item.text, item.source, item.image_alt):
            yield (
                _("From practice: %(title)s") % {"title": item.title},
                theme_key(item),
                "items",
                text,
            )
    for quote in report.quotes.all():
        for text in (quote.text, quote.attribution):
            yield _("Quote"), theme_key(quote), "items", text
    for source in report.sources.all():
        for text in (source.title, source.description):
            yield _("Source"), theme_key(source), "items", text
    # The self-assessment feeds the comparisons that other regions and networks read.
    maturities = ThemeMaturity.objects.filter(report=report).only(
        "theme", "motivation", "not_assessed_reason"
    )
    for maturity in maturities:
        judged = themes.get(maturity.theme_id)
        place, key = (judged.short_title, judged.key) if judged else ("", "")
        for text in (maturity.motivation, maturity.not_assessed_reason):
            # On the theme page, in its section "Beoordeling van dit thema".
            yield _("Maturity: %(theme)s") % {"theme": place}, key, "beoordeling", text
    criteria = CriterionAnswer.objects.filter(report=report).only(
        "explanation", "not_assessed_reason"
    )
    for criterion in criteria:
        for text in (criterion.explanation, criterion.not_assessed_reason):
            yield _("Toetsingskader"), CRITERIA_THEME, "beoordeling", text
    for comment in Comment.objects.filter(report=report):
        anchor = f"antwoord-{comment.answer_id}" if comment.answer_id else "thema-commentaar"
        for text in (comment.text, comment.resolution):
            yield _("Comment"), theme_key(comment), anchor, text
    # Correction proposals (ADR 21): the author's explanation, the proposed answer's texts
    # and the writer's reason for declining; a text the answer holds already is counted once.
    proposals = CorrectionProposal.objects.filter(report=report).order_by("created_at", "id")
    for proposal in proposals.only("answer", "content", "explanation", "decline_reason"):
        anchor = f"antwoord-{proposal.answer_id}"
        proposed = AnswerContent.from_dict(proposal.content or {})
        texts = [proposal.explanation, proposal.decline_reason, *answer_texts(proposed)]
        for text in texts:
            if text not in held:
                yield _("Correction proposal"), "", anchor, text


def report_privacy_hits(*, report: Report) -> list[ReportHit]:
    clearances = {(c.kind, c.text): c for c in PrivacyClearance.objects.filter(report=report)}
    hits = []
    for place, theme_key, anchor, text in _texts(report):
        for hit in scan(text or ""):
            hits.append(
                ReportHit(
                    hit=hit,
                    place=place,
                    theme_key=theme_key,
                    anchor=anchor,
                    cleared=clearances.get((hit.kind, hit.text)),
                )
            )
    return hits


def report_uncleared_hits(*, report: Report) -> list[ReportHit]:
    return [hit for hit in report_privacy_hits(report=report) if hit.cleared is None]
