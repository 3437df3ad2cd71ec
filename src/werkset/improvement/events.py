"""What happens in the improvement cycle and in peer audits, as domain events (core/events.py):
emitted by the improvement services (services.py, swot_services.py, audit_services.py) inside
the transaction, delivered after the commit (ADR 14).
"""

from dataclasses import dataclass

from werkset.core.events import DomainEvent

# Improvement points (Plan → Do → Check → Act) ---------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ImprovementPointEvent(DomainEvent):
    point_id: int
    network_id: int


@dataclass(frozen=True, kw_only=True)
class ImprovementPointPlanned(ImprovementPointEvent):
    theme_key: str


@dataclass(frozen=True, kw_only=True)
class ImprovementPointStarted(ImprovementPointEvent):
    """Do: the point's actions are under way."""


@dataclass(frozen=True, kw_only=True)
class ImprovementPointEvaluated(ImprovementPointEvent):
    """Check: the half-yearly evaluation is recorded; a decision is awaited."""

    evaluation_id: int
    period: str
    outcome: str


@dataclass(frozen=True, kw_only=True)
class ImprovementPointDecided(ImprovementPointEvent):
    """Act: borgen, bijstellen or stoppen; `status` is the point's new state."""

    evaluation_id: int
    decision: str
    status: str


@dataclass(frozen=True, kw_only=True)
class ActionAdded(ImprovementPointEvent):
    action_id: int


@dataclass(frozen=True, kw_only=True)
class ActionStatusChanged(ImprovementPointEvent):
    action_id: int
    step: str
    from_status: str
    to_status: str


# SWOT --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SwotEntryAdded(DomainEvent):
    entry_id: int
    network_id: int
    quadrant: str


@dataclass(frozen=True, kw_only=True)
class SwotEntryRemoved(DomainEvent):
    entry_id: int
    network_id: int


# Peer audits -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PeerAuditEvent(DomainEvent):
    audit_id: int
    report_id: int
    audited_network_id: int
    auditor_network_id: int


@dataclass(frozen=True, kw_only=True)
class PeerAuditInvited(PeerAuditEvent):
    """A network invited another network to audit one of its finalised reports."""


@dataclass(frozen=True, kw_only=True)
class PeerAuditStatusChanged(PeerAuditEvent):
    """A move along the peer audit's workflow; the subclasses name which one."""

    from_status: str
    to_status: str


@dataclass(frozen=True, kw_only=True)
class PeerAuditAccepted(PeerAuditStatusChanged):
    pass


@dataclass(frozen=True, kw_only=True)
class PeerAuditDeclined(PeerAuditStatusChanged):
    pass


@dataclass(frozen=True, kw_only=True)
class PeerAuditWithdrawn(PeerAuditStatusChanged):
    pass


@dataclass(frozen=True, kw_only=True)
class PeerAuditConcluded(PeerAuditStatusChanged):
    """The auditors gave their verdict; the audited network may respond."""


@dataclass(frozen=True, kw_only=True)
class PeerAuditFinished(PeerAuditStatusChanged):
    """The audited network responded as a whole; the audit is part of the record."""


@dataclass(frozen=True, kw_only=True)
class FindingAdded(PeerAuditEvent):
    finding_id: int
    kind: str


@dataclass(frozen=True, kw_only=True)
class FindingAnswered(PeerAuditEvent):
    finding_id: int


# The event of each step of the peer audit's workflow (states.AUDIT_WORKFLOW).
AUDIT_STEP_EVENTS: dict[str, type[PeerAuditStatusChanged]] = {
    "accept": PeerAuditAccepted,
    "decline": PeerAuditDeclined,
    "withdraw": PeerAuditWithdrawn,
    "conclude": PeerAuditConcluded,
    "respond": PeerAuditFinished,
}
