"""Writes to the Actieoverleg register: keyword-only, atomic, checked against the policy,
audited, with a domain event on commit. Bad input raises RegisterError with a Dutch message
and changes nothing."""

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.events import emit
from werkset.core.services import audit_record
from werkset.privacy.detectors import KIND_LABELS, scan
from werkset.regions.models import Organisation, Region
from werkset.reports.answers import clean_text
from werkset.reports.models import Answer, ChangeSource, Report
from werkset.reports.policy import report_may_edit
from werkset.reports.services import answer_save

from .audit import RegisterAction
from .events import ActionAgreed, ActionCarriedOut, CaseRecorded, MeetingRecorded
from .models import AgreedAction, Attendance, CaseDiscussion, Meeting
from .policy import register_may_write
from .proposals import register_proposals
from .vocabulary import (
    ACTIONS_PER_CASE_MAX,
    CASES_PER_MEETING_MAX,
    DAYS_TO_DISCUSSION_MAX,
    DUE_AHEAD_DAYS,
    NOTE_MAX,
    RECORD_BACK_DAYS,
    MeetingForm,
    Presence,
    interventions,
)


class RegisterError(Exception):
    """The input cannot be recorded; the message says why, in Dutch."""


class PersonalDataRefused(RegisterError):
    """The meeting's note holds what looks like personal data: nothing is saved."""


# The one state change of an action: open → carried out (and never back: a mistake is a
# new action, so the history of what was agreed stays as it was).
ACTION_MOVES = {"open": frozenset({"uitgevoerd"})}


def _require_writer(user: User, region: Region) -> None:
    if not register_may_write(scope_for_user(user), region):
        raise PermissionDenied(_("Only the people of this region's network record this."))


def _organisations(codes: Sequence[str]) -> dict[str, Organisation]:
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    unknown = sorted(set(codes) - set(found))
    if unknown:
        raise RegisterError(_("Unknown organisation: %(code)s.") % {"code": unknown[0][:40]})
    return found


def note_refusal(note: str) -> str | None:
    """Why a meeting's note cannot be stored (the privacy guard found personal data)."""
    hits = scan(note)
    if not hits:
        return None
    found = "; ".join(f"{KIND_LABELS[hit.kind]}: “{hit.text[:60]}”" for hit in hits[:3])
    return _(
        "The note was not saved: it looks like it holds personal data (%(found)s). The "
        "register holds no personal data; describe the process without it."
    ) % {"found": found}


def meeting_record(
    *,
    region: Region,
    held_on: datetime.date,
    form: str,
    attendance: Mapping[str, str],
    note: str,
    user: User,
) -> Meeting:
    """Record a meeting with the presence of each partner (organisation code → presence)."""
    _require_writer(user, region)
    today = timezone.localdate()
    if held_on > today:
        raise RegisterError(_("A meeting is recorded once it has been held: not in the future."))
    if held_on < today - datetime.timedelta(days=RECORD_BACK_DAYS):
        raise RegisterError(_("This date lies too far back to record."))
    if form not in MeetingForm.values:
        raise RegisterError(_("Choose the form of the meeting."))
    if any(p not in Presence.values for p in attendance.values()):
        raise RegisterError(_("Choose for each partner whether they took part."))
    note = clean_text(note)
    if len(note) > NOTE_MAX:
        raise RegisterError(_("The note is longer than %(max)d characters.") % {"max": NOTE_MAX})
    if refusal := note_refusal(note):
        raise PersonalDataRefused(refusal)
    organisations = _organisations(list(attendance))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            region=region, held_on=held_on, form=form, note=note, recorded_by=user
        )
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, organisation=organisations[code], presence=presence)
            for code, presence in attendance.items()
        )
        audit_record(
            actor=user,
            action=RegisterAction.MEETING_RECORDED,
            target=meeting,
            summary=_("Actieoverleg %(region)s of %(date)s recorded")
            % {"region": region.name, "date": held_on.isoformat()},
            detail={"form": form, "attendance": dict(attendance)},
        )
        emit(MeetingRecorded(actor_id=user.pk, region_id=region.pk, meeting_id=meeting.pk))
    return meeting


def case_record(
    *,
    meeting: Meeting,
    brought_by: str,
    days_to_discussion: int,
    intervention_codes: Sequence[str],
    user: User,
) -> CaseDiscussion:
    """Record a case of a meeting by its process; it gets the meeting's next number."""
    _require_writer(user, meeting.region)
    if not 0 <= days_to_discussion <= DAYS_TO_DISCUSSION_MAX:
        raise RegisterError(
            _("Enter the days from melding to discussion: 0 to %(max)d.")
            % {"max": DAYS_TO_DISCUSSION_MAX}
        )
    known = interventions()
    if len(intervention_codes) > len(known) or any(c not in known for c in intervention_codes):
        raise RegisterError(_("Choose the interventions from the list."))
    organisation = _organisations([brought_by])[brought_by]
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        highest = locked.cases.aggregate(highest=Max("number"))["highest"] or 0
        if highest >= CASES_PER_MEETING_MAX:
            raise RegisterError(
                _("A meeting holds at most %(max)d cases.") % {"max": CASES_PER_MEETING_MAX}
            )
        case = CaseDiscussion.objects.create(
            meeting=locked,
            number=highest + 1,
            brought_by=organisation,
            days_to_discussion=days_to_discussion,
            interventions=sorted(set(intervention_codes), key=list(known).index),
        )
        audit_record(
            actor=user,
            action=RegisterAction.CASE_RECORDED,
            target=case,
            summary=_("Case %(number)d of the Actieoverleg of %(date)s recorded")
            % {"number": case.number, "date": locked.held_on.isoformat()},
            detail={"brought_by": brought_by, "days": days_to_discussion},
        )
        emit(
            CaseRecorded(
                actor_id=user.pk,
                region_id=locked.region_id,
                meeting_id=locked.pk,
                case_id=case.pk,
            )
        )
    return case


def action_record(
    *,
    case: CaseDiscussion,
    organisation: str,
    intervention: str,
    due_on: datetime.date,
    user: User,
) -> AgreedAction:
    """Record an action agreed on a case: the organisation responsible and its due date."""
    meeting = case.meeting
    _require_writer(user, meeting.region)
    if intervention not in interventions():
        raise RegisterError(_("Choose the intervention from the list."))
    if due_on < meeting.held_on or due_on > meeting.held_on + datetime.timedelta(
        days=DUE_AHEAD_DAYS
    ):
        raise RegisterError(_("The due date lies between the meeting and a year after it."))
    responsible = _organisations([organisation])[organisation]
    with transaction.atomic():
        locked = CaseDiscussion.objects.select_for_update().get(pk=case.pk)
        if locked.actions.count() >= ACTIONS_PER_CASE_MAX:
            raise RegisterError(
                _("A case holds at most %(max)d actions.") % {"max": ACTIONS_PER_CASE_MAX}
            )
        action = AgreedAction.objects.create(
            case=locked, organisation=responsible, intervention=intervention, due_on=due_on
        )
        audit_record(
            actor=user,
            action=RegisterAction.ACTION_RECORDED,
            target=action,
            summary=_("Action for %(organisation)s due %(date)s agreed")
            % {"organisation": responsible.short_name, "date": due_on.isoformat()},
            detail={"case": locked.pk, "intervention": intervention},
        )
        emit(
            ActionAgreed(
                actor_id=user.pk,
                region_id=meeting.region_id,
                meeting_id=meeting.pk,
                action_id=action.pk,
                due_on=due_on.isoformat(),
            )
        )
    return action


def action_mark_done(*, action: AgreedAction, done_on: datetime.date, user: User) -> AgreedAction:
    """Record that an agreed action was carried out, and when."""
    meeting = action.case.meeting
    _require_writer(user, meeting.region)
    if done_on > timezone.localdate():
        raise RegisterError(_("An action is marked carried out once it is: not in the future."))
    if done_on < meeting.held_on:
        raise RegisterError(_("An action is carried out after the meeting that agreed it."))
    with transaction.atomic():
        locked = AgreedAction.objects.select_for_update().get(pk=action.pk)
        state = "uitgevoerd" if locked.is_done else "open"
        if "uitgevoerd" not in ACTION_MOVES.get(state, frozenset()):
            raise RegisterError(_("This action is already marked as carried out."))
        locked.done_on = done_on
        locked.save(update_fields=["done_on"])
        audit_record(
            actor=user,
            action=RegisterAction.ACTION_DONE,
            target=locked,
            summary=_("Action carried out on %(date)s") % {"date": done_on.isoformat()},
            detail={"due_on": locked.due_on.isoformat(), "on_time": locked.on_time},
        )
        emit(
            ActionCarriedOut(
                actor_id=user.pk,
                region_id=meeting.region_id,
                meeting_id=meeting.pk,
                action_id=locked.pk,
                on_time=locked.on_time,
            )
        )
    return locked


def register_proposal_accept(*, report: Report, indicator_key: str, user: User) -> Answer:
    """Store the register's proposed answer for one indicator through the ordinary answer
    service (source 'register'); the answer's perspectives and regional answers stay."""
    if not report_may_edit(scope_for_user(user), report):
        raise PermissionDenied(_("Only the rapporteur of this report may do this."))
    section = register_proposals(report=report)
    proposal = next((p for p in section.proposals if p.answer.indicator.key == indicator_key), None)
    if proposal is None:
        raise RegisterError(_("The register proposes nothing for this indicator."))
    with transaction.atomic():
        answer, changed = answer_save(
            answer=proposal.answer,
            content=proposal.content,
            base_revision=proposal.answer.revision,
            user=user,
            source=ChangeSource.REGISTER,
            mentioned=frozenset(),
        )
        if changed:
            audit_record(
                actor=user,
                action=RegisterAction.PROPOSAL_ACCEPTED,
                target=report,
                summary=_("“%(indicator)s” taken from the Actieoverleg register")
                % {"indicator": proposal.answer.indicator.label},
                detail={"indicator": indicator_key, "figure": proposal.figure},
            )
    return answer
