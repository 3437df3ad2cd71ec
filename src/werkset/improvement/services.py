"""Every write to the improvement cycle (plan, do, check, act): keyword-only, atomic, the
rows whose state changes locked, checked against the user's scope (rules.py), audited, and
their domain event (events.py) emitted, delivered after the commit. State moves follow the
workflows in states.py (core.workflow, ADR 14). The SWOT is in swot_services.py, peer audits
in audit_services.py; what they share in service_common.py.

The limit of three open points per network and theme cannot be a database constraint (it
counts rows), so point creation locks the network's row first: two people adding a point at
the same moment are served one after the other, and the second sees the first one's point.
"""

import datetime
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Indicator, Theme
from werkset.core.events import emit
from werkset.regions.models import RegionalNetwork

from .events import (
    ActionAdded,
    ActionStatusChanged,
    ImprovementPointDecided,
    ImprovementPointEvaluated,
    ImprovementPointEvent,
    ImprovementPointPlanned,
    ImprovementPointStarted,
)
from .models import Action, Evaluation, Finding, ImprovementPoint, SwotEntry
from .selectors import indicator_figures, network_members
from .service_common import (
    ImprovementError,
    audit_improvement,
    checked_move,
    checked_text,
    require_network_worker,
)
from .states import OPEN_POINT_STATUSES, AuditStatus, Machine
from .vocabulary import (
    MAX_OPEN_POINTS,
    BuildingBlock,
    Decision,
    FindingKind,
    Outcome,
    theme_needs_building_block,
)

HALF_YEAR = re.compile(r"^20\d{2}-H[12]$")
TITLE_MAX = 200
ACTION_MAX = 300
WHO_MAX = 200


def _locked_point(point: ImprovementPoint) -> ImprovementPoint:
    return (
        ImprovementPoint.objects.select_for_update()
        .select_related("network", "theme", "indicator")
        .get(pk=point.pk)
    )


def _emit_point(
    event: type[ImprovementPointEvent], user: User, point: ImprovementPoint, **values: Any
) -> None:
    emit(event(actor_id=user.pk, point_id=point.pk, network_id=point.network_id, **values))


# Plan ---------------------------------------------------------------------------------


def improvement_point_create(
    *,
    network: RegionalNetwork,
    theme: Theme,
    title: str,
    owner: User | None,
    target_date: datetime.date | None,
    indicator: Indicator | None,
    user: User,
    building_block: str = "",
    description: str = "",
    swot_entry: SwotEntry | None = None,
    finding: Finding | None = None,
    today: datetime.date | None = None,
) -> ImprovementPoint:
    """Plan a point: at most MAX_OPEN_POINTS open per network and theme; for the Actieoverleg
    tied to a building block; with an owner of the network, a target date and an indicator."""
    require_network_worker(network, user)
    today = today or timezone.localdate()
    title = checked_text(title, required=_("Give the improvement point a title."), limit=TITLE_MAX)
    description = checked_text(description)
    if theme_needs_building_block(theme.key):
        if building_block not in BuildingBlock.values:
            raise ImprovementError(
                _(
                    "Choose the building block of the Actieoverleg this point is about: "
                    "intake, participants, discussion or follow-up."
                )
            )
    elif building_block:
        raise ImprovementError(_("Building blocks belong to the Actieoverleg theme only."))
    if owner is None:
        raise ImprovementError(_("Choose the owner of the improvement point."))
    if target_date is None:
        raise ImprovementError(_("Enter a target date."))
    if target_date < today:
        raise ImprovementError(_("The target date lies in the past; choose a later date."))
    if indicator is None:
        raise ImprovementError(_("Choose the indicator that should show the effect."))
    if indicator.theme_id != theme.pk:
        raise ImprovementError(_("Choose an indicator of this theme."))
    if swot_entry is not None and (
        swot_entry.network_id != network.pk or swot_entry.theme.key != theme.key
    ):
        raise ImprovementError(_("This SWOT entry belongs to another network or theme."))
    if finding is not None:
        _check_finding_for_point(finding, network=network, theme=theme)
    with transaction.atomic():
        locked = RegionalNetwork.objects.select_for_update().get(pk=network.pk)
        require_network_worker(locked, user)
        if not network_members(network=locked).filter(pk=owner.pk).exists():
            raise ImprovementError(_("The owner must be a member of this regional network."))
        open_count = ImprovementPoint.objects.filter(
            network=locked, theme__key=theme.key, status__in=OPEN_POINT_STATUSES
        ).count()
        if open_count >= MAX_OPEN_POINTS:
            raise ImprovementError(
                _(
                    "This network already has %(count)s open improvement points for "
                    "%(theme)s. Finish one first (secure or stop it): at most %(max)s at a time."
                )
                % {"count": open_count, "theme": theme.short_title, "max": MAX_OPEN_POINTS}
            )
        point = ImprovementPoint.objects.create(
            network=locked,
            theme=theme,
            building_block=building_block,
            title=title,
            description=description,
            owner=owner,
            target_date=target_date,
            indicator=indicator,
            swot_entry=swot_entry,
            finding=finding,
            created_by=user,
        )
        audit_improvement(
            user,
            point,
            _("Improvement point planned: %(title)s") % {"title": title},
            network=locked.code,
            theme=theme.key,
            swot_entry=swot_entry.pk if swot_entry else None,
            finding=finding.pk if finding else None,
        )
        _emit_point(ImprovementPointPlanned, user, point, theme_key=theme.key)
    return point


def _check_finding_for_point(finding: Finding, *, network: RegionalNetwork, theme: Theme) -> None:
    audit = finding.audit
    if audit.audited_network_id != network.pk:
        raise ImprovementError(_("This finding is about another network's report."))
    if audit.status not in (AuditStatus.GECONCLUDEERD, AuditStatus.AFGEROND):
        raise ImprovementError(
            _("A finding becomes an improvement point once the audit is concluded.")
        )
    if finding.kind == FindingKind.STERKTE:
        raise ImprovementError(_("A strength is kept, not improved: choose a point or a question."))
    if finding.theme.key != theme.key:
        raise ImprovementError(_("This finding is about another theme."))


def improvement_point_start(*, point: ImprovementPoint, user: User) -> ImprovementPoint:
    """Do: the point's actions are under way."""
    with transaction.atomic():
        locked = _locked_point(point)
        require_network_worker(locked.network, user)
        transition = checked_move(Machine.POINT, "start", locked.status)
        locked.status = transition.target
        locked.save(update_fields=["status"])
        audit_improvement(
            user, locked, _("Improvement point started: %(title)s") % {"title": locked.title}
        )
        _emit_point(ImprovementPointStarted, user, locked)
    return locked


# Do -----------------------------------------------------------------------------------


def action_add(
    *,
    point: ImprovementPoint,
    description: str,
    user: User,
    who: str = "",
    due_date: datetime.date | None = None,
) -> Action:
    """Agree who does what for an open point."""
    description = checked_text(description, required=_("Describe the action."), limit=ACTION_MAX)
    who = checked_text(who, limit=WHO_MAX)
    with transaction.atomic():
        locked = _locked_point(point)
        require_network_worker(locked.network, user)
        if not locked.is_open:
            raise ImprovementError(_("This improvement point is closed; it gets no new actions."))
        action = Action.objects.create(
            point=locked, description=description, who=who, due_date=due_date, updated_by=user
        )
        audit_improvement(
            user, action, _("Action added to %(title)s") % {"title": locked.title}, point=locked.pk
        )
        _emit_point(ActionAdded, user, locked, action_id=action.pk)
    return action


def action_transition(*, action: Action, name: str, user: User) -> Action:
    with transaction.atomic():
        locked_point = _locked_point(action.point)
        require_network_worker(locked_point.network, user)
        if not locked_point.is_open:
            raise ImprovementError(
                _("This improvement point is closed; its actions stay as they are.")
            )
        locked = Action.objects.select_for_update().get(pk=action.pk)
        transition = checked_move(Machine.ACTION, name, locked.status)
        previous = locked.status
        locked.status = transition.target
        locked.updated_by = user
        locked.save(update_fields=["status", "updated_by", "updated_at"])
        audit_improvement(
            user,
            locked,
            _("Action %(action)s: %(from)s → %(to)s")
            % {"action": locked.description[:80], "from": previous, "to": locked.status},
            point=locked_point.pk,
        )
        _emit_point(
            ActionStatusChanged,
            user,
            locked_point,
            action_id=locked.pk,
            step=transition.name,
            from_status=previous,
            to_status=locked.status,
        )
    return locked


# Check --------------------------------------------------------------------------------


def evaluation_record(
    *,
    point: ImprovementPoint,
    period: str,
    outcome: str,
    explanation: str,
    user: User,
) -> Evaluation:
    """The half-yearly check of a point against its plan, with the figures of the network's
    reports for its indicator as they are now (kept with the evaluation)."""
    period = (period or "").strip().upper()
    if not HALF_YEAR.match(period):
        raise ImprovementError(_("Enter a half year, for example 2025-H2."))
    if outcome not in Outcome.values:
        raise ImprovementError(_("Choose whether the point was achieved, partly or not."))
    explanation = checked_text(
        explanation, required=_("Describe the outcome against what the plan aimed for.")
    )
    with transaction.atomic():
        locked = _locked_point(point)
        require_network_worker(locked.network, user)
        if locked.evaluations.filter(decision="").exists():
            raise ImprovementError(_("Decide on the previous evaluation first."))
        transition = checked_move(Machine.POINT, "evaluate", locked.status)
        if locked.evaluations.filter(period=period).exists():
            raise ImprovementError(
                _("This point already has an evaluation for %(period)s.") % {"period": period}
            )
        figures = [
            row.as_snapshot()
            for row in indicator_figures(
                scope=scope_for_user(user), network=locked.network, indicator=locked.indicator
            )
        ]
        evaluation = Evaluation.objects.create(
            point=locked,
            period=period,
            outcome=outcome,
            explanation=explanation,
            figures=figures,
            created_by=user,
        )
        locked.status = transition.target
        locked.save(update_fields=["status"])
        audit_improvement(
            user,
            evaluation,
            _("Evaluation %(period)s of %(title)s: %(outcome)s")
            % {"period": period, "title": locked.title, "outcome": outcome},
            point=locked.pk,
        )
        _emit_point(
            ImprovementPointEvaluated,
            user,
            locked,
            evaluation_id=evaluation.pk,
            period=period,
            outcome=outcome,
        )
    return evaluation


# Act ----------------------------------------------------------------------------------


def decision_record(
    *,
    point: ImprovementPoint,
    decision: str,
    user: User,
    note: str = "",
    new_target_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> ImprovementPoint:
    """Act on the latest evaluation: borgen (closed, secured), bijstellen (planned again with
    a new target date) or stoppen (closed)."""
    today = today or timezone.localdate()
    if decision not in Decision.values:
        raise ImprovementError(_("Choose a decision: secure, adjust or stop."))
    required = {
        Decision.BIJSTELLEN: _("Explain how the plan is adjusted."),
        Decision.STOPPEN: _("Explain why the point stops."),
    }.get(Decision(decision))
    note = checked_text(note, required=str(required) if required else None)
    if decision == Decision.BIJSTELLEN:
        if new_target_date is None:
            raise ImprovementError(_("Enter the new target date of the adjusted plan."))
        if new_target_date < today:
            raise ImprovementError(_("The target date lies in the past; choose a later date."))
    with transaction.atomic():
        locked = _locked_point(point)
        require_network_worker(locked.network, user)
        transition = checked_move(Machine.POINT, decision, locked.status)
        evaluation = (
            Evaluation.objects.select_for_update()
            .filter(point=locked, decision="")
            .order_by("-period", "-id")
            .first()
        )
        if evaluation is None:
            raise ImprovementError(_("Record the evaluation first; the decision follows from it."))
        now = timezone.now()
        evaluation.decision = decision
        evaluation.decision_note = note
        evaluation.decided_at = now
        evaluation.decided_by = user
        evaluation.save(update_fields=["decision", "decision_note", "decided_at", "decided_by"])
        locked.status = transition.target
        fields = ["status"]
        if decision == Decision.BIJSTELLEN:
            locked.target_date = new_target_date  # type: ignore[assignment]
            fields.append("target_date")
        else:
            locked.closed_at = now
            fields.append("closed_at")
        locked.save(update_fields=fields)
        audit_improvement(
            user,
            locked,
            _("Decision on %(title)s: %(decision)s")
            % {"title": locked.title, "decision": decision},
            evaluation=evaluation.pk,
        )
        _emit_point(
            ImprovementPointDecided,
            user,
            locked,
            evaluation_id=evaluation.pk,
            decision=decision,
            status=locked.status,
        )
    return locked
