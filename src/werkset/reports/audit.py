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
    STORY_SAVED = "report_story_saved", _("Title, introduction or summary of a report edited")
    OWN_SECTION_SAVED = "own_section_saved", _("Own chapter or paragraph saved")
    OWN_SECTION_MOVED = "own_section_moved", _("Own chapter or paragraph moved")
    OWN_SECTION_DELETED = "own_section_deleted", _("Own chapter or paragraph removed")
    PRACTICE_IMAGE_SAVED = "practice_image_saved", _("Image of a practice item saved")
    PRACTICE_IMAGE_REMOVED = "practice_image_removed", _("Image of a practice item removed")
    REPORT_REMOVED = "report_removed", _("Concept report removed (restorable)")
    REPORT_RESTORED = "report_restored", _("Removed concept report restored")
    REPORT_PURGED = "report_purged", _("Removed concept report deleted for good")
    REPORT_WITHDRAWN = "report_withdrawn", _("Finalised report withdrawn")
    PROPOSAL_MADE = "proposal_made", _("Correction proposed")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("Correction proposal accepted")
    PROPOSAL_DECLINED = "proposal_declined", _("Correction proposal declined")
