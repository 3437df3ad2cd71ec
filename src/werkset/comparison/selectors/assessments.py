"""The toetsingskader page: per region its verdicts, nationally how many have an
Actieoverleg. The verdict follows from the five characteristics by the one rule of
inventories/toetsingskader.py (ADR 26), the same for reports and national inventories:
a region that meets all but the timeliness characteristic has an Actieoverleg "met lagere
frequentie", as the researchers of 2020 counted it."""

from collections import defaultdict
from dataclasses import dataclass

from werkset.inventories.toetsingskader import HAS_ACTIEOVERLEG, toetsingskader_verdict
from werkset.inventories.toetsingskader import Verdict as ToetsingskaderVerdict
from werkset.regions.models import Region

from ..models import CriterionAnswer
from ..vocabulary import CRITERIA, TIMELINESS_CRITERION
from .entries import Entry


@dataclass
class Assessment:
    entry: Entry
    answers: dict[str, CriterionAnswer]

    @property
    def complete(self) -> bool:
        return all(c.key in self.answers for c in CRITERIA)

    @property
    def verdict(self) -> ToetsingskaderVerdict:
        return toetsingskader_verdict(
            {key: answer.verdict for key, answer in self.answers.items()},
            characteristics=[c.key for c in CRITERIA],
            timeliness=TIMELINESS_CRITERION,
        )

    @property
    def is_actieoverleg(self) -> bool:
        """Wel een Actieoverleg, also when it meets less often than weekly."""
        return self.verdict in HAS_ACTIEOVERLEG

    @property
    def lower_frequency(self) -> bool:
        return self.verdict == ToetsingskaderVerdict.WEL_LAGERE_FREQUENTIE


@dataclass
class AssessmentSummary:
    assessments: list[Assessment]
    wel: int
    geen: int
    not_assessed: int
    total_regions: int
    # Of `wel`: those meeting less often than weekly (the seed's footnote).
    lower_frequency: int = 0

    def regions_with(self, verdict: str) -> list[Region]:
        """The regions of finalised reports with this verdict (inventories' Verdict value)."""
        return [
            a.entry.region for a in self.assessments if a.entry.is_final and a.verdict == verdict
        ]


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
        lower_frequency=sum(1 for a in final if a.lower_frequency),
    )
