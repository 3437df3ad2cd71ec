"""A malformed instrument file gets a Dutch CommandError, not a traceback or a message about
a text read as UTF-16 (finding L4), and nothing is loaded."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from werkset.core.models import AuditEvent
from werkset.inventories.models import Inventory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfeslug: x\n", "kapot.yaml is geen tekstbestand in UTF-8."),
        (b"[" * 50_000 + b"]" * 50_000, "kapot.yaml is geen geldige YAML: te diep genest."),
    ],
    ids=["utf16", "diep"],
)
def test_een_onleesbaar_bestand_wordt_in_het_nederlands_geweigerd(tmp_path, content, message):
    path = tmp_path / "kapot.yaml"
    path.write_bytes(content)
    counts = Inventory.objects.count(), AuditEvent.objects.count()

    with pytest.raises(CommandError) as raised:
        call_command("inventory", "load", str(path), stdout=StringIO())

    assert str(raised.value) == message
    assert (Inventory.objects.count(), AuditEvent.objects.count()) == counts
