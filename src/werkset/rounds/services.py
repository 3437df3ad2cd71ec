"""Every write to a reporting round: keyword-only, atomic, the row locked, checked against
the user's scope, audited, its domain event (rounds/events.py) delivered after the commit.

A round opens for a period that has begun, with a catalogue version and a deadline; one
round per period. Closing it stops new reports in it (reports in progress go on); the
national network may open it again (TRANSITIONS)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import CatalogueVersion
from werkset.core.events import emit
from werkset.core.services import audit_record
from werkset.core.workflow import StepRefused, Transition, Workflow
from werkset.reports.models import period_label, period_start, validate_period

from .audit import RoundAuditAction
from .events import RoundClosed, RoundDeadlineChanged, RoundEvent, RoundOpened, RoundReopened
from .models import ReportingRound, RoundStatus
from .policy import round_may_manage

TRANSITIONS = Workflow(
    "round",
    (
        Transition(
            "close",
            (RoundStatus.OPEN,),
            RoundStatus.CLOSED,
            gettext_lazy("Close the round"),
            who="national",
        ),
        Transition(
            "reopen",
            (RoundStatus.CLOSED,),
            RoundStatus.OPEN,
            gettext_lazy("Open the round again"),
            who="national",
        ),
    ),
)


class RoundError(Exception):
    """A request that does not fit the round; the message says why, in Dutch."""


def _require_manager(user: User) -> None:
    if not round_may_manage(scope_for_user(user)):
        raise PermissionDenied(_("Only the national network opens and closes reporting rounds."))


def _deadline_checked(deadline: date) -> date:
    if deadline < timezone.localdate():
        raise RoundError(_("The deadline lies in the past: choose today or a later date."))
    return deadline


def round_open(
    *, period: str, catalogue_version: CatalogueVersion, deadline: date, user: User
) -> ReportingRound:
    """Open the round of a period that has begun, with its catalogue version and deadline."""
    _require_manager(user)
    try:
        validate_period(period)
    except ValidationError as exc:
        raise RoundError(exc.messages[0]) from exc
    if period_start(period) > timezone.localdate():
        raise RoundError(
            _(
                "The period %(period)s has not begun yet: a round is opened for a period that "
                "has started."
            )
            % {"period": period_label(period)}
        )
    _deadline_checked(deadline)
    exists = _("There is already a round for %(period)s.") % {"period": period_label(period)}
    if ReportingRound.objects.filter(period=period).exists():
        raise RoundError(exists)
    try:
        with transaction.atomic():
            reporting_round = ReportingRound.objects.create(
                period=period,
                catalogue_version=catalogue_version,
                deadline=deadline,
                opened_by=user,
            )
            audit_record(
                actor=user,
                action=RoundAuditAction.ROUND_OPENED,
                target=reporting_round,
                summary=_("%(round)s opened with %(version)s, deadline %(deadline)s")
                % {
                    "round": reporting_round,
                    "version": catalogue_version.slug,
                    "deadline": date_format(deadline, "j F Y"),
                },
                detail={"catalogue_version": catalogue_version.slug, "deadline": str(deadline)},
            )
            emit(
                RoundOpened(
                    actor_id=user.pk,
                    round_id=reporting_round.pk,
                    period=period,
                    catalogue_version_id=catalogue_version.pk,
                    deadline=deadline,
                )
            )
    except IntegrityError as exc:  # opened at the same moment by someone else
        raise RoundError(exists) from exc
    return reporting_round


def _locked(reporting_round: ReportingRound) -> ReportingRound:
    return ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)


def round_transition(*, reporting_round: ReportingRound, name: str, user: User) -> ReportingRound:
    """Close a round (no new reports start in it) or open it again."""
    _require_manager(user)
    with transaction.atomic():
        locked = _locked(reporting_round)
        try:
            transition = TRANSITIONS.move(name, locked.status, subject=locked)
        except StepRefused:
            raise RoundError(
                _("This step is not possible now: the round is %(status)s.")
                % {"status": locked.get_status_display().lower()}
            ) from None
        locked.status = transition.target
        event: type[RoundEvent]
        if transition.target == RoundStatus.CLOSED:
            locked.closed_at, locked.closed_by = timezone.now(), user
            action, event, summary = (
                RoundAuditAction.ROUND_CLOSED,
                RoundClosed,
                _("%(round)s closed"),
            )
        else:
            locked.closed_at, locked.closed_by = None, None
            action, event, summary = (
                RoundAuditAction.ROUND_REOPENED,
                RoundReopened,
                _("%(round)s opened again"),
            )
        locked.save(update_fields=["status", "closed_at", "closed_by"])
        audit_record(actor=user, action=action, target=locked, summary=summary % {"round": locked})
        emit(event(actor_id=user.pk, round_id=locked.pk, period=locked.period))
    return locked


def round_close(*, reporting_round: ReportingRound, user: User) -> ReportingRound:
    return round_transition(reporting_round=reporting_round, name="close", user=user)


def round_reopen(*, reporting_round: ReportingRound, user: User) -> ReportingRound:
    return round_transition(reporting_round=reporting_round, name="reopen", user=user)


def round_deadline_change(
    *, reporting_round: ReportingRound, deadline: date, user: User
) -> ReportingRound:
    """Move a round's deadline (today or later)."""
    _require_manager(user)
    _deadline_checked(deadline)
    with transaction.atomic():
        locked = _locked(reporting_round)
        before = locked.deadline
        if before == deadline:
            return locked
        locked.deadline = deadline
        locked.save(update_fields=["deadline"])
        audit_record(
            actor=user,
            action=RoundAuditAction.ROUND_DEADLINE_CHANGED,
            target=locked,
            summary=_("Deadline of %(round)s moved from %(before)s to %(after)s")
            % {
                "round": locked,
                "before": date_format(before, "j F Y"),
                "after": date_format(deadline, "j F Y"),
            },
            detail={"before": str(before), "after": str(deadline)},
        )
        emit(
            RoundDeadlineChanged(
                actor_id=user.pk,
                round_id=locked.pk,
                period=locked.period,
                before=before,
                deadline=deadline,
            )
        )
    return locked
