"""What happens in the Actieoverleg register, as domain events (core/events.py, ADR 14):
emitted by register/services.py inside the transaction, delivered after the commit."""

from dataclasses import dataclass

from werkset.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class RegisterEvent(DomainEvent):
    region_id: int
    meeting_id: int


@dataclass(frozen=True, kw_only=True)
class MeetingRecorded(RegisterEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class CaseRecorded(RegisterEvent):
    case_id: int


@dataclass(frozen=True, kw_only=True)
class ActionAgreed(RegisterEvent):
    action_id: int
    due_on: str


@dataclass(frozen=True, kw_only=True)
class ActionCarriedOut(RegisterEvent):
    action_id: int
    on_time: bool
