"""From register to report (issue 24, item 4): the Actieoverleg's Uitvoeringsinspanningen
proposed from the register for a report's period. Which indicator each figure answers is a
data file (data/proposals.yaml); the content is built here, as the answer types store it, so
the rapporteur accepts it through the ordinary answer service (services.py) or changes it."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from werkset.regions.models import Region
from werkset.reports.answers import AnswerContent, content_of
from werkset.reports.models import Answer, Report

from .figures import RegisterFigures, period_bounds, register_figures
from .vocabulary import MeetingForm, proposal_rules


@dataclass(frozen=True)
class Proposal:
    figure: str
    answer: Answer
    content: AnswerContent

    @property
    def accepted(self) -> bool:
        """Whether the answer says what the register proposes."""
        stored = content_of(self.answer)
        return (stored.choice, stored.explanation, stored.figures) == (
            self.content.choice,
            self.content.explanation,
            self.content.figures,
        )


@dataclass(frozen=True)
class RegisterSection:
    """The theme page's block "Proposed from the Actieoverleg register"."""

    figures: RegisterFigures
    proposals: list[Proposal]


def report_regions(report: Report) -> list[Region]:
    """Whose register a report reads: its region's, or every region of a network's report."""
    if report.region is not None:
        return [report.region]
    return list(Region.objects.filter(network_id=report.network_id).order_by("position"))


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _summary(figures: RegisterFigures) -> str:
    parts = [
        _("From the Actieoverleg register: %(meetings)d meetings from %(start)s to %(end)s")
        % {
            "meetings": figures.meetings,
            "start": date_format(figures.start, "j F Y"),
            "end": date_format(figures.end, "j F Y"),
        }
    ]
    if figures.median_days is not None:
        parts.append(
            _("%(cases)d cases, median %(days)s days from melding to discussion")
            % {"cases": figures.cases, "days": _number(figures.median_days)}
        )
    if figures.on_time_share is not None:
        parts.append(
            _("%(share)d%% of the %(due)d actions due carried out on time")
            % {"share": figures.on_time_share, "due": figures.actions_due}
        )
    return "; ".join(parts) + "."


def _attendance(figures: RegisterFigures, options: Sequence[str]) -> AnswerContent:
    core = [row for row in figures.attendance if row.organisation.core_partner]
    if core and all(row.present == row.meetings for row in core):
        choice = "ja"
    elif core and all(row.present for row in core):
        choice = "deels"
    else:
        choice = "nee"
    present = {row.organisation.code for row in figures.attendance if row.present}
    keys = [key for key in options if key in present]
    if present - set(options):
        keys.append("anders")
    lines = ", ".join(
        _("%(partner)s %(present)d of %(meetings)d (%(share)d%%)")
        % {
            "partner": row.organisation.short_name,
            "present": row.present,
            "meetings": row.meetings,
            "share": row.share,
        }
        for row in figures.attendance
    )
    return AnswerContent(
        choice=choice,
        explanation=_("Attendance per partner in the Actieoverleg register: %(lines)s.")
        % {"lines": lines},
        figures={"organisaties": keys} if keys else {},
    )


def proposal_contents(*, figures: RegisterFigures, version_slug: str) -> dict[str, AnswerContent]:
    """The proposed answer per indicator key of a catalogue version (none without meetings)."""
    rules = proposal_rules()
    mapping: dict[str, str] = rules["versions"].get(version_slug, {})
    if not figures.meetings:
        return {}
    months = (
        (figures.end.year - figures.start.year) * 12 + figures.end.month - figures.start.month + 1
    )
    contents: dict[str, AnswerContent] = {}
    if key := mapping.get("frequentie"):
        contents[key] = AnswerContent(
            explanation=_summary(figures),
            figures={
                "frequentie": {"aantal": round(figures.meetings * 12 / months), "per": "jaar"}
            },
        )
    if key := mapping.get("vorm"):
        counts = ", ".join(
            f"{label.lower()} {figures.forms.get(value, 0)}" for value, label in MeetingForm.choices
        )
        contents[key] = AnswerContent(
            choice=figures.most_held_form,
            explanation=_("Meetings per form in the Actieoverleg register: %(counts)s.")
            % {"counts": counts},
        )
    if key := mapping.get("aanwezigheid"):
        contents[key] = _attendance(figures, rules["partner_options"])
    if (key := mapping.get("dagen")) and figures.median_days is not None:
        limits = rules["days_judgement"]
        median = figures.median_days
        choice = "ja" if median <= limits["ja"] else "deels" if median <= limits["deels"] else "nee"
        contents[key] = AnswerContent(
            choice=choice,
            explanation=_(
                "Median %(days)s days from melding to discussion over %(cases)d cases "
                "(Actieoverleg register)."
            )
            % {"days": _number(median), "cases": figures.cases},
        )
    return contents


def report_register_figures(report: Report) -> RegisterFigures:
    start, end = period_bounds(report.period)
    return register_figures(regions=report_regions(report), start=start, end=end)


def register_proposals(*, report: Report) -> RegisterSection:
    """The register's figures for the report's period and the proposals built from them."""
    figures = report_register_figures(report)
    contents = proposal_contents(figures=figures, version_slug=report.catalogue_version.slug)
    figure_of = {
        key: figure
        for figure, key in proposal_rules()["versions"]
        .get(report.catalogue_version.slug, {})
        .items()
    }
    answers = Answer.objects.filter(report=report, indicator__key__in=contents).select_related(
        "indicator"
    )
    proposals = [
        Proposal(figure=figure_of[a.indicator.key], answer=a, content=contents[a.indicator.key])
        for a in answers
    ]
    proposals.sort(key=lambda p: list(contents).index(p.answer.indicator.key))
    return RegisterSection(figures=figures, proposals=proposals)


def register_section(*, report: Report, theme_key: str, may_edit: bool) -> RegisterSection | None:
    """The block on the theme page: for the Actieoverleg theme, to the report's writers."""
    if not may_edit or theme_key != proposal_rules()["theme"]:
        return None
    return register_proposals(report=report)
