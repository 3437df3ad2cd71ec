from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from werkset.regions.models import Region, RegionalNetwork, VeiligThuisRegion
from werkset.regions.services import RegionsFileError, regions_load

pytestmark = pytest.mark.django_db


def test_tien_netwerken_en_vijfentwintig_regios(regions):
    assert RegionalNetwork.objects.count() == 10
    assert Region.objects.count() == 25
    counts = {n.code: n.regions.count() for n in RegionalNetwork.objects.all()}
    assert counts["oost-nederland"] == 5
    assert counts["zeeland-west-brabant"] == 4
    assert counts["amsterdam"] == 1


def test_onregelmatigheden_uit_de_inventarisatie(regions):
    limburg = Region.objects.get(code="limburg")
    assert limburg.veilig_thuis_regions.count() == 2
    west_brabant = VeiligThuisRegion.objects.get(name="Veilig Thuis West-Brabant")
    assert set(west_brabant.regions.values_list("code", flat=True)) == {
        "west-brabant-de-markiezaten",
        "west-brabant-de-baronie",
    }


def test_opnieuw_laden_verandert_niets(regions):
    result = regions_load(path=Path(settings.WERKSET_REGIONS_FILE))
    assert result.created == 0
    assert Region.objects.count() == 25


def test_kapot_regiobestand_schrijft_niets(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_text(
        "organisations: []\nnetworks:\n  - code: x\n    name: X\n    arrondissement: X\n"
        "    regions:\n      - {code: a, name: A, vt: [VT A]}\n      - {code: b, vt: [VT B]}\n"
    )
    with pytest.raises(RegionsFileError, match=r"networks\[0\].regions\[1\].*'name'"):
        regions_load(path=path)
    assert RegionalNetwork.objects.count() == 0
    assert Region.objects.count() == 0


def test_overzicht_toont_alle_regios(client_for, landelijk):
    html = client_for(landelijk).get(reverse("regions:index")).content.decode()
    assert "West-Brabant district De Baronie" in html
    assert "Veilig Thuis Noord- en Midden-Limburg" in html
