"""A malformed catalogue file gets a Dutch CommandError, not a traceback (finding L4), and
nothing is loaded."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from werkset.catalogue.models import CatalogueVersion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("action", ["check", "load"])
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfeslug: x\n", "kan niet gelezen worden: geen tekstbestand in UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "geen geldige YAML: te diep genest"),
        (b'{"a": ' * 5_000 + b"1" + b"}" * 5_000, "geen geldige YAML: te diep genest"),
    ],
    ids=["utf16", "diepe-lijst", "diepe-json"],
)
def test_een_onleesbaar_bestand_wordt_in_het_nederlands_geweigerd(
    tmp_path, action, content, message
):
    path = tmp_path / "kapot.yaml"
    path.write_bytes(content)
    count = CatalogueVersion.objects.count()

    with pytest.raises(CommandError) as raised:
        call_command("catalog", action, str(path), stdout=StringIO())

    assert message in str(raised.value)
    assert "kapot.yaml" in str(raised.value)
    assert CatalogueVersion.objects.count() == count
