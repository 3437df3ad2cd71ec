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


def test_werkruimte_voor_de_eigen_rapporteur(client_for, rapporteur_friesland, friesland):
    response = client_for(rapporteur_friesland).get(
        reverse("regions:workspace", args=["friesland"])
    )
    assert response.status_code == 200
    assert "Friesland" in response.content.decode()


@pytest.mark.parametrize("code", ["utrecht", "groningen"])
def test_werkruimte_van_een_andere_regio_is_verboden(client_for, rapporteur_friesland, code):
    response = client_for(rapporteur_friesland).get(reverse("regions:workspace", args=[code]))
    assert response.status_code == 403


def test_netwerklid_opent_regios_van_het_eigen_netwerk(client_for, netwerklid_noord):
    client = client_for(netwerklid_noord)
    assert client.get(reverse("regions:workspace", args=["drenthe"])).status_code == 200
    assert client.get(reverse("regions:workspace", args=["twente"])).status_code == 403


def test_landelijk_en_beheerder_openen_geen_werkruimte(client_for, landelijk, beheerder):
    for user in (landelijk, beheerder):
        response = client_for(user).get(reverse("regions:workspace", args=["friesland"]))
        assert response.status_code == 403


def test_anoniem_wordt_naar_inloggen_gestuurd(client, regions):
    response = client.get(reverse("regions:workspace", args=["friesland"]))
    assert response.status_code == 302


def test_onbekende_regio_geeft_404(client_for, landelijk):
    assert (
        client_for(landelijk).get(reverse("regions:workspace", args=["atlantis"])).status_code
        == 404
    )


def test_overzicht_toont_alle_regios(client_for, landelijk):
    html = client_for(landelijk).get(reverse("regions:index")).content.decode()
    assert "West-Brabant district De Baronie" in html
    assert "Veilig Thuis Noord- en Midden-Limburg" in html
