"""Every write to a report: atomic, the row locked, checked against the user's scope, audited.

The allowed status transitions live in TRANSITIONS (a core.workflow.Workflow) and nowhere
else. State changes emit their domain event (reports/events.py), delivered after the commit.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import CatalogueVersion, Element, Theme
from werkset.catalogue.selectors import catalogue_lineage
from werkset.core.events import emit
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.core.workflow import StepNotPossible, StepUnknown, Transition, Workflow
from werkset.regions.models import Region, RegionalNetwork

from .answers import AnswerContent, clean_text, content_of
from .audit import ReportAuditAction
from .events import STEP_EVENTS, CommentAdded, CommentResolved, ReportCorrected, ReportStarted
from .limits import COMMENT_MAX, EXPLANATION_MAX, SECTION_TEXT_MAX, item_too_long, text_too_long
from .models import (
    Answer,
    AnswerChange,
    ChangeSource,
    Comment,
    CommentKind,
    PracticeItem,
    Quote,
    Report,
    ReportSection,
    ReportStatus,
    SectionText,
    SourceDocument,
    StatusChange,
    period_label,
    period_start,
    validate_period,
)
from .policy import (
    EDITABLE_STATUSES,
    perspectives_after_save,
    regional_after_save,
    report_may_decide,
    report_may_start,
    report_may_write,
    report_shows_discussion,
)

# Quick successive saves by the same person fold into one history entry.
HISTORY_FOLD_WINDOW = timedelta(minutes=10)


class ReportError(Exception):
    """A request that does not fit the report's state; the message says why, in Dutch."""


class EditConflict(Exception):
    """Someone else saved in between; carries what is stored now, so both can be shown."""

    def __init__(self, *, current: dict[str, Any], revision: int, changed_by: str):
        super().__init__(_("Someone else changed this in the meantime."))
        self.current = current
        self.revision = revision
        self.changed_by = changed_by


def _ready_for(step: str) -> Callable[[Report], None]:
    """The guard of a step: what reports/readiness.py says blocks it (the same rules the
    confirmation page shows)."""

    def guard(report: Report) -> None:
        from .readiness import report_readiness

        blocks = report_readiness(report=report, step=step).blocks
        if blocks:
            raise ReportError(" ".join(check.message for check in blocks))

    return guard


# The report's workflow (issue 19): the rapporteur ("writer") compiles the report and puts
# it to the network; the network's chair or secretary ("decider") records the network's
# decision or sends it back with reasons. Nobody decides on a report they write.
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
    ),
)


@dataclass(frozen=True)
class Decision:
    """What the network decided, as its chair or secretary records it."""

    decided_on: date
    decided_by: str
    note: str = ""


def transitions_from(status: str) -> list[Transition]:
    return TRANSITIONS.allowed_from(status)


def transitions_for(scope: Any, report: Report) -> list[Transition]:
    """The moves this scope may make on the report now (its side: writer or decider)."""
    sides = {
        "writer": report_may_write(scope, report),
        "decider": report_may_decide(scope, report),
    }
    return [t for t in transitions_from(report.status) if sides.get(t.who, False)]


def _require_side(report: Report, user: User, transition: Transition) -> None:
    scope = scope_for_user(user)
    if transition.who == "decider":
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


def _require_writer(report: Report, user: User) -> None:
    if not report_may_write(scope_for_user(user), report):
        raise PermissionDenied(_("Only the rapporteur of this report may change it."))


def _require_editable(report: Report, user: User) -> None:
    _require_writer(report, user)
    if report.status not in EDITABLE_STATUSES:
        raise ReportError(
            _("This report is finalised and no longer changes. Make a new version to correct it.")
        )


def _locked_report(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("region", "network")
        .get(pk=report.pk)
    )


def _apply(answer: Answer, content: AnswerContent) -> None:
    answer.choice = content.choice
    answer.explanation = content.explanation
    answer.figures = content.figures
    answer.perspectives = content.perspectives
    answer.regional = content.regional


def _user_name(user: User | None) -> str:
    return user.get_username() if user is not None else "systeem"


def _change(
    *, answer: Answer, before: AnswerContent, source: str, user: User | None, now: Any
) -> AnswerChange:
    """A history entry for the answer's current content (not saved yet)."""
    return AnswerChange(
        answer=answer,
        revision=answer.revision,
        changed_at=now,
        changed_by=user,
        changed_by_name=_user_name(user),
        source=source,
        before=before.as_dict(),
        after=content_of(answer).as_dict(),
    )


def _changed_by(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def report_start(
    *,
    period: str,
    catalogue_version: CatalogueVersion,
    user: User,
    region: Region | None = None,
    network: RegionalNetwork | None = None,
    start_from: Report | None = None,
) -> Report:
    """Start a report for a period, empty or from an earlier report's answers: a region's
    report (`region`) or a regional network's own report (`network`, issue 18). For one
    period a network reports either as a network or per region, not both."""
    if (region is None) == (network is None):
        raise ReportError(_("Choose the network or one of its regions."))
    if region is not None:
        network = region.network
    assert network is not None
    region_id = region.pk if region is not None else None
    if not report_may_start(scope_for_user(user), network_id=network.pk, region_id=region_id):
        raise PermissionDenied(
            _("Only a rapporteur of this region or network may start its report.")
        )
    try:
        validate_period(period)
    except ValidationError as exc:
        raise ReportError(exc.messages[0]) from exc
    if period_start(period) > timezone.localdate():
        raise ReportError(
            _(
                "The period %(period)s has not begun yet: a report is written about a period "
                "that has started."
            )
            % {"period": period_label(period)}
        )
    if start_from is not None and (
        start_from.region_id != region_id or start_from.network_id != network.pk
    ):
        raise ReportError(_("A report can only start from a report of the same region or network."))
    unit = region if region is not None else network
    with transaction.atomic():
        # One lock per network serialises every start in it (network and region reports).
        RegionalNetwork.objects.select_for_update().get(pk=network.pk)
        same_period = Report.objects.filter(
            network=network, period=period, catalogue_version=catalogue_version
        )
        if same_period.filter(region=region).exists():
            raise ReportError(
                _("There is already a report of %(region)s for %(period)s with this catalogue.")
                % {"region": unit, "period": period}
            )
        other_kind = (
            same_period.filter(region__isnull=True)
            if region is not None
            else same_period.filter(region__isnull=False)
        )
        if other_kind.exists():
            raise ReportError(
                _(
                    "For %(period)s, %(network)s already reports %(kind)s: a network reports "
                    "either as a whole or per region."
                )
                % {
                    "period": period,
                    "network": network,
                    "kind": _("as a network") if region is not None else _("per region"),
                }
            )
        report = Report.objects.create(
            network=network,
            region=region,
            period=period,
            catalogue_version=catalogue_version,
            created_by=user,
            started_from=start_from,
        )
        indicators = list(catalogue_version.indicators.order_by("position"))
        Answer.objects.bulk_create(Answer(report=report, indicator=i) for i in indicators)
        if start_from is not None:
            _carry_over_answers(source=start_from, target=report, user=user)
        StatusChange.objects.create(
            report=report,
            to_status=ReportStatus.CONCEPT,
            changed_by=user,
            changed_by_name=_user_name(user),
        )
        audit_record(
            actor=user,
            action=AuditAction.REPORT_STARTED,
            target=report,
            summary=_("Report %(report)s started") % {"report": report},
            detail={"started_from": start_from.pk if start_from else None},
        )
        emit(
            ReportStarted(
                actor_id=user.pk,
                report_id=report.pk,
                region_id=region_id,
                network_id=network.pk,
                period=period,
                started_from_id=start_from.pk if start_from else None,
            )
        )
    return report


def _carry_over_answers(*, source: Report, target: Report, user: User) -> None:
    """Copy answers as a marked starting point: by indicator key within the same
    instrument, and through lineage from a report of another catalogue version."""
    targets = list(target.answers.select_related("indicator__answer_type"))
    carried: dict[int, AnswerContent] = {}
    if source.catalogue_version_id == target.catalogue_version_id:
        previous = {
            answer.indicator.key: content_of(answer)
            for answer in source.answers.select_related("indicator")
        }
        carried = {a.pk: previous[a.indicator.key] for a in targets if a.indicator.key in previous}
    else:
        lineage = catalogue_lineage(
            lens_indicators=[a.indicator for a in targets],
            version_ids=[source.catalogue_version_id],
        )
        own = {answer.indicator_id: answer for answer in source.answers.all()}
        for answer in targets:
            found = lineage.carry(
                version_id=source.catalogue_version_id,
                indicator_id=answer.indicator_id,
                answers=own,
            )
            if found is not None:
                carried[answer.pk] = AnswerContent(
                    choice=found.choice, explanation=found.explanation, figures=found.figures
                )
    now = timezone.now()
    changes = []
    for answer in targets:
        old = carried.get(answer.pk)
        if old is None or old == AnswerContent():
            continue
        _apply(answer, old)
        answer.carried_over = True
        answer.revision = 1
        answer.updated_at = now
        answer.updated_by = user
        answer.save()
        changes.append(
            _change(
                answer=answer,
                before=AnswerContent(),
                source=ChangeSource.CARRIED_OVER,
                user=user,
                now=now,
            )
        )
    AnswerChange.objects.bulk_create(changes)


def answer_save(
    *,
    answer: Answer,
    content: AnswerContent,
    base_revision: int,
    user: User | None,
    source: str = ChangeSource.EDIT,
    mentioned: Collection[str] | None = None,
    regions_mentioned: Collection[str] | None = None,
) -> tuple[Answer, bool]:
    """Store an answer; returns (answer, changed).

    If the answer changed since `base_revision` (someone else saved in between) and the
    stored text differs from this one, nothing is written and EditConflict carries both.
    `mentioned`: the organisations whose perspective the input gave or emptied; the stored
    perspectives of the others are kept (reports.policy). None: `content` is the whole
    answer, perspectives and regions included (a carry-over, a restore).
    `regions_mentioned`: likewise for a network report's answers per region (region codes).
    """
    if message := text_too_long(
        content.explanation, *content.perspectives.values(), limit=EXPLANATION_MAX
    ):
        raise ReportError(message)
    with transaction.atomic():
        current, latest = _answer_held(answer)
        if user is not None:
            _require_editable(current.report, user)
        elif current.report.status not in EDITABLE_STATUSES:
            raise ReportError(_("This report is finalised and no longer changes."))
        stored = content_of(current)
        if mentioned is not None:
            perspectives = perspectives_after_save(
                stored=stored.perspectives, given=content.perspectives, mentioned=mentioned
            )
            regional = regional_after_save(
                stored=stored.regional, given=content.regional, mentioned=regions_mentioned
            )
            content = replace(content, perspectives=perspectives, regional=regional)
        _require_regions_of(current.report, content.regional)
        if stored == content:
            return current, False
        if current.revision != base_revision:
            raise EditConflict(
                current=stored.as_dict(),
                revision=current.revision,
                changed_by=_changed_by(current.updated_by),
            )
        now = timezone.now()
        _apply(current, content)
        current.revision += 1
        current.carried_over = False
        current.updated_at = now
        current.updated_by = user
        current.save()
        if latest is not None and _foldable(latest, source=source, user=user, now=now):
            AnswerChange.objects.filter(pk=latest.pk).update(
                after=content_of(current).as_dict(), revision=current.revision, changed_at=now
            )
        else:
            _change(answer=current, before=stored, source=source, user=user, now=now).save()
    return current, True


def _require_regions_of(report: Report, regional: Mapping[str, Any]) -> None:
    """Answers per region belong in a network's report, for the network's own regions."""
    if not regional:
        return
    if report.region_id is not None:
        raise ReportError(_("A region's report has no answers per region."))
    codes = set(Region.objects.filter(network_id=report.network_id).values_list("code", flat=True))
    if unknown := sorted(set(regional) - codes):
        raise ReportError(
            _("Not a region of this network: %(codes)s.") % {"codes": ", ".join(unknown)}
        )


def _answer_held(answer: Answer) -> tuple[Answer, AnswerChange | None]:
    """The answer locked for this save, with its report and its latest history entry.

    The answer's row is locked for update first and the report read after it, so the status
    checked is the one the last status change committed: a status change holds all of the
    report's answers (`_answers_held`), so it waits for the saves in progress, and a save that
    comes after it waits for it and reads the new status. Saves of other answers of the same
    report go on at the same time. The answer's lock keeps its history still, so the latest
    entry read after it is the one to fold into. SQLite leaves the locks out: its writing
    transaction holds the whole database."""
    current = Answer.objects.select_for_update(of=("self",)).order_by().get(pk=answer.pk)
    current.report = Report.objects.select_related("region").order_by().get(pk=current.report_id)
    latest = AnswerChange.objects.filter(answer_id=current.pk).order_by("-revision", "-id").first()
    return current, latest


def _answers_held(report: Report) -> None:
    """Lock the report's answers until commit, for a status change (see `_answer_held`)."""
    answers = Answer.objects.select_for_update(of=("self",)).filter(report_id=report.pk)
    list(answers.order_by("pk").values_list("pk", flat=True))


def _foldable(latest: AnswerChange, *, source: str, user: User | None, now: Any) -> bool:
    """Whether this save folds into the latest history entry: when that is this user's
    edit of the last minutes (the common case while someone types)."""
    foldable = (ChangeSource.EDIT, ChangeSource.AUTOSAVE)
    return (
        user is not None
        and source in foldable
        and latest.source in foldable
        and latest.changed_by_id == user.pk
        and latest.changed_at > now - HISTORY_FOLD_WINDOW
    )


def section_text_save(
    *,
    report: Report,
    theme: Theme,
    element: Element | None,
    text: str,
    base_revision: int,
    user: User,
) -> tuple[SectionText, bool]:
    """Store the running text of a theme or element, with the same conflict check.

    Running texts autosave while someone types, so not every save is audited: only the save
    that starts an editing session (the text was last saved by someone else, or longer than
    HISTORY_FOLD_WINDOW ago), the same rule by which answer_save folds an answer's saves into
    one history entry. The log then says who edited which text when, one row per session."""
    text = clean_text(text)
    if message := text_too_long(text, limit=SECTION_TEXT_MAX):
        raise ReportError(message)
    with transaction.atomic():
        locked = _locked_report(report)
        _require_editable(locked, user)
        section, _created = SectionText.objects.select_for_update().get_or_create(
            report=locked, theme=theme, element=element
        )
        if section.text == text:
            return section, False
        if section.revision != base_revision:
            raise EditConflict(
                current={"text": section.text},
                revision=section.revision,
                changed_by=_changed_by(section.updated_by),
            )
        now = timezone.now()
        session_starts = (
            section.updated_by_id != user.pk
            or section.updated_at is None
            or section.updated_at <= now - HISTORY_FOLD_WINDOW
        )
        section.text = text
        section.revision += 1
        section.updated_at = now
        section.updated_by = user
        section.save()
        if session_starts:
            place = element.title if element is not None else theme.short_title
            _audit_section_text(section=section, place=place, report=locked, user=user)
    return section, True


def _audit_section_text(*, section: SectionText, place: str, report: Report, user: User) -> None:
    audit_record(
        actor=user,
        action=ReportAuditAction.SECTION_TEXT_SAVED,
        target=section,
        summary=_("Running text of %(place)s in %(report)s edited")
        % {"place": place, "report": report},
        detail={"report": report.pk, "revision": section.revision},
    )


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
    if name == "send_back" and not note:
        raise ReportError(_("Say why the report goes back to the rapporteur."))
    with transaction.atomic():
        locked = _locked_report(report)
        _answers_held(locked)
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
        previous = locked.status
        locked.status = transition.target
        locked.save(update_fields=fields)
        StatusChange.objects.create(
            report=locked,
            from_status=previous,
            to_status=transition.target,
            changed_by=user,
            changed_by_name=_user_name(user),
            note=note,
        )
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


def report_correct(*, report: Report, user: User) -> Report:
    """Start a new version of a finalised report; the finalised one stays as it is."""
    with transaction.atomic():
        locked = _locked_report(report)
        _require_writer(locked, user)
        if locked.status != ReportStatus.VASTGESTELD:
            raise ReportError(_("Only a finalised report gets a new version; edit this one."))
        if Report.objects.filter(corrects=locked).exists():
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
            _change(
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
            changed_by_name=_user_name(user),
            note=_("New version of version %(number)s") % {"number": locked.number},
        )
        audit_record(
            actor=user,
            action=AuditAction.REPORT_CORRECTED,
            target=new,
            summary=_("New version %(new)s of %(old)s") % {"new": new.number, "old": locked},
        )
        emit(
            ReportCorrected(
                actor_id=user.pk, report_id=new.pk, corrects_id=locked.pk, number=new.number
            )
        )
    return new


def comment_add(
    *,
    report: Report,
    user: User,
    text: str,
    kind: str = CommentKind.REMARK,
    answer: Answer | None = None,
    theme: Theme | None = None,
) -> Comment:
    """A network member (or the rapporteur) comments while the report is under discussion."""
    text = clean_text(text)
    if message := text_too_long(text, limit=COMMENT_MAX):
        raise ReportError(message)
    if not text:
        raise ReportError(_("Write a comment first."))
    if kind not in CommentKind.values:
        raise ReportError(_("Unknown kind of comment."))
    if answer is not None and answer.report_id != report.pk:
        raise ReportError(_("This answer belongs to another report."))
    with transaction.atomic():
        locked = _locked_report(report)
        if not report_shows_discussion(scope_for_user(user), locked):
            raise PermissionDenied(_("Only the network may comment on this report."))
        if locked.status != ReportStatus.TER_BESPREKING:
            raise ReportError(_("Comments are possible while the report is under discussion."))
        comment = Comment.objects.create(
            report=locked,
            answer=answer,
            theme=theme or (answer.indicator.theme if answer else None),
            kind=kind,
            text=text,
            author=user,
            author_name=user.get_full_name() or user.get_username(),
        )
        audit_record(
            actor=user,
            action=ReportAuditAction.COMMENT_ADDED,
            target=comment,
            summary=_("Comment added to %(report)s") % {"report": locked},
            detail={"report": locked.pk, "kind": kind},
        )
        emit(CommentAdded(actor_id=user.pk, report_id=locked.pk, comment_id=comment.pk, kind=kind))
    return comment


def comment_resolve(*, comment: Comment, user: User, resolution: str = "") -> Comment:
    if message := text_too_long(resolution.strip(), limit=COMMENT_MAX):
        raise ReportError(message)
    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("report__region")
            .get(pk=comment.pk)
        )
        _require_editable(locked.report, user)
        if locked.resolved_at is not None:
            return locked
        locked.resolved_at = timezone.now()
        locked.resolved_by = user
        locked.resolution = resolution.strip()
        locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        audit_record(
            actor=user,
            action=ReportAuditAction.COMMENT_RESOLVED,
            target=locked,
            summary=_("Comment on %(report)s resolved") % {"report": locked.report},
            detail={"report": locked.report_id},
        )
        emit(CommentResolved(actor_id=user.pk, report_id=locked.report_id, comment_id=locked.pk))
    return locked


ITEM_MODELS: dict[str, type[PracticeItem] | type[Quote] | type[SourceDocument]] = {
    "praktijk": PracticeItem,
    "quote": Quote,
    "bron": SourceDocument,
}


def report_item_save(
    *,
    report: Report,
    user: User,
    kind: str,
    values: dict[str, Any],
    item_id: int | None = None,
) -> PracticeItem | Quote | SourceDocument:
    """Create or change a practice item, quote or source (values already validated)."""
    if message := item_too_long(kind=kind, values=values):
        raise ReportError(message)
    # The story's module builds on this one; its placement check is imported when used.
    from .story_services import item_placement_check

    model = ITEM_MODELS[kind]
    with transaction.atomic():
        locked = _locked_report(report)
        _require_editable(locked, user)
        item_placement_check(report=locked, values=values)
        if item_id is None:
            item = model(report=locked, position=model.objects.filter(report=locked).count())
        else:
            item = model.objects.select_for_update().get(pk=item_id, report=locked)
        for name, value in values.items():
            setattr(item, name, value)
        item.full_clean()
        item.save()
        audit_record(
            actor=user,
            action=ReportAuditAction.REPORT_ITEM_SAVED,
            target=item,
            summary=_("%(kind)s saved in %(report)s")
            % {"kind": capfirst(model._meta.verbose_name), "report": locked},
            detail={"report": locked.pk, "kind": kind, "new": item_id is None},
        )
    return item


def report_item_delete(*, report: Report, user: User, kind: str, item_id: int) -> None:
    model = ITEM_MODELS[kind]
    with transaction.atomic():
        locked = _locked_report(report)
        _require_editable(locked, user)
        deleted, _rows = model.objects.filter(pk=item_id, report=locked).delete()
        if deleted:
            audit_record(
                actor=user,
                action=ReportAuditAction.REPORT_ITEM_DELETED,
                summary=_("%(kind)s removed from %(report)s")
                % {"kind": capfirst(model._meta.verbose_name), "report": locked},
                detail={"report": locked.pk, "kind": kind, "item": item_id},
            )
