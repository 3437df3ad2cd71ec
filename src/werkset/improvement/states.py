"""Every state of the improvement cycle and every allowed move between states, in one table.

Three things have a state: an improvement point (Plan → Do → Check → Act), an action of a
point (Do), and a peer audit. Each has a core.workflow.Workflow in TRANSITIONS (the same shape
as the report's, ADR 14); services look moves up there and nowhere else; a move that is not
in the table does not happen.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.workflow import Transition, Workflow


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


# Who makes a move (Transition.who): the network's people, or one side of a peer audit.
NETWORK = "network"
AUDITOR = "auditor"
AUDITED = "audited"

POINT_WORKFLOW = Workflow(
    Machine.POINT,
    (
        # Plan → Do → Check → Act.
        Transition(
            "start",
            (PointStatus.GEPLAND,),
            PointStatus.IN_UITVOERING,
            _("Start carrying out"),
            NETWORK,
        ),
        Transition(
            "evaluate",
            (PointStatus.GEPLAND, PointStatus.IN_UITVOERING),
            PointStatus.GEEVALUEERD,
            _("Record the evaluation"),
            NETWORK,
        ),
        Transition(
            "borgen",
            (PointStatus.GEEVALUEERD,),
            PointStatus.GEBORGD,
            _("Secure the result"),
            NETWORK,
        ),
        Transition(
            "bijstellen",
            (PointStatus.GEEVALUEERD,),
            PointStatus.GEPLAND,
            _("Adjust the plan"),
            NETWORK,
        ),
        Transition("stoppen", (PointStatus.GEEVALUEERD,), PointStatus.GESTOPT, _("Stop"), NETWORK),
    ),
)

ACTION_WORKFLOW = Workflow(
    Machine.ACTION,
    (
        Transition("begin", (ActionStatus.OPEN,), ActionStatus.BEZIG, _("Under way"), NETWORK),
        Transition(
            "gereed",
            (ActionStatus.OPEN, ActionStatus.BEZIG),
            ActionStatus.GEREED,
            _("Done"),
            NETWORK,
        ),
        Transition(
            "laten-vervallen",
            (ActionStatus.OPEN, ActionStatus.BEZIG),
            ActionStatus.VERVALLEN,
            _("Drop"),
            NETWORK,
        ),
        Transition(
            "heropenen",
            (ActionStatus.GEREED, ActionStatus.VERVALLEN),
            ActionStatus.BEZIG,
            _("Reopen"),
            NETWORK,
        ),
    ),
)

AUDIT_WORKFLOW = Workflow(
    Machine.AUDIT,
    (
        Transition(
            "accept",
            (AuditStatus.UITGENODIGD,),
            AuditStatus.LOPEND,
            _("Accept the invitation"),
            AUDITOR,
        ),
        Transition(
            "decline",
            (AuditStatus.UITGENODIGD,),
            AuditStatus.AFGEWEZEN,
            _("Decline the invitation"),
            AUDITOR,
        ),
        Transition(
            "conclude",
            (AuditStatus.LOPEND,),
            AuditStatus.GECONCLUDEERD,
            _("Conclude the audit"),
            AUDITOR,
        ),
        Transition(
            "withdraw",
            (AuditStatus.UITGENODIGD, AuditStatus.LOPEND),
            AuditStatus.INGETROKKEN,
            _("Withdraw the invitation"),
            AUDITED,
        ),
        Transition(
            "respond",
            (AuditStatus.GECONCLUDEERD,),
            AuditStatus.AFGEROND,
            _("Respond and finish"),
            AUDITED,
        ),
    ),
)

TRANSITIONS: dict[str, Workflow] = {
    Machine.POINT: POINT_WORKFLOW,
    Machine.ACTION: ACTION_WORKFLOW,
    Machine.AUDIT: AUDIT_WORKFLOW,
}


def transition_for(machine: str, name: str) -> Transition | None:
    return TRANSITIONS[machine].get(name)


def transitions_from(machine: str, status: str, *, who: str | None = None) -> list[Transition]:
    """The moves possible from a state (optionally only those of one side)."""
    return TRANSITIONS[machine].allowed_from(status, who=who)
