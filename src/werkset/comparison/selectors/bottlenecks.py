"""The bottlenecks page (rode draad): which regions name each bottleneck, with quotes."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from werkset.regions.models import Region
from werkset.reports.models import Answer, Report

from ..models import BottleneckCode
from ..vocabulary import BOTTLENECK_CATEGORIES, CATEGORY_OF, Bottleneck, BottleneckCategory
from .entries import Entry


@dataclass
class QuoteRef:
    entry: Entry
    answer: Answer

    @property
    def theme_key(self) -> str:
        """Indicator keys are `<theme>.<element>.<name>` (catalogue convention)."""
        return self.answer.indicator.key.split(".", 1)[0]


@dataclass
class BottleneckCount:
    bottleneck: Bottleneck
    regions: list[Region]
    quotes: list[QuoteRef]

    @property
    def n(self) -> int:
        return len(self.regions)


@dataclass
class CategoryCount:
    category: BottleneckCategory
    regions: list[Region]
    bottlenecks: list[BottleneckCount]

    @property
    def n(self) -> int:
        return len(self.regions)


def rode_draad(*, entries: list[Entry]) -> list[CategoryCount]:
    """Per category and sub-theme: how many regions name it (n) and the quotes behind it.

    Only finalised reports count; one query. A network's report names a bottleneck for
    each of the regions it stands for; its quote is shown once.
    """
    final: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.is_final:
            final[entry.report.pk].append(entry)
    codes = (
        BottleneckCode.objects.filter(answer__report_id__in=list(final))
        .select_related("answer__indicator")
        .order_by("answer__indicator__position", "answer_id")
    )
    quotes: dict[str, list[QuoteRef]] = defaultdict(list)
    for code in codes:
        quotes[code.code].append(
            QuoteRef(entry=final[code.answer.report_id][0], answer=code.answer)
        )

    def regions_of(refs: Iterable[QuoteRef]) -> list[Region]:
        unique = {
            entry.region.pk: entry.region for ref in refs for entry in final[ref.entry.report.pk]
        }
        return sorted(unique.values(), key=lambda r: (r.position, r.name))

    result = []
    for category in BOTTLENECK_CATEGORIES:
        counts = [
            BottleneckCount(b, regions_of(quotes[b.key]), quotes[b.key])
            for b in category.bottlenecks
        ]
        all_refs = [ref for count in counts for ref in count.quotes]
        result.append(CategoryCount(category, regions_of(all_refs), counts))
    return result


def report_explained_answers(*, report: Report) -> QuerySet[Answer]:
    """The report's answers with an explanation (only those name bottlenecks), with their
    indicator and theme, in the catalogue's order."""
    return (
        Answer.objects.filter(report=report)
        .exclude(explanation="")
        .select_related("indicator__theme")
        .order_by("indicator__position")
    )


def codes_for_report(*, report: Report) -> dict[int, set[str]]:
    """The bottleneck codes of a report's answers, per answer id."""
    result: dict[int, set[str]] = defaultdict(set)
    for answer_id, code in BottleneckCode.objects.filter(answer__report=report).values_list(
        "answer_id", "code"
    ):
        result[answer_id].add(code)
    return result


@dataclass(frozen=True)
class ReportCode:
    """A bottleneck code of one of a report's answers, named by keys (API and archive)."""

    indicator: str
    code: str

    @property
    def category(self) -> str:
        return CATEGORY_OF[self.code].key if self.code in CATEGORY_OF else ""


def report_codes(*, report: Report) -> list[ReportCode]:
    """The bottleneck codes of a report's answers, in the catalogue's order; one query."""
    return [
        ReportCode(indicator, code)
        for indicator, code in BottleneckCode.objects.filter(answer__report=report)
        .order_by("answer__indicator__position", "code")
        .values_list("answer__indicator__key", "code")
    ]
