"""The network's discussion of a report: comments and their resolution."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Theme
from werkset.core.events import emit
from werkset.core.services import audit_record

from .answers import clean_text
from .audit import ReportAuditAction
from .events import CommentAdded, CommentResolved
from .limits import COMMENT_MAX, text_too_long
from .models import (
    Answer,
    Comment,
    CommentKind,
    Report,
)
from .policy import (
    report_may_comment,
    report_shows_discussion,
)

# Quick successive saves by the same person fold into one history entry.
from .services import ReportError, locked_report, require_editable


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
        locked = locked_report(report)
        scope = scope_for_user(user)
        if not report_may_comment(scope, locked):
            if not report_shows_discussion(scope, locked):
                raise PermissionDenied(_("Only the network may comment on this report."))
            raise ReportError(_("Comments are possible while the report is under discussion."))
        comment = Comment.objects.create(
            report=locked,
            answer=answer,
            theme=theme or (answer.indicator.theme if answer else None),
            kind=kind,
            text=text,
            author=user,
            author_name=user.display_name,
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
        require_editable(locked.report, user)
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
