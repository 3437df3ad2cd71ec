"""Writes of the kennisbank: linking a practice item to an improvement point as inspiration,
and unlinking it. Keyword-only, atomic, the point's row locked, checked against policy.py,
audited. (The index itself is kept by indexing.py.)"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_user
from werkset.core.services import audit_record
from werkset.improvement.models import ImprovementPoint

from .audit import KnowledgeAuditAction
from .models import Inspiration, Passage, PassageKind
from .policy import INSPIRATIONS_MAX, inspiration_may_link


class KnowledgeError(Exception):
    """A refusal with a message for the user (in Dutch)."""


def _locked_point(point: ImprovementPoint, user: User) -> ImprovementPoint:
    locked = ImprovementPoint.objects.select_for_update().select_related("network").get(pk=point.pk)
    if not inspiration_may_link(scope_for_user(user), locked):
        raise PermissionDenied(_("Only the network's own people link inspiration to its points."))
    return locked


def inspiration_add(*, point: ImprovementPoint, practice_item_id: int, user: User) -> Inspiration:
    """Link a practice item of another network's finalised report (one in the kennisbank)."""
    with transaction.atomic():
        locked = _locked_point(point, user)
        passage = (
            Passage.objects.filter(kind=PassageKind.PRACTICE, practice_item_id=practice_item_id)
            .select_related("practice_item")
            .first()
        )
        if passage is None or passage.practice_item is None:
            raise KnowledgeError(_("This practice item is not in the knowledge base."))
        if passage.network_id == locked.network_id:
            raise KnowledgeError(_("Link practice items of other networks' regions."))
        if locked.inspirations.filter(practice_item_id=practice_item_id).exists():
            raise KnowledgeError(_("This practice item is already linked to the point."))
        if locked.inspirations.count() >= INSPIRATIONS_MAX:
            raise KnowledgeError(
                _("A point links at most %(count)s practice items.") % {"count": INSPIRATIONS_MAX}
            )
        inspiration = Inspiration.objects.create(
            point=locked, practice_item=passage.practice_item, created_by=user
        )
        audit_record(
            actor=user,
            action=KnowledgeAuditAction.INSPIRATION_ADDED,
            target=locked,
            summary=_("“%(item)s” linked to improvement point “%(point)s”")
            % {"item": passage.practice_item.title, "point": locked.title},
            detail={"practice_item": practice_item_id, "report": passage.report_id},
        )
    return inspiration


def inspiration_remove(*, point: ImprovementPoint, inspiration_id: int, user: User) -> None:
    with transaction.atomic():
        locked = _locked_point(point, user)
        inspiration = (
            locked.inspirations.select_related("practice_item").filter(pk=inspiration_id).first()
        )
        if inspiration is None:
            raise KnowledgeError(_("This link no longer exists."))
        title = inspiration.practice_item.title
        inspiration.delete()
        audit_record(
            actor=user,
            action=KnowledgeAuditAction.INSPIRATION_REMOVED,
            target=locked,
            summary=_("“%(item)s” unlinked from improvement point “%(point)s”")
            % {"item": title, "point": locked.title},
            detail={"practice_item": inspiration.practice_item_id},
        )
