"""Every write to a report: atomic, the row locked, checked against the user's scope, audited.

Starting a report, its answers, running texts and items live here; the status transitions
and new versions in reports/workflow.py (TRANSITIONS, and nowhere else), the discussion in
reports/comment_services.py. State changes emit their domain event (reports/events.py),
delivered after the commit.
"""

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import CatalogueVersion
from werkset.catalogue.selectors import catalogue_lineage
from werkset.core.events import emit
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.regions.models import Region, RegionalNetwork
from werkset.rounds.models import ReportingRound, RoundStatus

from .answers import AnswerContent, content_of
from .events import ReportStarted
from .limits import EXPLANATION_MAX, text_too_long
from .models import (
    Answer,
    AnswerChange,
    ChangeSource,
    Report,
    ReportStatus,
    StatusChange,
    period_label,
    period_start,
    validate_period,
)
from .policy import (
    EDITABLE_STATUSES,
    perspectives_after_save,
    regional_after_save,
    report_may_edit,
    report_may_start,
    report_may_write,
)

# Quick successive saves by the same person fold into one history entry.
HISTORY_FOLD_WINDOW = timedelta(minutes=10)


class ReportError(Exception):
    """A request that does not fit the report's state; the message says why, in Dutch."""


class InputTooLong(ReportError):
    """A text over its limit: bad input, which the web's autosave and the API answer with 400
    ("invalid"), not with the 409 of a report that refuses a change (finding L5)."""


class EditConflict(Exception):
    """Someone else saved in between; carries what is stored now, so both can be shown."""

    def __init__(self, *, current: dict[str, Any], revision: int, changed_by: str):
        super().__init__(_("Someone else changed this in the meantime."))
        self.current = current
        self.revision = revision
        self.changed_by = changed_by


def require_writer(report: Report, user: User) -> None:
    if not report_may_write(scope_for_user(user), report):
        raise PermissionDenied(_("Only the rapporteur of this report may change it."))


def require_editable(report: Report, user: User) -> None:
    """report_may_edit, with the reason when not: not the writer, or no longer changing."""
    scope = scope_for_user(user)
    if report_may_edit(scope, report):
        return
    require_writer(report, user)
    raise ReportError(
        _("This report is finalised and no longer changes. Make a new version to correct it.")
    )


def locked_report(report: Report) -> Report:
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


def user_name(user: User | None) -> str:
    return user.get_username() if user is not None else "systeem"


def answer_change(
    *,
    answer: Answer,
    before: AnswerContent,
    source: str,
    user: User | None,
    now: Any,
    proposed_by: User | None = None,
) -> AnswerChange:
    """A history entry for the answer's current content (not saved yet); `proposed_by`: who
    proposed the value that `user` accepted (a correction proposal)."""
    return AnswerChange(
        answer=answer,
        revision=answer.revision,
        changed_at=now,
        changed_by=user,
        changed_by_name=user_name(user),
        proposed_by=proposed_by,
        proposed_by_name=user_name(proposed_by) if proposed_by is not None else "",
        source=source,
        before=before.as_dict(),
        after=content_of(answer).as_dict(),
    )


def user_label(user: User | None) -> str:
    return user.display_name if user is not None else ""


def report_start(
    *,
    period: str,
    user: User,
    catalogue_version: CatalogueVersion | None = None,
    region: Region | None = None,
    network: RegionalNetwork | None = None,
    start_from: Report | None = None,
) -> Report:
    """Start a report for a period, empty or from an earlier report's answers: a region's
    report (`region`) or a regional network's own report (`network`, issue 18). For one
    period a network reports either as a network or per region, not both.

    A report starts only in the open reporting round of its period (rounds/, issue 19) and
    uses the round's catalogue version; `catalogue_version`, when given, must be that one."""
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
        # The round's row is locked: a round closed at the same moment starts nothing more.
        catalogue_version = round_catalogue_version(
            period=period, catalogue_version=catalogue_version
        )
        if not catalogue_version.reports_for(region_unit=region is not None):
            # Its unit is the network (seed 003, ADR 32): one report for all its regions.
            raise ReportError(
                _(
                    "%(version)s is a self-audit of the regional network: start the report for "
                    "%(network)s, not for one of its regions."
                )
                % {"version": catalogue_version, "network": network}
            )
        # One lock per network serialises every start in it (network and region reports).
        RegionalNetwork.objects.select_for_update().get(pk=network.pk)
        # A removed concept (reports/undo.py) does not count: it blocks no new report.
        same_period = Report.objects.filter(
            network=network,
            period=period,
            catalogue_version=catalogue_version,
            removed_at__isnull=True,
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
            changed_by_name=user_name(user),
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


def round_catalogue_version(
    *, period: str, catalogue_version: CatalogueVersion | None
) -> CatalogueVersion:
    """The catalogue version of the open round of `period`, its row locked until commit; a
    Dutch refusal when the period has no open round or `catalogue_version` is another."""
    found = (
        ReportingRound.objects.select_for_update(of=("self",))
        .select_related("catalogue_version")
        .filter(period=period, status=RoundStatus.OPEN)
        .first()
    )
    if found is None:
        raise ReportError(
            _(
                "There is no open reporting round for %(period)s: a report starts only in a "
                "round the national network has opened."
            )
            % {"period": period_label(period)}
        )
    if catalogue_version is not None and catalogue_version.pk != found.catalogue_version_id:
        raise ReportError(
            _("The round of %(period)s uses catalogue version %(version)s.")
            % {"period": period_label(period), "version": found.catalogue_version}
        )
    return found.catalogue_version


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
            answer_change(
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
    proposed_by: User | None = None,
) -> tuple[Answer, bool]:
    """Store an answer; returns (answer, changed).

    If the answer changed since `base_revision` (someone else saved in between) and the
    stored text differs from this one, nothing is written and EditConflict carries both.
    `mentioned`: the organisations whose perspective the input gave or emptied; the stored
    perspectives of the others are kept (reports.policy). None: `content` is the whole
    answer, perspectives and regions included (a carry-over, a restore).
    `regions_mentioned`: likewise for a network report's answers per region (region codes).
    `proposed_by`: the author of the correction proposal this save accepts (its history
    entry names both; it never folds into another).
    """
    if message := text_too_long(
        content.explanation, *content.perspectives.values(), limit=EXPLANATION_MAX
    ):
        raise InputTooLong(message)
    with transaction.atomic():
        current, latest = _answer_held(answer)
        if user is not None:
            require_editable(current.report, user)
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
                changed_by=user_label(current.updated_by),
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
            answer_change(
                answer=current,
                before=stored,
                source=source,
                user=user,
                now=now,
                proposed_by=proposed_by,
            ).save()
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
    report's answers (`answers_held`), so it waits for the saves in progress, and a save that
    comes after it waits for it and reads the new status. Saves of other answers of the same
    report go on at the same time. The answer's lock keeps its history still, so the latest
    entry read after it is the one to fold into. SQLite leaves the locks out: its writing
    transaction holds the whole database."""
    current = Answer.objects.select_for_update(of=("self",)).order_by().get(pk=answer.pk)
    current.report = Report.objects.select_related("region").order_by().get(pk=current.report_id)
    latest = AnswerChange.objects.filter(answer_id=current.pk).order_by("-revision", "-id").first()
    return current, latest


def answers_held(report: Report) -> None:
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
