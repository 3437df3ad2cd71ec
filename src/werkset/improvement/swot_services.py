"""Every write to a network's SWOT of a theme, the analysis its improvement points may start
from: atomic, checked against the user's scope (rules.py), audited, and its domain event
(events.py) emitted, delivered after the commit."""

from django.db import transaction
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.catalogue.models import Theme
from werkset.core.events import emit
from werkset.regions.models import RegionalNetwork

from .events import SwotEntryAdded, SwotEntryRemoved
from .models import SwotEntry
from .service_common import (
    ImprovementError,
    audit_improvement,
    checked_text,
    require_network_worker,
)
from .vocabulary import Quadrant


def swot_entry_add(
    *, network: RegionalNetwork, theme: Theme, quadrant: str, text: str, user: User
) -> SwotEntry:
    if quadrant not in Quadrant.values:
        raise ImprovementError(_("Choose strengths, weaknesses, opportunities or threats."))
    text = checked_text(
        text, required=_("Write the strength, weakness, opportunity or threat first.")
    )
    with transaction.atomic():
        locked = RegionalNetwork.objects.select_for_update().get(pk=network.pk)
        require_network_worker(locked, user)
        entry = SwotEntry.objects.create(
            network=locked, theme=theme, quadrant=quadrant, text=text, created_by=user
        )
        audit_improvement(
            user,
            entry,
            _("SWOT entry added (%(quadrant)s, %(theme)s)")
            % {"quadrant": quadrant, "theme": theme.short_title},
        )
        emit(
            SwotEntryAdded(
                actor_id=user.pk, entry_id=entry.pk, network_id=locked.pk, quadrant=quadrant
            )
        )
    return entry


def swot_entry_delete(*, entry: SwotEntry, user: User) -> None:
    """Remove a SWOT entry, unless it has become an improvement point (it stays as its source)."""
    with transaction.atomic():
        locked = SwotEntry.objects.select_for_update().select_related("network").get(pk=entry.pk)
        require_network_worker(locked.network, user)
        if locked.improvement_points.exists():
            raise ImprovementError(
                _("This entry has become an improvement point and stays as its source.")
            )
        audit_improvement(
            user,
            locked,
            _("SWOT entry removed: %(text)s") % {"text": locked.text[:80]},
            quadrant=locked.quadrant,
        )
        emit(SwotEntryRemoved(actor_id=user.pk, entry_id=locked.pk, network_id=locked.network_id))
        locked.delete()
