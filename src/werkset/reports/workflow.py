"""The report's workflow (issue 19, ADR 18): the moves of TRANSITIONS, who makes them, what
guards them (reports/readiness.py), the network's decision, and a new version of a finalised
report. Every move locks the report, is audited and emits its event after the commit."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.events import emit
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.core.workflow import StepNotPossible, StepUnknown, Transition, Workflow

from .answers import AnswerContent, clean_text
from .audit import ReportAuditAction
from .events import STEP_EVENTS, ReportCorrected, ReportWithdrawn
from .limits import COMMENT_MAX, text_too_long
from .models import (
    Answer,
    AnswerChange,
    ChangeSource,
    PracticeItem,
    Quote,
    Report,
    ReportSection,
    ReportStatus,
    SectionText,
    SourceDocument,
    StatusChange,
)
from .policy import (
    report_may_decide,
    report_may_withdraw,
    report_may_write,
)
from .readiness import report_readiness
from .services import (
    ReportError,
    answer_change,
    answers_held,
    locked_report,
    require_writer,
    user_name,
)
from .signals import version_started
from .undo import not_replaced, withdraw_earlier, withdrawn_by


def _ready_for(step: str) -> Callable[[Report], None]:
    """The guard of a step: what reports/readiness.py says blocks it (the same rules the
    confirmation page shows)."""

    def guard(report: Report) -> None:
        blocks = report_readiness(report=report, step=step).blocks
        if blocks:
            raise ReportError(" ".join(check.message for check in blocks))

    return guard


# The report's workflow (issue 19): the rapporteur ("writer") compiles the report and puts
# it to the network; the network's chair or secretary ("decider") records the network's
# decision or sends it back with reasons. Nobody decides on a report they write. The
# national role ("national") withdraws a finalised report that should not count (wrong
# period, wrong unit): it leaves the comparisons and stays readable (ADR 20).
TRANSITIONS = Workflow(
    "report",
    (
        Transition(
            "submit",
            (ReportStatus.CONCEPT,),
            ReportStatus.TER_BESPREKING,
            gettext_lazy("Submit for discussion"),
            who="writer",
            guard=_ready_for("submit"),
        ),
        Transition(
            "reopen",
            (ReportStatus.TER_BESPREKING,),
            ReportStatus.CONCEPT,
            gettext_lazy("Back to concept"),
            who="writer",
        ),
        Transition(
            "put_forward",
            (ReportStatus.TER_BESPREKING,),
            ReportStatus.VOORGELEGD,
            gettext_lazy("Put to the network for decision"),
            who="writer",
            guard=_ready_for("put_forward"),
        ),
        Transition(
            "take_back",
            (ReportStatus.VOORGELEGD,),
            ReportStatus.TER_BESPREKING,
            gettext_lazy("Take back from the network"),
            who="writer",
        ),
        Transition(
            "finalise",
            (ReportStatus.VOORGELEGD,),
            ReportStatus.VASTGESTELD,
            gettext_lazy("Record the network's decision (vaststellen)"),
            who="decider",
            guard=_ready_for("finalise"),
        ),
        Transition(
            "send_back",
            (ReportStatus.VOORGELEGD,),
            ReportStatus.TER_BESPREKING,
            gettext_lazy("Send back to the rapporteur"),
            who="decider",
        ),
        Transition(
            "withdraw",
            (ReportStatus.VASTGESTELD,),
            ReportStatus.INGETROKKEN,
            gettext_lazy("Withdraw the report"),
            who="national",
            guard=not_replaced,
        ),
    ),
)

# Steps that need a reason in `note`, with the refusal when it is missing.
REASON_REQUIRED = {
    "send_back": gettext_lazy("Say why the report goes back to the rapporteur."),
    "withdraw": gettext_lazy("Say why the report is withdrawn (for example: wrong period)."),
}


@dataclass(frozen=True)
class Decision:
    """What the network decided, as its chair or secretary records it."""

    decided_on: date
    decided_by: str
    note: str = ""


def transitions_from(status: str) -> list[Transition]:
    return TRANSITIONS.allowed_from(status)


def transitions_for(scope: Any, report: Report) -> list[Transition]:
    """The moves this scope may make on the report now (its side: writer, decider or
    the national role)."""
    sides = {
        "writer": report_may_write(scope, report),
        "decider": report_may_decide(scope, report),
        "national": report_may_withdraw(scope, report),
    }
    return [t for t in transitions_from(report.status) if sides.get(t.who, False)]


def _require_side(report: Report, user: User, transition: Transition) -> None:
    scope = scope_for_user(user)
    if transition.who == "national":
        if not report_may_withdraw(scope, report):
            raise PermissionDenied(_("Only the national role withdraws a finalised report."))
    elif transition.who == "decider":
        if not report_may_decide(scope, report):
            raise PermissionDenied(
                _(
                    "Only the chair or secretary of the network records its decision, and "
                    "never on a report they write themselves."
                )
            )
    elif not report_may_write(scope, report):
        raise PermissionDenied(_("Only the rapporteur of this report may change it."))


def _decision_checked(report: Report, decision: Decision | None) -> Decision:
    if decision is None:
        raise ReportError(_("Record the meeting at which the network decided, and who decided."))
    decided_by = clean_text(decision.decided_by)
    note = clean_text(decision.note)
    if not decided_by:
        raise ReportError(_("Say who decided: the network, at its meeting, with its chair."))
    if len(decided_by) > 300:
        raise ReportError(_("Who decided: at most 300 characters."))
    if message := text_too_long(note, limit=COMMENT_MAX):
        raise ReportError(message)
    if decision.decided_on > timezone.localdate():
        raise ReportError(_("The date of the meeting lies in the future."))
    submitted = (
        report.status_changes.filter(to_status=ReportStatus.TER_BESPREKING)
        .order_by("changed_at")
        .values_list("changed_at", flat=True)
        .first()
    )
    if submitted is not None and decision.decided_on < timezone.localtime(submitted).date():
        raise ReportError(_("The meeting lies before the report went to the network."))
    return Decision(decision.decided_on, decided_by, note)


def report_transition(
    *,
    report: Report,
    name: str,
    user: User,
    note: str = "",
    decision: Decision | None = None,
) -> Report:
    """Move a report along TRANSITIONS; every move is recorded with who and when, and its
    event (reports/events.py) is delivered after the commit. `finalise` records the
    network's `decision`; `send_back` needs its reasons in `note`."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ReportError(_("Unknown step."))
    note = clean_text(note)
    if message := text_too_long(note, limit=COMMENT_MAX):
        raise ReportError(message)
    if name in REASON_REQUIRED and not note:
        raise ReportError(str(REASON_REQUIRED[name]))
    with transaction.atomic():
        locked = locked_report(report)
        answers_held(locked)
        _require_side(locked, user, transition)
        transition = _step(name, locked)
        fields = ["status"]
        if transition.target == ReportStatus.VASTGESTELD:
            checked = _decision_checked(locked, decision)
            locked.finalised_at = timezone.now()
            locked.decided_on = checked.decided_on
            locked.decided_by = checked.decided_by
            locked.decision_note = checked.note
            locked.decision_recorded_by = user
            fields += [
                "finalised_at",
                "decided_on",
                "decided_by",
                "decision_note",
                "decision_recorded_by",
            ]
            note = _decision_summary(checked)
        also_withdrawn: list[Report] = []
        if transition.target == ReportStatus.INGETROKKEN:
            withdrawn_by(locked, user=user, reason=note)
            fields += ["withdrawn_at", "withdrawn_by", "withdrawn_by_name", "withdrawal_reason"]
            also_withdrawn = withdraw_earlier(locked, user=user, reason=note)
        previous = locked.status
        locked.status = transition.target
        locked.save(update_fields=fields)
        StatusChange.objects.create(
            report=locked,
            from_status=previous,
            to_status=transition.target,
            changed_by=user,
            changed_by_name=user_name(user),
            note=note,
        )
        if transition.target == ReportStatus.INGETROKKEN:
            audit_record(
                actor=user,
                action=ReportAuditAction.REPORT_WITHDRAWN,
                target=locked,
                summary=_("Report %(report)s withdrawn: %(reason)s")
                % {"report": locked, "reason": note},
                detail={"reason": note, "also_withdrawn": [r.pk for r in also_withdrawn]},
            )
            emit(
                ReportWithdrawn(
                    actor_id=user.pk,
                    report_id=locked.pk,
                    from_status=previous,
                    to_status=transition.target,
                    note=note,
                    also_withdrawn_ids=tuple(r.pk for r in also_withdrawn),
                )
            )
            return locked
        audit_record(
            actor=user,
            action=AuditAction.REPORT_STATUS_CHANGED,
            target=locked,
            summary=_("Report %(report)s: %(from)s → %(to)s")
            % {"report": locked, "from": previous, "to": transition.target},
        )
        emit(
            STEP_EVENTS[transition.name](
                actor_id=user.pk,
                report_id=locked.pk,
                from_status=previous,
                to_status=transition.target,
                note=note,
            )
        )
    return locked


def _decision_summary(decision: Decision) -> str:
    summary = _("Decided by %(who)s at the meeting of %(date)s.") % {
        "who": decision.decided_by,
        "date": date_format(decision.decided_on, "j F Y"),
    }
    return f"{summary} {decision.note}".strip()


def _step(name: str, report: Report) -> Transition:
    """The move from TRANSITIONS (its guard passed), or a Dutch refusal."""
    try:
        return TRANSITIONS.move(name, report.status, subject=report)
    except StepUnknown:
        raise ReportError(_("Unknown step.")) from None
    except StepNotPossible:
        raise ReportError(
            _("This step is not possible now: the report is %(status)s.")
            % {"status": report.get_status_display().lower()}
        ) from None


def report_correct(*, report: Report, user: User, reason: str) -> Report:
    """Start a new version of a finalised report, for a reason (stored on the new version,
    shown on the old one); the finalised one stays as it is."""
    reason = clean_text(reason)
    if not reason:
        raise ReportError(_("Say why a new version is needed: what it corrects."))
    if message := text_too_long(reason, limit=COMMENT_MAX):
        raise ReportError(message)
    with transaction.atomic():
        locked = locked_report(report)
        require_writer(locked, user)
        if locked.status != ReportStatus.VASTGESTELD:
            raise ReportError(_("Only a finalised report gets a new version; edit this one."))
        if Report.objects.filter(corrects=locked, removed_at__isnull=True).exists():
            raise ReportError(_("This report already has a newer version."))
        new = Report.objects.create(
            network_id=locked.network_id,
            region=locked.region,
            title=locked.title,
            introduction=locked.introduction,
            summary=locked.summary,
            period=locked.period,
            catalogue_version=locked.catalogue_version,
            number=locked.number + 1,
            corrects=locked,
            correction_reason=reason,
            created_by=user,
        )
        now = timezone.now()
        answers = []
        for old in locked.answers.all():
            answers.append(
                Answer(
                    report=new,
                    indicator_id=old.indicator_id,
                    choice=old.choice,
                    explanation=old.explanation,
                    figures=old.figures,
                    perspectives=old.perspectives,
                    regional=old.regional,
                    revision=1,
                    updated_at=now,
                    updated_by=user,
                )
            )
        created = Answer.objects.bulk_create(answers)
        AnswerChange.objects.bulk_create(
            answer_change(
                answer=answer,
                before=AnswerContent(),
                source=ChangeSource.CORRECTION,
                user=user,
                now=now,
            )
            for answer in created
        )
        # The network's own story goes along: its texts, own sections, items in their place.
        new.title, new.introduction, new.summary = locked.title, locked.introduction, locked.summary
        new.save(update_fields=["title", "introduction", "summary"])
        sections: dict[int, ReportSection] = {}
        for section in ReportSection.objects.filter(report=locked).order_by("position", "id"):
            old_id = section.pk
            section.pk = None
            section.report = new
            section.revision = 0
            section.save()
            sections[old_id] = section
        for model in (SectionText, PracticeItem, Quote, SourceDocument):
            for item in model.objects.filter(report=locked):
                item.pk = None
                item.report = new
                if isinstance(item, SectionText):
                    item.revision = 0
                else:
                    item.section = sections.get(item.section_id)  # type: ignore[arg-type]
                item.save()
        StatusChange.objects.create(
            report=new,
            to_status=ReportStatus.CONCEPT,
            changed_by=user,
            changed_by_name=user_name(user),
            note=_("New version of version %(number)s: %(reason)s")
            % {"number": locked.number, "reason": reason},
        )
        audit_record(
            actor=user,
            action=AuditAction.REPORT_CORRECTED,
            target=new,
            summary=_("New version %(new)s of %(old)s") % {"new": new.number, "old": locked},
            detail={"reason": reason, "corrects": locked.pk},
        )
        # Other apps' rows of the report (the assessments) come over in this transaction.
        version_started.send(sender=Report, old=locked, new=new)
        emit(
            ReportCorrected(
                actor_id=user.pk,
                report_id=new.pk,
                corrects_id=locked.pk,
                number=new.number,
                reason=reason,
            )
        )
    return new
