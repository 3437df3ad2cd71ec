"""Every state of the improvement cycle and every allowed move between states, in one table.

Three things have a state: an improvement point (Plan → Do → Check → Act), an action of a
point (Do), and a peer audit. Services look moves up in TRANSITIONS and nowhere else; a
move that is not in the table does not happen.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PointStatus(models.TextChoices):
    GEPLAND = "gepland", _("Planned")
    IN_UITVOERING = "in_uitvoering", _("In progress")
    GEEVALUEERD = "geevalueerd", _("Evaluated, awaiting decision")
    GEBORGD = "geborgd", _("Secured")
    GESTOPT = "gestopt", _("Stopped")


# Points that count towards the limit and can become overdue.
OPEN_POINT_STATUSES = (PointStatus.GEPLAND, PointStatus.IN_UITVOERING, PointStatus.GEEVALUEERD)
CLOSED_POINT_STATUSES = (PointStatus.GEBORGD, PointStatus.GESTOPT)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    BEZIG = "bezig", _("Under way")
    GEREED = "gereed", _("Done")
    VERVALLEN = "vervallen", _("Dropped")


class AuditStatus(models.TextChoices):
    UITGENODIGD = "uitgenodigd", _("Invited")
    LOPEND = "lopend", _("Under way")
    GECONCLUDEERD = "geconcludeerd", _("Concluded, awaiting response")
    AFGEROND = "afgerond", _("Finished")
    AFGEWEZEN = "afgewezen", _("Declined")
    INGETROKKEN = "ingetrokken", _("Withdrawn")


# While an audit has one of these states, the invited network's members are its auditors.
AUDIT_INVITED_STATUSES = (
    AuditStatus.UITGENODIGD,
    AuditStatus.LOPEND,
    AuditStatus.GECONCLUDEERD,
    AuditStatus.AFGEROND,
)
# An audit in one of these states blocks a second invitation for the same report and network.
AUDIT_ACTIVE_STATUSES = (AuditStatus.UITGENODIGD, AuditStatus.LOPEND, AuditStatus.GECONCLUDEERD)


class Machine(models.TextChoices):
    POINT = "point", _("Improvement point")
    ACTION = "action", _("Action")
    AUDIT = "audit", _("Peer audit")


@dataclass(frozen=True)
class Transition:
    machine: str
    name: str
    sources: tuple[str, ...]
    target: str
    label: Promise
    # Who makes the move: "network" (the network's people), "auditor" or "audited".
    actor: str = "network"


TRANSITIONS: tuple[Transition, ...] = (
    # Improvement point: Plan → Do → Check → Act.
    Transition(
        Machine.POINT,
        "start",
        (PointStatus.GEPLAND,),
        PointStatus.IN_UITVOERING,
        _("Start carrying out"),
    ),
    Transition(
        Machine.POINT,
        "evaluate",
        (PointStatus.GEPLAND, PointStatus.IN_UITVOERING),
        PointStatus.GEEVALUEERD,
        _("Record the evaluation"),
    ),
    Transition(
        Machine.POINT,
        "borgen",
        (PointStatus.GEEVALUEERD,),
        PointStatus.GEBORGD,
        _("Secure the result"),
    ),
    Transition(
        Machine.POINT,
        "bijstellen",
        (PointStatus.GEEVALUEERD,),
        PointStatus.GEPLAND,
        _("Adjust the plan"),
    ),
    Transition(
        Machine.POINT,
        "stoppen",
        (PointStatus.GEEVALUEERD,),
        PointStatus.GESTOPT,
        _("Stop"),
    ),
    # Action of a point (Do).
    Transition(Machine.ACTION, "begin", (ActionStatus.OPEN,), ActionStatus.BEZIG, _("Under way")),
    Transition(
        Machine.ACTION,
        "gereed",
        (ActionStatus.OPEN, ActionStatus.BEZIG),
        ActionStatus.GEREED,
        _("Done"),
    ),
    Transition(
        Machine.ACTION,
        "laten-vervallen",
        (ActionStatus.OPEN, ActionStatus.BEZIG),
        ActionStatus.VERVALLEN,
        _("Drop"),
    ),
    Transition(
        Machine.ACTION,
        "heropenen",
        (ActionStatus.GEREED, ActionStatus.VERVALLEN),
        ActionStatus.BEZIG,
        _("Reopen"),
    ),
    # Peer audit.
    Transition(
        Machine.AUDIT,
        "accept",
        (AuditStatus.UITGENODIGD,),
        AuditStatus.LOPEND,
        _("Accept the invitation"),
        "auditor",
    ),
    Transition(
        Machine.AUDIT,
        "decline",
        (AuditStatus.UITGENODIGD,),
        AuditStatus.AFGEWEZEN,
        _("Decline the invitation"),
        "auditor",
    ),
    Transition(
        Machine.AUDIT,
        "conclude",
        (AuditStatus.LOPEND,),
        AuditStatus.GECONCLUDEERD,
        _("Conclude the audit"),
        "auditor",
    ),
    Transition(
        Machine.AUDIT,
        "withdraw",
        (AuditStatus.UITGENODIGD, AuditStatus.LOPEND),
        AuditStatus.INGETROKKEN,
        _("Withdraw the invitation"),
        "audited",
    ),
    Transition(
        Machine.AUDIT,
        "respond",
        (AuditStatus.GECONCLUDEERD,),
        AuditStatus.AFGEROND,
        _("Respond and finish"),
        "audited",
    ),
)


def transition_for(machine: str, name: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.machine == machine and t.name == name), None)


def transitions_from(machine: str, status: str, *, actor: str | None = None) -> list[Transition]:
    """The moves possible from a state (optionally only those of one side)."""
    return [
        t
        for t in TRANSITIONS
        if t.machine == machine and status in t.sources and (actor is None or t.actor == actor)
    ]
