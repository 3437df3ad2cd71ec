"""Each theme's assessment as the documents show it (issue 19): the maturity and, on the
Actieoverleg's theme, the toetsingskader's verdicts, or "niet beoordeeld" with the reason.
One read for the whole report (comparison's selector, three queries), in the document's
language; the templates (both layouts) and the Word writers print it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator, Theme
from werkset.comparison.models import MaturityLevel, Verdict
from werkset.comparison.selectors.report_assessment import ThemeAssessment, report_assessments
from werkset.comparison.vocabulary import MATURITY_ANSWER_TYPE
from werkset.reports.models import Report


@dataclass(frozen=True)
class AssessmentLine:
    """One assessment: what is assessed, the verdict, and its motivation or the reason it
    is not assessed."""

    label: str
    value: str
    text: str
    assessed: bool


@dataclass(frozen=True)
class ThemeAssessmentEntry:
    heading: str
    maturity: AssessmentLine | None
    criteria_heading: str
    criteria: list[AssessmentLine]

    @property
    def lines(self) -> list[AssessmentLine]:
        return ([self.maturity] if self.maturity is not None else []) + self.criteria


def _line(label: str, value: str, text: str, reason: str) -> AssessmentLine:
    if value:
        return AssessmentLine(label=label, value=value, text=text, assessed=True)
    if reason:
        return AssessmentLine(label=label, value=_("not assessed"), text=reason, assessed=False)
    return AssessmentLine(label=label, value=_("not assessed yet"), text="", assessed=False)


def _entry(assessment: ThemeAssessment) -> ThemeAssessmentEntry | None:
    maturity = None
    if assessment.asks_maturity:
        own = assessment.maturity
        level = own.level if own is not None else None
        maturity = _line(
            _("Maturity"),
            f"{level}. {MaturityLevel(level).label}" if level else "",
            own.motivation if own is not None else "",
            own.not_assessed_reason if own is not None else "",
        )
    verdicts = dict(Verdict.choices)
    criteria = [
        _line(
            f"{state.number}. {state.criterion.title}",
            str(verdicts[state.answer.verdict]) if state.answer and state.answer.verdict else "",
            state.answer.explanation if state.answer else "",
            state.answer.not_assessed_reason if state.answer else "",
        )
        for state in assessment.criteria
    ]
    if maturity is None and not criteria:
        return None
    return ThemeAssessmentEntry(
        heading=_("Assessment of this theme"),
        maturity=maturity,
        criteria_heading=_("Actieoverleg toetsingskader"),
        criteria=criteria,
    )


def theme_assessments(
    *, report: Report, themes: list[Theme], indicators: list[Indicator]
) -> dict[int, ThemeAssessmentEntry]:
    """Per theme id its assessment for the documents (themes without one are absent); the
    version's themes and indicators (with answer types) are read already (two queries)."""
    asked = {i.theme_id for i in indicators if i.answer_type.key == MATURITY_ANSWER_TYPE}
    entries = {}
    for assessment in report_assessments(report=report, themes=themes, asked=asked):
        entry = _entry(assessment)
        if entry is not None:
            entries[assessment.theme.pk] = entry
    return entries
