"""A malformed regions file gets a Dutch CommandError, not a traceback (finding L4), and
nothing is loaded."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from werkset.regions.models import Organisation, Region, RegionalNetwork

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Organisation.objects.count(), RegionalNetwork.objects.count(), Region.objects.count()


def _load(path: Path) -> str:
    before = _counts()
    with pytest.raises(CommandError) as raised:
        call_command("regions", "load", "--file", str(path))
    assert _counts() == before
    return str(raised.value)


def test_geen_utf8_wordt_in_het_nederlands_geweigerd(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_bytes(b"\xff\xfeorganisations: []\n")

    assert _load(path) == (
        "regions.yaml kan niet gelezen worden: Dit bestand is geen tekstbestand in UTF-8."
    )


def test_te_diep_genest_wordt_in_het_nederlands_geweigerd(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")

    # Compared through gettext: the text the user reads, whatever its translation.
    nested = _("This file is nested too deeply to be read.")
    assert _load(path) == f"regions.yaml kan niet gelezen worden: {nested}"
