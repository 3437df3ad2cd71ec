"""Writing national inventories: loading an instrument, appointing a researcher and
recording (or, by the region, correcting) what an inventory says about a region. Who may is
inventories/policy.py's; every change is atomic, checked against the instrument (bad input
changes nothing and says why in Dutch) and audited with the state before and after."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.accounts.scope import Scope
from werkset.core.services import audit_record
from werkset.regions.models import Region

from .audit import InventoryAuditAction
from .instrument import InstrumentError, instrument_read
from .models import (
    CharacteristicVerdict,
    Inventory,
    InventoryRecord,
    InventoryResearcher,
    Participation,
    RecordCharacteristic,
    RecordCode,
    RecordParticipant,
)
from .policy import inventory_may_correct, inventory_may_manage, inventory_may_record

MAX_EXPLANATION = 2000
MAX_SUMMARY = 4000


class InventoryError(Exception):
    """Input or a state the inventory does not allow (a Dutch message for the user)."""


@dataclass
class RecordInput:
    """What is recorded about one region; every key must be the instrument's."""

    characteristics: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    participants: Mapping[str, str] = field(default_factory=dict)
    frequency: str = ""
    just_started: bool = False
    codes: frozenset[str] = frozenset()
    summary: str = ""


def inventory_load(*, path: Path, user: User | None = None) -> tuple[Inventory, bool]:
    """Load an instrument data file (idempotent); returns the inventory and whether it is new.
    A loaded instrument is immutable: the same slug with other content is refused."""
    try:
        instrument, sha = instrument_read(path)
    except (OSError, InstrumentError) as exc:
        raise InventoryError(str(exc)) from exc
    document = instrument.document
    with transaction.atomic():
        existing = Inventory.objects.select_for_update().filter(slug=document["slug"]).first()
        if existing is not None:
            if existing.source_sha256 != sha:
                raise InventoryError(
                    _("The inventory %(slug)s was loaded with other content; give it a new code.")
                    % {"slug": document["slug"]}
                )
            return existing, False
        inventory = Inventory.objects.create(
            slug=document["slug"],
            title=document["title"],
            year=document["year"],
            instrument_document=document,
            source_sha256=sha,
        )
        audit_record(
            actor=user,
            action=InventoryAuditAction.INVENTORY_LOADED,
            target=inventory,
            summary=f"{inventory.title} ({path.name})",
            detail={"slug": inventory.slug, "sha256": sha},
        )
    return inventory, True


def inventory_researcher_appoint(
    *, inventory: Inventory, researcher: User, user: User, scope: Scope
) -> InventoryResearcher:
    """The national network appoints a researcher for one inventory."""
    if not inventory_may_manage(scope):
        raise PermissionDenied
    with transaction.atomic():
        appointed, created = InventoryResearcher.objects.get_or_create(
            inventory=inventory, user=researcher, defaults={"appointed_by": user}
        )
        if created:
            audit_record(
                actor=user,
                action=InventoryAuditAction.RESEARCHER_APPOINTED,
                target=inventory,
                summary=_("%(user)s appointed as researcher for %(inventory)s")
                % {"user": researcher.get_username(), "inventory": inventory},
                detail={"user_id": researcher.pk},
            )
    return appointed


def _checked(inventory: Inventory, data: RecordInput) -> RecordInput:
    instrument = inventory.instrument
    characteristics = {c.key for c in instrument.characteristics}
    verdicts = set(CharacteristicVerdict.values) | {""}
    for key, (verdict, explanation) in data.characteristics.items():
        if key not in characteristics or verdict not in verdicts:
            raise InventoryError(_("Unknown characteristic or answer of the toetsingskader."))
        if len(explanation) > MAX_EXPLANATION:
            raise InventoryError(
                _("An explanation is at most %(n)s characters.") % {"n": MAX_EXPLANATION}
            )
    partners = {p.key for p in instrument.partners}
    if any(
        key not in partners or value not in Participation.values
        for key, value in data.participants.items()
    ):
        raise InventoryError(_("Unknown partner or way of taking part."))
    if data.frequency and data.frequency not in {f.key for f in instrument.frequencies}:
        raise InventoryError(_("Unknown frequency."))
    if not data.codes <= instrument.code_keys:
        raise InventoryError(_("Unknown code: choose from the inventory's list."))
    if len(data.summary) > MAX_SUMMARY:
        raise InventoryError(_("The summary is at most %(n)s characters.") % {"n": MAX_SUMMARY})
    return data


def _state(record: InventoryRecord) -> dict[str, Any]:
    return {
        "characteristics": {
            c.key: [c.verdict, c.explanation] for c in record.characteristics.order_by("key")
        },
        "participants": dict(
            record.participants.order_by("partner").values_list("partner", "participation")
        ),
        "frequency": record.frequency,
        "just_started": record.just_started,
        "codes": sorted(record.codes.values_list("code", flat=True)),
        "summary": record.summary,
    }


def inventory_record_save(
    *, inventory: Inventory, region: Region, data: RecordInput, user: User | None, scope: Scope
) -> InventoryRecord:
    """Record what the inventory says about a region, replacing what was there. The national
    network or a researcher records; the region's own people correct (audited as such)."""
    recording = inventory_may_record(scope, user=user, inventory=inventory)
    if not recording and not inventory_may_correct(scope, region=region):
        raise PermissionDenied
    data = _checked(inventory, data)
    with transaction.atomic():
        Inventory.objects.select_for_update().filter(pk=inventory.pk).first()
        record, _created = InventoryRecord.objects.select_for_update().get_or_create(
            inventory=inventory, region=region
        )
        before = _state(record)
        record.characteristics.all().delete()
        RecordCharacteristic.objects.bulk_create(
            RecordCharacteristic(record=record, key=key, verdict=verdict, explanation=text.strip())
            for key, (verdict, text) in data.characteristics.items()
            if verdict
        )
        record.participants.all().delete()
        RecordParticipant.objects.bulk_create(
            RecordParticipant(record=record, partner=key, participation=value)
            for key, value in data.participants.items()
        )
        record.codes.all().delete()
        RecordCode.objects.bulk_create(
            RecordCode(record=record, code=c) for c in sorted(data.codes)
        )
        record.frequency = data.frequency
        record.just_started = data.just_started
        record.summary = data.summary.strip()
        record.updated_by = user if user is not None and user.is_authenticated else None
        record.save()
        after = _state(record)
        if before != after:
            audit_record(
                actor=user,
                action=InventoryAuditAction.RECORD_SAVED
                if recording
                else InventoryAuditAction.RECORD_CORRECTED,
                target=record,
                summary=f"{inventory.title}: {region.name}",
                detail={"region": region.code, "before": before, "after": after},
            )
    return record
