"""What happens to a report, as domain events (core/events.py): emitted by reports/services.py
inside the transaction, delivered to receivers after the commit (ADR 14).

Events carry ids and plain values; a receiver reads the rest after the commit.
"""

from dataclasses import dataclass

from werkset.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ReportEvent(DomainEvent):
    """Anything that happened to one report (subscribe to this to hear them all)."""

    report_id: int


@dataclass(frozen=True, kw_only=True)
class ReportStarted(ReportEvent):
    network_id: int
    region_id: int | None  # None: the network's own report
    period: str
    started_from_id: int | None


@dataclass(frozen=True, kw_only=True)
class ReportStatusChanged(ReportEvent):
    """A move along the report's workflow; the subclasses name which one."""

    from_status: str
    to_status: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ReportSubmitted(ReportStatusChanged):
    """Concept → under discussion: the network may comment."""


@dataclass(frozen=True, kw_only=True)
class ReportReturned(ReportStatusChanged):
    """Under discussion → back to concept."""


@dataclass(frozen=True, kw_only=True)
class ReportPutForward(ReportStatusChanged):
    """Under discussion → put to the network for its decision (voorgelegd)."""


@dataclass(frozen=True, kw_only=True)
class ReportTakenBack(ReportStatusChanged):
    """Put forward → back under discussion, by the rapporteur."""


@dataclass(frozen=True, kw_only=True)
class ReportSentBack(ReportStatusChanged):
    """Put forward → back under discussion, by the network's chair or secretary, with the
    reasons in `note`."""


@dataclass(frozen=True, kw_only=True)
class ReportFinalised(ReportStatusChanged):
    """Put forward → finalised (vastgesteld) by the network's decision: the report no
    longer changes."""


@dataclass(frozen=True, kw_only=True)
class ReportWithdrawn(ReportStatusChanged):
    """Finalised → withdrawn by the national role, with the reason in `note`; it leaves
    every comparison. `also_withdrawn_ids`: the earlier versions withdrawn with it."""

    also_withdrawn_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReportCorrected(ReportEvent):
    """A new version (`report_id`) of a finalised report (`corrects_id`) was started, for
    `reason`."""

    corrects_id: int
    number: int
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class ReportRemoved(ReportEvent):
    """A concept was removed by its rapporteur: kept, restorable, until it is purged."""


@dataclass(frozen=True, kw_only=True)
class ReportRestored(ReportEvent):
    """A removed concept was put back by its rapporteur."""


@dataclass(frozen=True, kw_only=True)
class ReportPurged(ReportEvent):
    """A concept removed long enough ago was deleted for good (the id no longer exists)."""

    network_id: int
    region_id: int | None
    period: str


@dataclass(frozen=True, kw_only=True)
class CommentAdded(ReportEvent):
    comment_id: int
    kind: str


@dataclass(frozen=True, kw_only=True)
class CommentResolved(ReportEvent):
    comment_id: int


@dataclass(frozen=True, kw_only=True)
class ProposalEvent(ReportEvent):
    """Something happened to a correction proposal on one of the report's answers."""

    proposal_id: int
    answer_id: int


@dataclass(frozen=True, kw_only=True)
class ProposalMade(ProposalEvent):
    """A network member proposed a new value for an answer."""


@dataclass(frozen=True, kw_only=True)
class ProposalAccepted(ProposalEvent):
    """The rapporteur accepted a proposal: the answer now holds the proposed value."""

    proposed_by_id: int | None


@dataclass(frozen=True, kw_only=True)
class ProposalDeclined(ProposalEvent):
    """The rapporteur declined a proposal, with a reason (read it from the proposal)."""

    proposed_by_id: int | None


# The event of each step of the report's workflow (reports/workflow.py: TRANSITIONS).
STEP_EVENTS: dict[str, type[ReportStatusChanged]] = {
    "submit": ReportSubmitted,
    "reopen": ReportReturned,
    "put_forward": ReportPutForward,
    "take_back": ReportTakenBack,
    "send_back": ReportSentBack,
    "finalise": ReportFinalised,
    "withdraw": ReportWithdrawn,
}
