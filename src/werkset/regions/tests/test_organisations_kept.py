"""The kept list of partner organisations follows every change (regions.selectors)."""

import pytest

from werkset.regions.models import Organisation
from werkset.regions.selectors import organisations_in_order

pytestmark = pytest.mark.django_db


def test_een_nieuwe_organisatie_staat_meteen_in_de_lijst(regions):
    before = [o.code for o in organisations_in_order()]
    Organisation.objects.create(
        code="nieuw-partner", name="Nieuwe partner", short_name="NP", position=99
    )
    assert [o.code for o in organisations_in_order()] == [*before, "nieuw-partner"]


def test_een_gewijzigde_naam_staat_meteen_in_de_lijst(regions):
    first = organisations_in_order()[0]
    stored = Organisation.objects.get(pk=first.pk)
    stored.name = "Andere naam"
    stored.save()
    assert organisations_in_order()[0].name == "Andere naam"


def test_een_verwijderde_organisatie_verdwijnt_uit_de_lijst(regions):
    extra = Organisation.objects.create(code="weg", name="Weg", short_name="Weg", position=99)
    assert "weg" in [o.code for o in organisations_in_order()]
    extra.delete()
    assert "weg" not in [o.code for o in organisations_in_order()]
