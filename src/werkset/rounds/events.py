"""What happens to a reporting round, as domain events (core/events.py, ADR 14): emitted by
rounds/services.py inside the transaction, delivered after the commit."""

from dataclasses import dataclass
from datetime import date

from werkset.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class RoundEvent(DomainEvent):
    """Anything that happened to one round (subscribe to this to hear them all)."""

    round_id: int
    period: str


@dataclass(frozen=True, kw_only=True)
class RoundOpened(RoundEvent):
    catalogue_version_id: int
    deadline: date


@dataclass(frozen=True, kw_only=True)
class RoundClosed(RoundEvent):
    """No report starts in the round any more; reports in it go on."""


@dataclass(frozen=True, kw_only=True)
class RoundReopened(RoundEvent):
    """A closed round is open again."""


@dataclass(frozen=True, kw_only=True)
class RoundDeadlineChanged(RoundEvent):
    before: date
    deadline: date
