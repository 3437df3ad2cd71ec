"""The audit actions of reports that core does not know (core/audit.py, ADR 14).

The older report actions (report_started, report_status_changed, report_corrected) stay in
core's AuditAction with their values, for the rows written with them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class ReportAuditAction(models.TextChoices):
    SECTION_TEXT_SAVED = "section_text_saved", _("Running text edited")
    COMMENT_ADDED = "comment_added", _("Comment added")
    COMMENT_RESOLVED = "comment_resolved", _("Comment resolved")
    REPORT_ITEM_SAVED = "report_item_saved", _("Practice item, quote or source saved")
    REPORT_ITEM_DELETED = "report_item_deleted", _("Practice item, quote or source removed")
