"""Correction proposals (issue 19, point 7; ADR 21): a network member proposes a new value
for an answer; the report's writer accepts it (one answer save, whose history names both)
or declines it with a reason. Keyword-only, atomic, the rows locked, audited, and each step
emits its event after the commit (reports/events.py)."""

from collections.abc import Collection
from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.events import emit
from werkset.core.services import audit_record
from werkset.regions.models import Region

from .answers import AnswerContent, clean_text, content_of
from .audit import ReportAuditAction
from .events import ProposalAccepted, ProposalDeclined, ProposalMade
from .limits import EXPLANATION_MAX, PROPOSAL_TEXT_MAX, text_too_long
from .models import Answer, ChangeSource, CorrectionProposal, ProposalStatus, Report
from .policy import (
    perspectives_after_save,
    regional_after_save,
    report_may_decide_proposals,
    report_may_propose,
)
from .services import ReportError, answer_save, user_label, user_name


def proposal_content(
    *,
    stored: AnswerContent,
    given: AnswerContent,
    region: Region | None,
    mentioned: Collection[str],
) -> AnswerContent:
    """The whole answer a proposal leads to: for the answer itself, its choice, explanation,
    figures and the perspectives the input mentions (the answers per region kept); for one
    region of a network's report, that region's own answer (empty: the network's holds)."""
    if region is None:
        perspectives = perspectives_after_save(
            stored=stored.perspectives, given=given.perspectives, mentioned=mentioned
        )
        return replace(given, perspectives=perspectives, regional=dict(stored.regional))
    part = {"choice": given.choice, "explanation": given.explanation, "figures": given.figures}
    regional = regional_after_save(
        stored=stored.regional, given={region.code: part}, mentioned={region.code}
    )
    return replace(stored, regional=regional)


def proposal_make(
    *,
    answer: Answer,
    user: User,
    content: AnswerContent,
    explanation: str,
    base_revision: int,
    region: Region | None = None,
    mentioned: Collection[str] = (),
) -> CorrectionProposal:
    """Propose `content` (cleaned by reports.answers) for an answer, or for one region's own
    answer in a network's report, with why. Allowed to whoever may comment on the report now
    (under discussion). A proposal that changes nothing is refused."""
    explanation = clean_text(explanation)
    if message := text_too_long(explanation, limit=PROPOSAL_TEXT_MAX) or text_too_long(
        content.explanation, *content.perspectives.values(), limit=EXPLANATION_MAX
    ):
        raise ReportError(message)
    if not explanation:
        raise ReportError(_("Explain why you propose this change."))
    with transaction.atomic():
        current = Answer.objects.select_for_update(of=("self",)).order_by().get(pk=answer.pk)
        report = Report.objects.select_related("region").order_by().get(pk=current.report_id)
        if not report_may_propose(scope_for_user(user), report):
            raise PermissionDenied(
                _("Only the network may propose a change while the report is under discussion.")
            )
        if region is not None and (
            report.region_id is not None or region.network_id != report.network_id
        ):
            raise ReportError(
                _("Not a region of this network: %(codes)s.") % {"codes": region.code}
            )
        stored = content_of(current)
        proposed = proposal_content(
            stored=stored, given=content, region=region, mentioned=mentioned
        )
        if proposed == stored:
            raise ReportError(_("The proposal is the same as the current answer."))
        proposal = CorrectionProposal.objects.create(
            report=report,
            answer=current,
            region=region,
            content=proposed.as_dict(),
            base_revision=base_revision,
            explanation=explanation,
            author=user,
            author_name=user.display_name,
        )
        audit_record(
            actor=user,
            action=ReportAuditAction.PROPOSAL_MADE,
            target=proposal,
            summary=_("Correction proposed in %(report)s") % {"report": report},
            detail={"report": report.pk, "answer": current.pk},
        )
        emit(
            ProposalMade(
                actor_id=user.pk,
                report_id=report.pk,
                proposal_id=proposal.pk,
                answer_id=current.pk,
            )
        )
    return proposal


def _proposal_held(proposal: CorrectionProposal, user: User) -> CorrectionProposal:
    """The proposal locked, with its report; refused unless `user` decides on it and it is open."""
    locked = (
        CorrectionProposal.objects.select_for_update(of=("self",))
        .select_related("report__region", "author")
        .order_by()
        .get(pk=proposal.pk)
    )
    if not report_may_decide_proposals(scope_for_user(user), locked.report):
        if locked.report.is_final:
            raise ReportError(_("This report is finalised and no longer changes."))
        raise PermissionDenied(_("Only the rapporteur of this report may decide on a proposal."))
    if not locked.is_open:
        raise ReportError(_("This proposal has been decided already."))
    return locked


# Per decision: its audit action, the summary's text and the event after the commit.
_DECISIONS = {
    ProposalStatus.ACCEPTED: (
        ReportAuditAction.PROPOSAL_ACCEPTED,
        gettext_lazy("Correction proposal of %(name)s accepted in %(report)s"),
        ProposalAccepted,
    ),
    ProposalStatus.DECLINED: (
        ReportAuditAction.PROPOSAL_DECLINED,
        gettext_lazy("Correction proposal of %(name)s declined in %(report)s"),
        ProposalDeclined,
    ),
}


def _decided(
    proposal: CorrectionProposal, *, user: User, status: ProposalStatus, reason: str = ""
) -> None:
    """Record the writer's decision on a locked, open proposal: audited, its event emitted."""
    action, summary, event = _DECISIONS[status]
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = user
    proposal.decided_by_name = user_label(user) or user_name(user)
    proposal.decline_reason = reason
    proposal.save(
        update_fields=["status", "decided_at", "decided_by", "decided_by_name", "decline_reason"]
    )
    audit_record(
        actor=user,
        action=action,
        target=proposal,
        summary=str(summary) % {"name": proposal.author_name, "report": proposal.report},
        detail={"report": proposal.report_id, "answer": proposal.answer_id},
    )
    emit(
        event(
            actor_id=user.pk,
            report_id=proposal.report_id,
            proposal_id=proposal.pk,
            answer_id=proposal.answer_id,
            proposed_by_id=proposal.author_id,
        )
    )


def proposal_accept(
    *, proposal: CorrectionProposal, user: User, seen_revision: int
) -> CorrectionProposal:
    """Apply a proposal to its answer through answer_save, in one transaction.

    `seen_revision` is the answer's revision the writer decided on (the page shows the
    current answer beside the proposal): if the answer changed after that, nothing is
    written and EditConflict says so; the proposal stays open. The history entry names the
    writer (changed_by) and the proposal's author (proposed_by)."""
    with transaction.atomic():
        locked = _proposal_held(proposal, user)
        answer = Answer.objects.order_by().get(pk=locked.answer_id)
        # EditConflict when the answer changed after `seen_revision`: the whole transaction
        # rolls back and the proposal stays open.
        answer_save(
            answer=answer,
            content=AnswerContent.from_dict(locked.content),
            base_revision=seen_revision,
            user=user,
            source=ChangeSource.PROPOSAL,
            proposed_by=locked.author,
        )
        _decided(locked, user=user, status=ProposalStatus.ACCEPTED)
    return locked


def proposal_decline(
    *, proposal: CorrectionProposal, user: User, reason: str
) -> CorrectionProposal:
    """Decline a proposal; the reason is required and told to its author."""
    reason = clean_text(reason)
    if message := text_too_long(reason, limit=PROPOSAL_TEXT_MAX):
        raise ReportError(message)
    if not reason:
        raise ReportError(_("Give a reason for declining the proposal. Nothing has been changed."))
    with transaction.atomic():
        locked = _proposal_held(proposal, user)
        _decided(locked, user=user, status=ProposalStatus.DECLINED, reason=reason)
    return locked
