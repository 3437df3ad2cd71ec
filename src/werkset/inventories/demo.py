"""The demo's 2020 inventory (issue 22, Proof): the instrument is loaded and every region's
facts (inventories/data/demo-actieoverleg-2020.yaml) are recorded through the services, as
the national network would record them from interviews. Idempotent."""

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from werkset.accounts.models import Role, User
from werkset.accounts.scope import EMPTY_SCOPE, scope_for_user
from werkset.regions.models import Region

from .instrument import DATA_DIR
from .models import Inventory
from .services import RecordInput, inventory_load, inventory_record_save

INSTRUMENT_FILE = DATA_DIR / "inventarisatie-actieoverleg-2020.yaml"
DEMO_FILE = DATA_DIR / "demo-actieoverleg-2020.yaml"
NATIONAL_USER = "landelijk"
NATIONAL_SCOPE = replace(EMPTY_SCOPE, roles=frozenset({Role.LANDELIJK}))


class DemoRefused(Exception):
    """The demo data do not fit the database (regions missing)."""


@dataclass
class InventoryDemo:
    inventory: Inventory
    regions: int


def _input(facts: dict[str, Any], texts: dict[str, Any], instrument: Any) -> RecordInput:
    weekly = {f.key for f in instrument.frequencies if f.weekly}
    if facts["actieoverleg"]:
        characteristics = {key: ("ja", texts["wel"][key]) for key in texts["wel"]}
        if facts["frequency"] not in weekly:
            characteristics[instrument.timeliness] = ("nee", texts["lagere-frequentie"])
        participants = {"vt": "vast", "politie": "vast", **facts["participants"]}
        summary = texts["summary-wel"]
    else:
        characteristics = {c.key: ("nee", texts["geen"]) for c in instrument.characteristics}
        participants = {}
        summary = texts["summary-geen"]
    return RecordInput(
        characteristics=characteristics,
        participants=participants,
        frequency=facts.get("frequency", ""),
        just_started=bool(facts.get("just_started", False)),
        codes=frozenset(facts.get("codes", [])),
        summary=facts.get("summary", summary),
    )


def inventory_demo_create(*, demo_file: Path = DEMO_FILE) -> InventoryDemo:
    """Load the 2020 instrument and record every region's facts as the national network."""
    document = yaml.safe_load(demo_file.read_text(encoding="utf-8"))
    user = User.objects.filter(username=NATIONAL_USER).first()
    regions = {r.code: r for r in Region.objects.filter(code__in=list(document["regions"]))}
    missing = sorted(set(document["regions"]) - set(regions))
    if missing:
        raise DemoRefused(f"Regio's ontbreken voor de inventarisatie: {', '.join(missing)}")
    with transaction.atomic():
        inventory, _new = inventory_load(path=INSTRUMENT_FILE, user=user)
        # Without the demo's national account the demo records as the national role would.
        scope = scope_for_user(user) if user is not None else NATIONAL_SCOPE
        for code, facts in document["regions"].items():
            inventory_record_save(
                inventory=inventory,
                region=regions[code],
                data=_input(facts, document["texts"], inventory.instrument),
                user=user,
                scope=scope,
            )
    return InventoryDemo(inventory, len(document["regions"]))
