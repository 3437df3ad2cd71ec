"""Where a report's free text looks like personal data, and which of it was cleared."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from werkset.reports.models import Comment, Report

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
        return KIND_LABELS.get(self.hit.kind, self.hit.kind)


def _texts(report: Report) -> Iterator[tuple[str, str, str, str]]:
    """(place, theme key, anchor, text) for every piece of free text in the report."""
    answers = report.answers.select_related("indicator__theme").order_by("indicator__position")
    for answer in answers:
        indicator = answer.indicator
        place = f"{indicator.theme.short_title} · {indicator.label}"
        anchor = f"antwoord-{answer.pk}"
        yield place, indicator.theme.key, anchor, answer.explanation
        for code, text in answer.perspectives.items():
            yield f"{place} ({code})", indicator.theme.key, anchor, text
    for section in report.section_texts.select_related("theme", "element"):
        anchor = f"tekst-{section.element.key if section.element else 'thema'}"
        yield section.theme.short_title, section.theme.key, anchor, section.text
    for item in report.practice_items.select_related("theme"):
        for text in (item.title, item.text, item.source):
            yield (
                _("From practice: %(title)s") % {"title": item.title},
                item.theme.key if item.theme else "",
                "items",
                text,
            )
    for quote in report.quotes.select_related("theme"):
        for text in (quote.text, quote.attribution):
            yield _("Quote"), quote.theme.key if quote.theme else "", "items", text
    for source in report.sources.select_related("theme"):
        for text in (source.title, source.description):
            yield _("Source"), source.theme.key if source.theme else "", "items", text
    comments = Comment.objects.filter(report=report).select_related("theme", "answer")
    for comment in comments:
        anchor = f"antwoord-{comment.answer_id}" if comment.answer_id else "thema-commentaar"
        for text in (comment.text, comment.resolution):
            yield _("Comment"), comment.theme.key if comment.theme else "", anchor, text


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
