"""Mistakes undone without losing anything (issue 19, ADR 20).

- A concept is removed by its rapporteur (`report_remove`): kept, restorable
  (`report_restore`) for REMOVED_KEPT_DAYS, then deleted for good with all its rows by
  `reports_purge` (`werkset reports purge`, run daily). Nobody sees a removed concept but its
  rapporteurs, in the workspace's list of removed concepts; it blocks no new report.
- A finalised report is withdrawn by the national role: the `withdraw` move of the
  workflow (reports/workflow.py TRANSITIONS); this module holds what it records.

Every write is atomic, locks the report, is audited and emits its event after the commit.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.events import emit
from werkset.core.services import audit_record
from werkset.regions.models import RegionalNetwork

from .audit import ReportAuditAction
from .events import ReportPurged, ReportRemoved, ReportRestored
from .models import PracticeItem, Report, ReportStatus, StatusChange
from .policy import DECIDED_STATUSES, REMOVED_KEPT_DAYS, report_may_remove, report_may_write
from .services import ReportError, locked_report, user_label, user_name


def report_remove(*, report: Report, user: User) -> Report:
    """Remove a concept: it disappears from every list, comparison and the API, and can be
    put back by its rapporteurs for REMOVED_KEPT_DAYS."""
    with transaction.atomic():
        locked = locked_report(report)
        scope = scope_for_user(user)
        if not report_may_write(scope, locked):
            raise PermissionDenied(_("Only the rapporteur of this report may remove it."))
        if not report_may_remove(scope, locked):
            raise ReportError(
                _("Only a concept can be removed: this report is %(status)s.")
                % {"status": locked.get_status_display().lower()}
            )
        locked.removed_at = timezone.now()
        locked.removed_by = user
        locked.save(update_fields=["removed_at", "removed_by"])
        audit_record(
            actor=user,
            action=ReportAuditAction.REPORT_REMOVED,
            target=locked,
            summary=_("Concept %(report)s removed (restorable for %(days)s days)")
            % {"report": locked, "days": REMOVED_KEPT_DAYS},
        )
        emit(ReportRemoved(actor_id=user.pk, report_id=locked.pk))
    return locked


def report_restore(*, report: Report, user: User) -> Report:
    """Put a removed concept back, unless a report started since stands in its place."""
    with transaction.atomic():
        # The network's lock serialises this with every start in the network (report_start).
        RegionalNetwork.objects.select_for_update().get(pk=report.network_id)
        locked = locked_report(report)
        if not report_may_write(scope_for_user(user), locked):
            raise PermissionDenied(_("Only the rapporteur of this report may restore it."))
        if locked.removed_at is None:
            raise ReportError(_("This report has not been removed."))
        _require_place_free(locked)
        locked.removed_at = None
        locked.removed_by = None
        locked.save(update_fields=["removed_at", "removed_by"])
        audit_record(
            actor=user,
            action=ReportAuditAction.REPORT_RESTORED,
            target=locked,
            summary=_("Removed concept %(report)s restored") % {"report": locked},
        )
        emit(ReportRestored(actor_id=user.pk, report_id=locked.pk))
    return locked


def _require_place_free(report: Report) -> None:
    """The rule of report_start: one report per unit, period and catalogue (and per
    network either as a whole or per region), and one newer version of a report."""
    live = Report.objects.filter(
        network_id=report.network_id,
        period=report.period,
        catalogue_version_id=report.catalogue_version_id,
        removed_at__isnull=True,
    )
    same_unit = (
        live.filter(region__isnull=True)
        if report.region_id is None
        else live.filter(region_id=report.region_id)
    )
    taken = same_unit.filter(number=report.number).exists() or (
        report.corrects_id is not None
        and Report.objects.filter(corrects_id=report.corrects_id, removed_at__isnull=True).exists()
    )
    other_kind = (
        live.filter(region__isnull=True)
        if report.region_id is not None
        else live.filter(region__isnull=False)
    )
    if taken or (report.number == 1 and other_kind.exists()):
        raise ReportError(
            _(
                "This concept cannot be restored: a report for %(unit)s, %(period)s has been "
                "started since. Remove that one first, or carry on with it."
            )
            % {"unit": report.unit, "period": report.period_label}
        )


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    report_ids: tuple[int, ...]


def reports_purge(*, now: datetime | None = None) -> PurgeResult:
    """Delete for good the concepts removed longer than REMOVED_KEPT_DAYS ago, with all
    their rows (answers, history, texts, items, comments, documents) and their files; one
    audit row per report, by the system."""
    cutoff = (now or timezone.now()) - timedelta(days=REMOVED_KEPT_DAYS)
    purged: list[int] = []
    candidates = Report.objects.filter(removed_at__lt=cutoff).order_by("pk")
    for report_id in list(candidates.values_list("pk", flat=True)):
        with transaction.atomic():
            report = (
                Report.objects.select_for_update(of=("self",))
                .select_related("region", "network")
                .filter(pk=report_id, removed_at__lt=cutoff)
                .first()
            )
            if report is None:  # restored or purged in the meantime
                continue
            files = [
                name
                for name in PracticeItem.objects.filter(report=report).values_list(
                    "image", flat=True
                )
                if name
            ] + [name for name in report.documents.values_list("file", flat=True) if name]
            label, network_id, region_id, period = (
                str(report),
                report.network_id,
                report.region_id,
                report.period,
            )
            removed_at = report.removed_at
            report.delete()
            for name in files:
                _delete_after_commit(name)
            audit_record(
                actor=None,
                action=ReportAuditAction.REPORT_PURGED,
                summary=_("Removed concept %(report)s deleted for good") % {"report": label},
                detail={
                    "report": report_id,
                    "removed_at": removed_at.isoformat() if removed_at else None,
                    "files": len(files),
                },
            )
            emit(
                ReportPurged(
                    actor_id=None,
                    report_id=report_id,
                    network_id=network_id,
                    region_id=region_id,
                    period=period,
                )
            )
            purged.append(report_id)
    return PurgeResult(len(purged), tuple(purged))


def _delete_after_commit(name: str) -> None:
    transaction.on_commit(lambda: default_storage.delete(name))


# Withdrawing (the workflow's `withdraw` move, reports/workflow.py) -----------------------


def not_replaced(report: Report) -> None:
    """The guard of `withdraw`: the version that stands is withdrawn, not one a newer
    decided version replaces (withdrawing that one takes the earlier versions with it)."""
    if Report.objects.filter(
        corrects=report, removed_at__isnull=True, status__in=DECIDED_STATUSES
    ).exists():
        raise ReportError(
            _("A newer finalised version replaces this report: withdraw that version.")
        )


def withdrawn_by(report: Report, *, user: User, reason: str) -> None:
    """Record on the report who withdrew it, when and why (the caller saves it)."""
    report.withdrawn_at = timezone.now()
    report.withdrawn_by = user
    report.withdrawn_by_name = user_label(user) or user_name(user)
    report.withdrawal_reason = reason


def withdraw_earlier(report: Report, *, user: User, reason: str) -> list[Report]:
    """The earlier finalised versions of a withdrawn report go with it: otherwise the one
    before would stand for its unit and period in the comparisons again. Each gets its own
    entry in its history."""
    withdrawn = []
    earlier_id = report.corrects_id
    while earlier_id is not None:
        earlier = locked_report(Report(pk=earlier_id))
        earlier_id = earlier.corrects_id
        if earlier.status != ReportStatus.VASTGESTELD:
            continue
        withdrawn_by(earlier, user=user, reason=reason)
        earlier.status = ReportStatus.INGETROKKEN
        earlier.save(
            update_fields=[
                "status",
                "withdrawn_at",
                "withdrawn_by",
                "withdrawn_by_name",
                "withdrawal_reason",
            ]
        )
        StatusChange.objects.create(
            report=earlier,
            from_status=ReportStatus.VASTGESTELD,
            to_status=ReportStatus.INGETROKKEN,
            changed_by=user,
            changed_by_name=user_name(user),
            note=_("Withdrawn with version %(number)s: %(reason)s")
            % {"number": report.number, "reason": reason},
        )
        withdrawn.append(earlier)
    return withdrawn
