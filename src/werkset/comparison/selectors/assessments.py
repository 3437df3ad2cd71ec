"""The toetsingskader page: per region its verdicts, nationally how many have an
Actieoverleg."""

from collections import defaultdict
from dataclasses import dataclass

from ..models import CriterionAnswer, Verdict
from ..vocabulary import CRITERIA
from .entries import Entry


@dataclass
class Assessment:
    entry: Entry
    answers: dict[str, CriterionAnswer]

    @property
    def complete(self) -> bool:
        return all(c.key in self.answers for c in CRITERIA)

    @property
    def is_actieoverleg(self) -> bool:
        """Wel een Actieoverleg: all five characteristics met (ja)."""
        return self.complete and all(self.answers[c.key].verdict == Verdict.JA for c in CRITERIA)


@dataclass
class AssessmentSummary:
    assessments: list[Assessment]
    wel: int
    geen: int
    not_assessed: int
    total_regions: int


def assessments(*, entries: list[Entry], total_regions: int) -> AssessmentSummary:
    """The toetsingskader per region and the national count, over finalised reports."""
    by_report: dict[int, dict[str, CriterionAnswer]] = defaultdict(dict)
    # A characteristic marked "niet beoordeeld" (with its reason) has no verdict to count.
    given = CriterionAnswer.objects.filter(report_id__in=[e.report.pk for e in entries])
    for answer in given.exclude(verdict=""):
        by_report[answer.report_id][answer.criterion] = answer
    items = [Assessment(entry=e, answers=by_report.get(e.report.pk, {})) for e in entries]
    final = [a for a in items if a.entry.is_final]
    wel = sum(1 for a in final if a.is_actieoverleg)
    geen = sum(1 for a in final if a.complete and not a.is_actieoverleg)
    return AssessmentSummary(
        assessments=items,
        wel=wel,
        geen=geen,
        not_assessed=total_regions - wel - geen,
        total_regions=total_regions,
    )
