"""Every write to the improvement cycle and to peer audits: keyword-only, atomic, the rows
whose state changes locked, checked against the user's scope (rules.py), audited, and their
domain event (events.py) emitted, delivered after the commit. State moves follow the
workflows in states.py (core.workflow, ADR 14).

The limit of three open points per network and theme cannot be a database constraint (it
counts rows), so point creation locks the network's row first: two people adding a point at
the same moment are served one after the other, and the second sees the first one's point.
"""

import datetime
import re
from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Indicator, Theme
from werkset.core.events import emit
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.core.workflow import StepRefused
from werkset.regions.models import RegionalNetwork
from werkset.reports.answers import clean_text
from werkset.reports.models import Report, ReportStatus

from .events import (
    AUDIT_STEP_EVENTS,
    ActionAdded,
    ActionStatusChanged,
    FindingAdded,
    FindingAnswered,
    ImprovementPointDecided,
    ImprovementPointEvaluated,
    ImprovementPointEvent,
    ImprovementPointPlanned,
    ImprovementPointStarted,
    PeerAuditInvited,
    SwotEntryAdded,
    SwotEntryRemoved,
)
from .models import Action, Evaluation, Finding, ImprovementPoint, PeerAudit, SwotEntry
from .rules import can_work_in_network, is_audited, is_auditor
from .selectors import indicator_figures, network_members
from .states import (
    AUDIT_ACTIVE_STATUSES,
    OPEN_POINT_STATUSES,
    TRANSITIONS,
    AuditStatus,
    Machine,
    Transition,
)
from .vocabulary import (
    MAX_OPEN_POINTS,
    BuildingBlock,
    Decision,
    FindingKind,
    Outcome,
    Quadrant,
    theme_needs_building_block,
)

HALF_YEAR = re.compile(r"^20\d{2}-H[12]$")
TITLE_MAX = 200
ACTION_MAX = 300
WHO_MAX = 200
TEXT_MAX = 5000
VERDICT_MAX = 2000


class ImprovementError(Exception):
    """A request that does not fit the cycle's state or rules; the message says why, in Dutch."""


def _text(value: str, *, required: str | None = None, limit: int = TEXT_MAX) -> str:
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


def _move(machine: str, name: str, status: str) -> Transition:
    """The transition from TRANSITIONS, or a Dutch refusal if it is not allowed now."""
    workflow = TRANSITIONS[machine]
    try:
        return workflow.move(name, status)
    except StepRefused:
        if workflow.get(name) is None:
            raise ImprovementError(_("Unknown step.")) from None
        raise ImprovementError(_("This step is not possible in the current state.")) from None


def _require_network_worker(network: RegionalNetwork, user: User) -> None:
    if not can_work_in_network(scope_for_user(user), network):
        raise PermissionDenied(_("Only the people of this regional network may change its cycle."))


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


def _audit(user: User, target: Any, summary: str, **detail: Any) -> None:
    audit_record(
        actor=user,
        action=AuditAction.IMPROVEMENT_CHANGED,
        target=target,
        summary=summary,
        detail=detail,
    )


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
    _require_network_worker(network, user)
    today = today or timezone.localdate()
    title = _text(title, required=_("Give the improvement point a title."), limit=TITLE_MAX)
    description = _text(description)
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
        _require_network_worker(locked, user)
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
        _audit(
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
        _require_network_worker(locked.network, user)
        transition = _move(Machine.POINT, "start", locked.status)
        locked.status = transition.target
        locked.save(update_fields=["status"])
        _audit(user, locked, _("Improvement point started: %(title)s") % {"title": locked.title})
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
    description = _text(description, required=_("Describe the action."), limit=ACTION_MAX)
    who = _text(who, limit=WHO_MAX)
    with transaction.atomic():
        locked = _locked_point(point)
        _require_network_worker(locked.network, user)
        if not locked.is_open:
            raise ImprovementError(_("This improvement point is closed; it gets no new actions."))
        action = Action.objects.create(
            point=locked, description=description, who=who, due_date=due_date, updated_by=user
        )
        _audit(
            user, action, _("Action added to %(title)s") % {"title": locked.title}, point=locked.pk
        )
        _emit_point(ActionAdded, user, locked, action_id=action.pk)
    return action


def action_transition(*, action: Action, name: str, user: User) -> Action:
    with transaction.atomic():
        locked_point = _locked_point(action.point)
        _require_network_worker(locked_point.network, user)
        if not locked_point.is_open:
            raise ImprovementError(
                _("This improvement point is closed; its actions stay as they are.")
            )
        locked = Action.objects.select_for_update().get(pk=action.pk)
        transition = _move(Machine.ACTION, name, locked.status)
        previous = locked.status
        locked.status = transition.target
        locked.updated_by = user
        locked.save(update_fields=["status", "updated_by", "updated_at"])
        _audit(
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
    explanation = _text(
        explanation, required=_("Describe the outcome against what the plan aimed for.")
    )
    with transaction.atomic():
        locked = _locked_point(point)
        _require_network_worker(locked.network, user)
        if locked.evaluations.filter(decision="").exists():
            raise ImprovementError(_("Decide on the previous evaluation first."))
        transition = _move(Machine.POINT, "evaluate", locked.status)
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
        _audit(
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
    note = _text(note, required=str(required) if required else None)
    if decision == Decision.BIJSTELLEN:
        if new_target_date is None:
            raise ImprovementError(_("Enter the new target date of the adjusted plan."))
        if new_target_date < today:
            raise ImprovementError(_("The target date lies in the past; choose a later date."))
    with transaction.atomic():
        locked = _locked_point(point)
        _require_network_worker(locked.network, user)
        transition = _move(Machine.POINT, decision, locked.status)
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
        _audit(
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


# SWOT ---------------------------------------------------------------------------------


def swot_entry_add(
    *, network: RegionalNetwork, theme: Theme, quadrant: str, text: str, user: User
) -> SwotEntry:
    if quadrant not in Quadrant.values:
        raise ImprovementError(_("Choose strengths, weaknesses, opportunities or threats."))
    text = _text(text, required=_("Write the strength, weakness, opportunity or threat first."))
    with transaction.atomic():
        locked = RegionalNetwork.objects.select_for_update().get(pk=network.pk)
        _require_network_worker(locked, user)
        entry = SwotEntry.objects.create(
            network=locked, theme=theme, quadrant=quadrant, text=text, created_by=user
        )
        _audit(
            user,
            entry,
            _("SWOT entry added (%(quadrant)s, %(theme)s)")
            % {"quadrant": quadrant, "theme": theme.short_title},
        )
        emit(
            SwotEntryAdded(
                actor_id=user.pk, entry_id=entry.pk, network_id=locked.pk, quadrant=quadrant
            )
        )
    return entry


def swot_entry_delete(*, entry: SwotEntry, user: User) -> None:
    """Remove a SWOT entry, unless it has become an improvement point (it stays as its source)."""
    with transaction.atomic():
        locked = SwotEntry.objects.select_for_update().select_related("network").get(pk=entry.pk)
        _require_network_worker(locked.network, user)
        if locked.improvement_points.exists():
            raise ImprovementError(
                _("This entry has become an improvement point and stays as its source.")
            )
        _audit(
            user,
            locked,
            _("SWOT entry removed: %(text)s") % {"text": locked.text[:80]},
            quadrant=locked.quadrant,
        )
        emit(SwotEntryRemoved(actor_id=user.pk, entry_id=locked.pk, network_id=locked.network_id))
        locked.delete()


# Peer audit ---------------------------------------------------------------------------


def _locked_audit(audit: PeerAudit) -> PeerAudit:
    return (
        PeerAudit.objects.select_for_update()
        .select_related("report__region", "audited_network", "auditor_network")
        .get(pk=audit.pk)
    )


class _AuditRef(TypedDict):
    """The ids every peer audit event carries."""

    audit_id: int
    report_id: int
    audited_network_id: int
    auditor_network_id: int


def _ref(audit: PeerAudit) -> _AuditRef:
    return {
        "audit_id": audit.pk,
        "report_id": audit.report_id,
        "audited_network_id": audit.audited_network_id,
        "auditor_network_id": audit.auditor_network_id,
    }


def _emit_step(audit: PeerAudit, user: User, step: Transition, previous: str) -> None:
    event = AUDIT_STEP_EVENTS[step.name]
    emit(event(actor_id=user.pk, **_ref(audit), from_status=previous, to_status=audit.status))


def _audit_event(user: User, target: Any, summary: str, **detail: Any) -> None:
    audit_record(
        actor=user,
        action=AuditAction.PEER_AUDIT_CHANGED,
        target=target,
        summary=summary,
        detail=detail,
    )


def peer_audit_invite(
    *,
    report: Report,
    auditor_network: RegionalNetwork | None,
    user: User,
    invitation: str = "",
) -> PeerAudit:
    """A network invites another network to audit one of its finalised reports."""
    invitation = _text(invitation)
    if auditor_network is None:
        raise ImprovementError(_("Choose the network you invite to audit the report."))
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update().select_related("region__network").get(pk=report.pk)
        )
        network = locked.region.network
        if network.pk not in scope_for_user(user).network_ids:
            raise PermissionDenied(
                _("Only the network members of the report's network may invite an audit.")
            )
        if locked.status != ReportStatus.VASTGESTELD:
            raise ImprovementError(_("Only a finalised report can be audited."))
        if auditor_network.pk == network.pk:
            raise ImprovementError(_("Invite another network: a network does not audit itself."))
        if PeerAudit.objects.filter(
            report=locked, auditor_network=auditor_network, status__in=AUDIT_ACTIVE_STATUSES
        ).exists():
            raise ImprovementError(
                _("%(network)s has already been invited to audit this report.")
                % {"network": auditor_network}
            )
        audit = PeerAudit.objects.create(
            report=locked,
            audited_network=network,
            auditor_network=auditor_network,
            invitation=invitation,
            invited_by=user,
        )
        _audit_event(
            user,
            audit,
            _("%(network)s invited to audit %(report)s")
            % {"network": auditor_network, "report": locked},
        )
        emit(PeerAuditInvited(actor_id=user.pk, **_ref(audit)))
    return audit


def peer_audit_transition(*, audit: PeerAudit, name: str, user: User) -> PeerAudit:
    """Accept or decline (the invited network), or withdraw (the audited network)."""
    step = TRANSITIONS[Machine.AUDIT].get(name)
    if step is None or name not in ("accept", "decline", "withdraw"):
        raise ImprovementError(_("Unknown step."))
    with transaction.atomic():
        locked = _locked_audit(audit)
        _require_audit_side(locked, user, step.who)
        transition = _move(Machine.AUDIT, name, locked.status)
        previous = locked.status
        locked.status = transition.target
        locked.save(update_fields=["status"])
        _audit_event(
            user,
            locked,
            _("Peer audit of %(report)s: %(from)s → %(to)s")
            % {"report": locked.report, "from": previous, "to": locked.status},
        )
        _emit_step(locked, user, transition, previous)
    return locked


def _require_audit_side(audit: PeerAudit, user: User, side: str) -> None:
    scope = scope_for_user(user)
    if side == "auditor" and not is_auditor(scope, audit):
        raise PermissionDenied(_("Only the invited network's members may do this."))
    if side == "audited" and not is_audited(scope, audit):
        raise PermissionDenied(_("Only the members of the audited network may do this."))


def finding_add(
    *, audit: PeerAudit, theme: Theme | None, kind: str, text: str, user: User
) -> Finding:
    """An auditor notes a strength, a point of improvement or a question on a theme."""
    if kind not in FindingKind.values:
        raise ImprovementError(_("Choose a strength, a point of improvement or a question."))
    text = _text(text, required=_("Write the finding first."))
    with transaction.atomic():
        locked = _locked_audit(audit)
        _require_audit_side(locked, user, "auditor")
        if locked.status != AuditStatus.LOPEND:
            raise ImprovementError(
                _("Findings can be added while the audit is under way (accept the invitation).")
            )
        if theme is None or theme.version_id != locked.report.catalogue_version_id:
            raise ImprovementError(_("Choose a theme of the audited report."))
        finding = Finding.objects.create(
            audit=locked, theme=theme, kind=kind, text=text, created_by=user
        )
        _audit_event(
            user,
            finding,
            _("Finding (%(kind)s) on %(theme)s") % {"kind": kind, "theme": theme.short_title},
            audit=locked.pk,
        )
        emit(FindingAdded(actor_id=user.pk, **_ref(locked), finding_id=finding.pk, kind=kind))
    return finding


def peer_audit_conclude(*, audit: PeerAudit, verdict: str, user: User) -> PeerAudit:
    """The auditors close their work with a short verdict; the findings stay as they are."""
    verdict = _text(verdict, required=_("Write a short verdict."), limit=VERDICT_MAX)
    with transaction.atomic():
        locked = _locked_audit(audit)
        _require_audit_side(locked, user, "auditor")
        transition = _move(Machine.AUDIT, "conclude", locked.status)
        if not locked.findings.exists():
            raise ImprovementError(_("Add at least one finding before concluding."))
        previous = locked.status
        locked.status = transition.target
        locked.verdict = verdict
        locked.concluded_at = timezone.now()
        locked.concluded_by = user
        locked.save(update_fields=["status", "verdict", "concluded_at", "concluded_by"])
        _audit_event(
            user, locked, _("Peer audit of %(report)s concluded") % {"report": locked.report}
        )
        _emit_step(locked, user, transition, previous)
    return locked


def finding_respond(*, finding: Finding, response: str, user: User) -> Finding:
    """The audited network answers one finding (once the auditors have concluded)."""
    response = _text(response, required=_("Write the response first."))
    with transaction.atomic():
        locked_audit = _locked_audit(finding.audit)
        _require_audit_side(locked_audit, user, "audited")
        if locked_audit.status != AuditStatus.GECONCLUDEERD:
            raise ImprovementError(
                _("Responses are possible once the audit is concluded, until it is finished.")
            )
        locked = Finding.objects.select_for_update().get(pk=finding.pk, audit=locked_audit)
        locked.response = response
        locked.responded_at = timezone.now()
        locked.responded_by = user
        locked.save(update_fields=["response", "responded_at", "responded_by"])
        _audit_event(user, locked, _("Response to a finding"), audit=locked_audit.pk)
        emit(FindingAnswered(actor_id=user.pk, **_ref(locked_audit), finding_id=locked.pk))
    return locked


def peer_audit_respond(*, audit: PeerAudit, response: str, user: User) -> PeerAudit:
    """The audited network's overall response; the audit is finished and part of the record."""
    response = _text(response, required=_("Write the response first."))
    with transaction.atomic():
        locked = _locked_audit(audit)
        _require_audit_side(locked, user, "audited")
        transition = _move(Machine.AUDIT, "respond", locked.status)
        previous = locked.status
        locked.status = transition.target
        locked.response = response
        locked.responded_at = timezone.now()
        locked.responded_by = user
        locked.save(update_fields=["status", "response", "responded_at", "responded_by"])
        _audit_event(
            user, locked, _("Peer audit of %(report)s finished") % {"report": locked.report}
        )
        _emit_step(locked, user, transition, previous)
    return locked
