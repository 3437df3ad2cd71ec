"""The audit actions of national inventories (core/audit.py, ADR 14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class InventoryAuditAction(models.TextChoices):
    INVENTORY_LOADED = "inventory_loaded", _("National inventory loaded")
    RESEARCHER_APPOINTED = "inventory_researcher_appointed", _("Inventory researcher appointed")
    RECORD_SAVED = "inventory_record_saved", _("Inventory of a region recorded")
    RECORD_CORRECTED = (
        "inventory_record_corrected",
        _("Inventory of a region corrected by the region"),
    )
