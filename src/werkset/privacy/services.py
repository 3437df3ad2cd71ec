"""Recording that a flagged text is not personal data: who, when and why."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.models import AuditAction
from werkset.core.services import audit_record
from werkset.reports.limits import COMMENT_MAX, text_too_long
from werkset.reports.models import Report
from werkset.reports.policy import report_may_edit, report_may_write

from .detectors import KIND_LABELS
from .models import PrivacyClearance

# A clearance matches a hit by kind and exact text; the column holds this many characters.
CLEARANCE_TEXT_MAX = 500


class PrivacyError(Exception):
    """The clearance cannot be recorded; the message says why, in Dutch."""


def privacy_hit_clear(
    *, report: Report, kind: str, text: str, reason: str, user: User
) -> PrivacyClearance:
    scope = scope_for_user(user)
    if not report_may_write(scope, report):
        raise PermissionDenied(_("Only the rapporteur of this report may record this."))
    reason = reason.strip()
    if kind not in KIND_LABELS:
        raise PrivacyError(_("Unknown kind of personal data."))
    if not reason:
        raise PrivacyError(_("Say why this is not personal data."))
    if message := text_too_long(reason, limit=COMMENT_MAX):
        raise PrivacyError(message)
    if len(text) > CLEARANCE_TEXT_MAX:
        # Cut off, it would match no hit (or, as a prefix, more than this one).
        raise PrivacyError(_("This text is too long to mark as not personal data; remove it."))
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if not report_may_edit(scope, locked):
            raise PrivacyError(_("This report is finalised and no longer changes."))
        clearance, created = PrivacyClearance.objects.get_or_create(
            report=locked,
            kind=kind,
            text=text,
            defaults={
                "reason": reason,
                "cleared_by": user,
                "cleared_by_name": user.display_name,
            },
        )
        if not created:
            return clearance
        audit_record(
            actor=user,
            action=AuditAction.PRIVACY_CLEARED,
            target=locked,
            summary=_("'%(text)s' marked as not personal data") % {"text": text[:100]},
            detail={"kind": kind, "reason": reason},
        )
    return clearance
