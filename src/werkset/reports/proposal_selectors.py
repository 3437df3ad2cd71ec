"""Reading a report's correction proposals (ADR 21): each with the current answer and the
proposed one as a reader sees them (reports/differences.py's lines), in a fixed number of
queries."""

from dataclasses import dataclass

from werkset.catalogue.models import Indicator
from werkset.catalogue.structure import catalogue_structure

from .answers import AnswerContent, content_of
from .differences import Line, answer_lines, answer_words
from .models import CorrectionProposal, ProposalStatus, Report


@dataclass(frozen=True)
class ProposalView:
    proposal: CorrectionProposal
    indicator: Indicator
    theme_key: str
    place: str
    current: tuple[Line, ...]
    proposed: tuple[Line, ...]
    # The answer's revision now: what the writer decides on (proposal_accept's seen_revision).
    answer_revision: int

    @property
    def changed_since(self) -> bool:
        """The answer changed after the proposal was made (the page says so)."""
        return self.proposal.is_open and self.answer_revision != self.proposal.base_revision


@dataclass(frozen=True)
class ReportProposals:
    open: list[ProposalView]
    decided: list[ProposalView]


def report_proposals(*, report: Report) -> ReportProposals:
    """The report's proposals, open and decided, oldest first (one query, three with
    proposals)."""
    found = ReportProposals(open=[], decided=[])
    proposals = list(
        CorrectionProposal.objects.filter(report=report)
        .select_related("answer", "region")
        .order_by("created_at", "id")
    )
    if not proposals:
        return found
    structure = catalogue_structure(version=report.catalogue_version)
    themes = {theme.pk: theme for theme in structure.themes}
    words = answer_words(network_id=report.network_id)
    for proposal in proposals:
        indicator = structure.indicator_by_id[proposal.answer.indicator_id]
        place = f"{themes[indicator.theme_id].short_title} · {indicator.label}"
        if proposal.region is not None:
            place = f"{place} · {proposal.region.name}"
        view = ProposalView(
            proposal=proposal,
            indicator=indicator,
            theme_key=themes[indicator.theme_id].key,
            place=place,
            current=tuple(answer_lines(indicator, content_of(proposal.answer), words)),
            proposed=tuple(
                answer_lines(indicator, AnswerContent.from_dict(proposal.content), words)
            ),
            answer_revision=proposal.answer.revision,
        )
        (found.open if proposal.status == ProposalStatus.OPEN else found.decided).append(view)
    return found
