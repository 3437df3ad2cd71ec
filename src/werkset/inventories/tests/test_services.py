"""Loading an instrument, appointing a researcher, refusing bad input (issue 22)."""

import pytest
from django.core.exceptions import PermissionDenied

from werkset.accounts.scope import scope_for_user
from werkset.inventories.demo import INSTRUMENT_FILE
from werkset.inventories.models import Inventory, InventoryRecord, InventoryResearcher
from werkset.inventories.services import (
    InventoryError,
    RecordInput,
    inventory_load,
    inventory_record_save,
    inventory_researcher_appoint,
)

pytestmark = pytest.mark.django_db


def test_loading_again_is_idempotent(inventory):
    again, new = inventory_load(path=INSTRUMENT_FILE)
    assert (again.pk, new) == (inventory.pk, False)


def test_the_same_code_with_other_content_is_refused(inventory, tmp_path):
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        INSTRUMENT_FILE.read_text(encoding="utf-8").replace("tweewekelijks", "om de week"),
        encoding="utf-8",
    )
    with pytest.raises(InventoryError):
        inventory_load(path=changed)
    assert Inventory.objects.count() == 1


def test_an_invalid_instrument_is_refused_in_dutch(regions, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nkind: inventarisatie\n", encoding="utf-8")
    with pytest.raises(InventoryError, match="Ongeldig instrument"):
        inventory_load(path=broken)


def test_an_unknown_code_changes_nothing(inventory, landelijk, friesland):
    with pytest.raises(InventoryError):
        inventory_record_save(
            inventory=inventory,
            region=friesland,
            data=RecordInput(codes=frozenset({"verzonnen"})),
            user=landelijk,
            scope=scope_for_user(landelijk),
        )
    assert not InventoryRecord.objects.exists()


def test_only_the_national_network_appoints_a_researcher(inventory, netwerklid_noord, make_user):
    with pytest.raises(PermissionDenied):
        inventory_researcher_appoint(
            inventory=inventory,
            researcher=make_user(),
            user=netwerklid_noord,
            scope=scope_for_user(netwerklid_noord),
        )
    assert not InventoryResearcher.objects.exists()
