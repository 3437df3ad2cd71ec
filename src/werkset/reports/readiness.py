"""Look before you leap (issue 19): what a report's next step checks, in one table.

Before a report goes to the network (`submit`), before it is put to the network for its
decision (`put_forward`) and before the decision is recorded (`finalise`) the writer or
decider sees a confirmation page with the report's completeness, open comments, open
privacy flags and missing assessments, and which of them block the step and which only warn.
The workflow's guards (reports/services.py) ask this module too, so the page and the step
cannot disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from werkset.comparison.selectors.report_assessment import ThemeAssessment, report_assessments
from werkset.privacy.selectors import report_uncleared_hits

from .models import ProposalStatus, Report
from .selectors import ReportProgress, report_progress


@dataclass(frozen=True)
class Facts:
    """What the checks look at, read once."""

    progress: ReportProgress
    open_comments: int
    privacy_flags: int
    maturity_missing: int
    criteria_missing: int
    # Correction proposals the rapporteur has not accepted or declined yet (ADR 21).
    open_proposals: int = 0
    # Per theme what is not assessed yet, with where to do it (issue 19).
    assessment_gaps: tuple["Detail", ...] = ()


@dataclass(frozen=True)
class Detail:
    """One line under a check: what, and a link to where it is put right."""

    text: str
    url: str


@dataclass(frozen=True)
class Check:
    code: str
    message: str
    blocks: bool
    details: tuple[Detail, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A check: when it applies (`holds`), its message, and per step whether it blocks
    (True), only warns (False), or is not asked (step absent)."""

    code: str
    holds: Callable[[Facts], bool]
    message: Callable[[Facts], str]
    steps: dict[str, bool]
    details: Callable[[Facts], tuple[Detail, ...]] = lambda facts: ()


def _unanswered(facts: Facts) -> str:
    total = facts.progress.total
    return ngettext(
        "%(open)s of %(total)s indicator is not answered yet.",
        "%(open)s of %(total)s indicators are not answered yet.",
        total.open,
    ) % {"open": total.open, "total": total.total}


def _open_comments(facts: Facts) -> str:
    return _("Resolve the %(count)s open comment(s) before finalising.") % {
        "count": facts.open_comments
    }


def _open_proposals(facts: Facts) -> str:
    return ngettext(
        "Accept or decline the %(count)s open correction proposal first.",
        "Accept or decline the %(count)s open correction proposals first.",
        facts.open_proposals,
    ) % {"count": facts.open_proposals}


def _privacy(facts: Facts) -> str:
    return ngettext(
        "%(count)s piece of text looks like personal data. Remove it, or record why "
        "it is not personal data, before finalising.",
        "%(count)s pieces of text look like personal data. Remove them, or record why "
        "they are not personal data, before finalising.",
        facts.privacy_flags,
    ) % {"count": facts.privacy_flags}


def _assessments(facts: Facts) -> str:
    # What is open per theme follows as the check's details, each linked to its section.
    return _(
        "Not every assessment has been made. Assess what is open at the end of its theme "
        "page, or mark it “not assessed” with the reason:"
    )


# The one table of what each step checks. Blocks of finalising: open comments, open
# correction proposals, personal data that is not cleared and missing assessments (issue 19:
# assessed, or consciously marked "niet beoordeeld" with a reason). The rest warns.
RULES: tuple[Rule, ...] = (
    Rule("onbeantwoord", lambda f: f.progress.total.open > 0, _unanswered,
         {"submit": False, "put_forward": False, "finalise": False}),
    Rule("opmerkingen", lambda f: f.open_comments > 0, _open_comments,
         {"put_forward": True, "finalise": True}),
    Rule("voorstellen", lambda f: f.open_proposals > 0, _open_proposals,
         {"put_forward": True, "finalise": True}),
    Rule("privacy", lambda f: f.privacy_flags > 0, _privacy,
         {"submit": False, "put_forward": True, "finalise": True}),
    Rule("beoordelingen", lambda f: bool(f.maturity_missing or f.criteria_missing),
         _assessments, {"put_forward": False, "finalise": True},
         lambda f: f.assessment_gaps),
)  # fmt: skip

STEPS_CONFIRMED = frozenset(step for rule in RULES for step in rule.steps)


@dataclass
class Readiness:
    step: str
    facts: Facts
    checks: list[Check] = field(default_factory=list)

    @property
    def blocks(self) -> list[Check]:
        return [check for check in self.checks if check.blocks]

    @property
    def warnings(self) -> list[Check]:
        return [check for check in self.checks if not check.blocks]

    @property
    def ok(self) -> bool:
        return not self.blocks


def report_facts(*, report: Report) -> Facts:
    """Read what the checks look at (a few queries; the privacy guard scans the texts)."""
    assessments = report_assessments(report=report)
    return Facts(
        progress=report_progress(report=report),
        open_comments=report.comments.filter(resolved_at__isnull=True).count(),
        open_proposals=report.proposals.filter(status=ProposalStatus.OPEN).count(),
        privacy_flags=len(report_uncleared_hits(report=report)),
        maturity_missing=sum(1 for a in assessments if a.maturity_missing),
        criteria_missing=sum(a.criteria_missing for a in assessments),
        assessment_gaps=tuple(
            Detail(_gap_text(a), _assessment_url(report, a.theme.key))
            for a in assessments
            if not a.complete
        ),
    )


def _assessment_url(report: Report, theme_key: str) -> str:
    """The theme page's section "Beoordeling van dit thema"."""
    return reverse("reports:theme", args=[report.pk, theme_key]) + "#beoordeling"


def _gap_text(assessment: ThemeAssessment) -> str:
    theme = assessment.theme.short_title
    total = len(assessment.criteria)
    open_ = assessment.criteria_missing
    criteria = ngettext(
        "%(open)s of the %(total)s characteristic of the toetsingskader",
        "%(open)s of the %(total)s characteristics of the toetsingskader",
        total,
    ) % {"open": open_, "total": total}
    if assessment.maturity_missing and open_:
        return _("%(theme)s: the maturity and %(criteria)s") % {
            "theme": theme,
            "criteria": criteria,
        }
    if open_:
        return _("%(theme)s: %(criteria)s") % {"theme": theme, "criteria": criteria}
    return _("%(theme)s: the maturity") % {"theme": theme}


def report_readiness(*, report: Report, step: str) -> Readiness:
    """What stands between the report and `step`: blocks and warnings, from RULES."""
    facts = report_facts(report=report)
    readiness = Readiness(step=step, facts=facts)
    for rule in RULES:
        if step in rule.steps and rule.holds(facts):
            readiness.checks.append(
                Check(rule.code, rule.message(facts), rule.steps[step], rule.details(facts))
            )
    return readiness
