"""What the improvement services share: the refusal they raise, how free text is taken in,
how a state move is checked against the workflows in states.py, who may change a network's
cycle, and the audit trail entry of a change to the cycle."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.core.workflow import StepRefused
from werkset.regions.models import RegionalNetwork
from werkset.reports.answers import clean_text

from .rules import can_work_in_network
from .states import TRANSITIONS, Transition

TEXT_MAX = 5000


class ImprovementError(Exception):
    """A request that does not fit the cycle's state or rules; the message says why, in Dutch."""


def checked_text(value: str, *, required: str | None = None, limit: int = TEXT_MAX) -> str:
    """Free text as stored; `required` is the Dutch message when it may not be empty."""
    cleaned = clean_text(value or "")
    if required is not None and not cleaned:
        raise ImprovementError(required)
    if len(cleaned) > limit:
        raise ImprovementError(
            _("Keep it to %(limit)s characters at most (now %(length)s).")
            % {"limit": limit, "length": len(cleaned)}
        )
    return cleaned


def checked_move(machine: str, name: str, status: str) -> Transition:
    """The transition from TRANSITIONS, or a Dutch refusal if it is not allowed now."""
    workflow = TRANSITIONS[machine]
    try:
        return workflow.move(name, status)
    except StepRefused:
        if workflow.get(name) is None:
            raise ImprovementError(_("Unknown step.")) from None
        raise ImprovementError(_("This step is not possible in the current state.")) from None


def require_network_worker(network: RegionalNetwork, user: User) -> None:
    if not can_work_in_network(scope_for_user(user), network):
        raise PermissionDenied(_("Only the people of this regional network may change its cycle."))


def audit_improvement(user: User, target: Any, summary: str, **detail: Any) -> None:
    audit_record(
        actor=user,
        action=AuditAction.IMPROVEMENT_CHANGED,
        target=target,
        summary=summary,
        detail=detail,
    )
