"""Every write to a peer audit (invite; accept, decline or withdraw; findings; conclude;
respond): keyword-only, atomic, the audit's row locked, checked against the side of the
audit the user is on (rules.py), audited, and its domain event (events.py) emitted,
delivered after the commit. State moves follow the workflow in states.py (ADR 14)."""

from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Theme
from werkset.core.events import emit
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Report, ReportStatus
from werkset.reports.selectors import report_is_latest

from .events import AUDIT_STEP_EVENTS, FindingAdded, FindingAnswered, PeerAuditInvited
from .models import Finding, PeerAudit
from .rules import can_invite_audit, is_audited, is_auditor
from .service_common import ImprovementError, checked_move, checked_text
from .states import AUDIT_ACTIVE_STATUSES, TRANSITIONS, AuditStatus, Machine, Transition
from .vocabulary import FindingKind

VERDICT_MAX = 2000


def _locked_audit(audit: PeerAudit) -> PeerAudit:
    return (
        PeerAudit.objects.select_for_update(of=("self",))
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
    invitation = checked_text(invitation)
    if auditor_network is None:
        raise ImprovementError(_("Choose the network you invite to audit the report."))
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("network").get(pk=report.pk)
        network = locked.network
        if not can_invite_audit(scope_for_user(user), network):
            raise PermissionDenied(
                _("Only the network members of the report's network may invite an audit.")
            )
        if locked.status != ReportStatus.VASTGESTELD:
            raise ImprovementError(_("Only a finalised report can be audited."))
        if not report_is_latest(locked):
            raise ImprovementError(
                _("A newer version replaces this report: invite an audit of that version.")
            )
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
        transition = checked_move(Machine.AUDIT, name, locked.status)
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
    text = checked_text(text, required=_("Write the finding first."))
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
    verdict = checked_text(verdict, required=_("Write a short verdict."), limit=VERDICT_MAX)
    with transaction.atomic():
        locked = _locked_audit(audit)
        _require_audit_side(locked, user, "auditor")
        transition = checked_move(Machine.AUDIT, "conclude", locked.status)
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
    response = checked_text(response, required=_("Write the response first."))
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
    response = checked_text(response, required=_("Write the response first."))
    with transaction.atomic():
        locked = _locked_audit(audit)
        _require_audit_side(locked, user, "audited")
        transition = checked_move(Machine.AUDIT, "respond", locked.status)
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
