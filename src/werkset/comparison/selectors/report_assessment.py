"""One report's assessments per theme: what the theme page shows and asks, what the
documents print, and what is still missing before the network decides (issue 19).

Maturity is assessed for every theme whose maturity the report does not ask as a question
of its own (Werkset 2.0 does); the toetsingskader belongs to the Actieoverleg's theme. An
assessment is done when it is given, or consciously marked "niet beoordeeld" with a reason.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from werkset.catalogue.models import Theme
from werkset.catalogue.structure import catalogue_structure
from werkset.reports.content_changes import kept_rows
from werkset.reports.models import Report

from ..models import CriterionAnswer, ThemeMaturity
from ..vocabulary import CRITERIA, CRITERIA_THEME, MATURITY_ANSWER_TYPE, Criterion
from .maturity import themes_asking_maturity


def report_themes(*, report: Report) -> QuerySet[Theme]:
    """The themes of the report's catalogue version, in the catalogue's order."""
    return Theme.objects.filter(version_id=report.catalogue_version_id).order_by("position")


def report_maturity_rows(*, report: Report) -> QuerySet[ThemeMaturity]:
    """The report's own maturity assessments (given or "niet beoordeeld"), one per theme."""
    return ThemeMaturity.objects.filter(report=report).order_by()


def report_criterion_answers(*, report: Report) -> QuerySet[CriterionAnswer]:
    """The report's answers to the toetsingskader, one per characteristic."""
    return CriterionAnswer.objects.filter(report=report).order_by()


@dataclass(frozen=True)
class CriterionState:
    criterion: Criterion
    number: int
    answer: CriterionAnswer | None

    @property
    def done(self) -> bool:
        return self.answer is not None and bool(
            self.answer.verdict or self.answer.not_assessed_reason
        )


@dataclass(frozen=True)
class ThemeAssessment:
    theme: Theme
    # The report asks this theme's maturity as one of its questions (Werkset 2.0).
    maturity_in_answers: bool
    maturity: ThemeMaturity | None
    # The toetsingskader, on its own theme only.
    criteria: list[CriterionState]

    @property
    def asks_maturity(self) -> bool:
        return not self.maturity_in_answers

    @property
    def maturity_missing(self) -> bool:
        if not self.asks_maturity:
            return False
        return self.maturity is None or not (
            self.maturity.level or self.maturity.not_assessed_reason
        )

    @property
    def criteria_missing(self) -> int:
        return sum(1 for state in self.criteria if not state.done)

    @property
    def complete(self) -> bool:
        return not self.maturity_missing and not self.criteria_missing


def report_assessments(
    *, report: Report, themes: list[Theme] | None = None, asked: set[int] | None = None
) -> list[ThemeAssessment]:
    """Every theme's assessment state in the catalogue's order: four queries, two when the
    caller read the report's `themes` and the ids of those that ask the maturity as a
    question (`asked`, themes_asking_maturity) already."""
    if themes is None:
        themes = list(report_themes(report=report))
    themes = sorted(themes, key=lambda theme: theme.position)
    if asked is None:
        asked = themes_asking_maturity(version=report.catalogue_version)
    maturities = {m.theme_id: m for m in report_maturity_rows(report=report)}
    answers = {a.criterion: a for a in report_criterion_answers(report=report)}
    criteria = [
        CriterionState(criterion=c, number=n, answer=answers.get(c.key))
        for n, c in enumerate(CRITERIA, start=1)
    ]
    return [
        ThemeAssessment(
            theme=theme,
            maturity_in_answers=theme.pk in asked,
            maturity=maturities.get(theme.pk),
            criteria=criteria if theme.key == CRITERIA_THEME else [],
        )
        for theme in themes
    ]


def _theme_assessment_rows(
    *, report: Report, theme: Theme
) -> tuple[ThemeMaturity | None, dict[str, CriterionAnswer]]:
    maturity = ThemeMaturity.objects.filter(report=report, theme=theme).order_by().first()
    if theme.key != CRITERIA_THEME:  # the toetsingskader is asked on one theme only
        return maturity, {}
    criteria = report_criterion_answers(report=report)
    return maturity, {answer.criterion: answer for answer in criteria}


def theme_assessment(*, report: Report, theme: Theme) -> ThemeAssessment:
    """One theme's assessment state (the theme page): its maturity, and on the Actieoverleg's
    theme the toetsingskader (one query, two there); the catalogue's structure (kept by the
    process) says whether the theme asks its maturity itself."""
    indicators = catalogue_structure(version=report.catalogue_version).theme_indicators(theme)
    asked = any(i.answer_type.key == MATURITY_ANSWER_TYPE for i in indicators)
    maturity, answers = kept_rows(
        report=report,
        part=f"assessment:{theme.pk}",
        read=lambda: _theme_assessment_rows(report=report, theme=theme),
    )
    criteria: list[CriterionState] = []
    if theme.key == CRITERIA_THEME:
        criteria = [
            CriterionState(criterion=c, number=n, answer=answers.get(c.key))
            for n, c in enumerate(CRITERIA, start=1)
        ]
    return ThemeAssessment(
        theme=theme, maturity_in_answers=asked, maturity=maturity, criteria=criteria
    )
