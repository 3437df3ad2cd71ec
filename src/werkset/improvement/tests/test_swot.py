"""The SWOT per network and theme, with the seed's guiding questions, and the flow from a
SWOT entry to an improvement point."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from werkset.improvement.models import ImprovementPoint, SwotEntry
from werkset.improvement.service_common import ImprovementError
from werkset.improvement.swot_services import swot_entry_add, swot_entry_delete
from werkset.improvement.vocabulary import SWOT_QUADRANTS

from .factories import indicator_of, point_plan

pytestmark = pytest.mark.django_db


def test_vier_kwadranten_met_de_hulpvragen_uit_het_handvat():
    assert [q.key for q in SWOT_QUADRANTS] == ["sterkte", "zwakte", "kans", "bedreiging"]
    assert sum(len(q.questions) for q in SWOT_QUADRANTS) == 13


def test_de_swot_pagina_toont_de_hulpvragen_met_het_thema(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    response = client_for(netwerklid_noord).get(
        reverse("improvement:swot", args=[noord_nederland.code, "actieoverleg"])
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Welke meerwaarde wordt gezien?" in content
    assert "Hoe verhoudt Actie-overleg zich tot andere overleggen, zoals ZSM?" in content


def test_een_netwerklid_voegt_een_zwakte_toe(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    url = reverse("improvement:swot", args=[noord_nederland.code, "actieoverleg"])
    response = client_for(netwerklid_noord).post(
        url, {"quadrant": "zwakte", "zwakte-text": "Casussen komen laat binnen (fictief)."}
    )
    assert response.status_code == 302
    entry = SwotEntry.objects.get()
    assert (entry.quadrant, entry.network, entry.created_by) == (
        "zwakte",
        noord_nederland,
        netwerklid_noord,
    )


def test_een_lege_swot_regel_geeft_een_nederlandse_fout(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    url = reverse("improvement:swot", args=[noord_nederland.code, "actieoverleg"])
    response = client_for(netwerklid_noord).post(url, {"quadrant": "kans", "kans-text": " "})
    assert response.status_code == 400
    assert "Dit veld is vereist." in response.content.decode()
    assert not SwotEntry.objects.exists()


def test_een_onbekend_kwadrant_wordt_geweigerd(noord_nederland, actieoverleg, netwerklid_noord):
    with pytest.raises(ImprovementError, match="sterktes, zwaktes, kansen of bedreigingen"):
        swot_entry_add(
            network=noord_nederland,
            theme=actieoverleg,
            quadrant="zorgen",
            text="x",
            user=netwerklid_noord,
        )


def test_een_ander_netwerk_schrijft_niet_in_deze_swot(
    noord_nederland, actieoverleg, netwerklid_oost
):
    with pytest.raises(PermissionDenied):
        swot_entry_add(
            network=noord_nederland,
            theme=actieoverleg,
            quadrant="kans",
            text="x",
            user=netwerklid_oost,
        )


def test_van_swot_naar_verbeterpunt(client_for, netwerklid_noord, noord_nederland, actieoverleg):
    entry = swot_entry_add(
        network=noord_nederland,
        theme=actieoverleg,
        quadrant="zwakte",
        text="Niet elke deelnemer heeft mandaat (fictief).",
        user=netwerklid_noord,
    )
    client = client_for(netwerklid_noord)
    url = reverse("improvement:point_add", args=[noord_nederland.code, "actieoverleg"])
    form = client.get(url, {"swot": entry.pk})
    assert form.status_code == 200
    assert "Niet elke deelnemer heeft mandaat (fictief)." in form.content.decode()
    response = client.post(
        url,
        {
            "swot": entry.pk,
            "title": "Deelnemers met mandaat",
            "building_block": "deelnemers",
            "owner": netwerklid_noord.pk,
            "target_date": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
            "indicator": indicator_of(actieoverleg, "actieoverleg.uitvoering.mandaat").pk,
        },
    )
    point = ImprovementPoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("improvement:point", args=[point.pk])
    assert point.swot_entry == entry
    assert point.building_block == "deelnemers"
    swot_page = client.get(reverse("improvement:swot", args=[noord_nederland.code, "actieoverleg"]))
    assert "Deelnemers met mandaat" in swot_page.content.decode()


def test_een_swot_regel_van_een_ander_netwerk_is_geen_bron(
    client_for, netwerklid_noord, netwerklid_oost, noord_nederland, actieoverleg
):
    from werkset.regions.models import RegionalNetwork

    oost = RegionalNetwork.objects.get(code="oost-nederland")
    entry = swot_entry_add(
        network=oost, theme=actieoverleg, quadrant="zwakte", text="x", user=netwerklid_oost
    )
    url = reverse("improvement:point_add", args=[noord_nederland.code, "actieoverleg"])
    assert client_for(netwerklid_noord).get(url, {"swot": entry.pk}).status_code == 404
    with pytest.raises(ImprovementError, match="ander netwerk"):
        point_plan(
            network=noord_nederland, theme=actieoverleg, user=netwerklid_noord, swot_entry=entry
        )


def test_een_regel_die_verbeterpunt_werd_blijft_staan(
    noord_nederland, actieoverleg, netwerklid_noord
):
    entry = swot_entry_add(
        network=noord_nederland,
        theme=actieoverleg,
        quadrant="zwakte",
        text="x",
        user=netwerklid_noord,
    )
    point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord, swot_entry=entry)
    with pytest.raises(ImprovementError, match="verbeterpunt geworden"):
        swot_entry_delete(entry=entry, user=netwerklid_noord)
    assert SwotEntry.objects.filter(pk=entry.pk).exists()


def test_een_losse_regel_kan_weg(noord_nederland, actieoverleg, netwerklid_noord):
    entry = swot_entry_add(
        network=noord_nederland,
        theme=actieoverleg,
        quadrant="kans",
        text="x",
        user=netwerklid_noord,
    )
    swot_entry_delete(entry=entry, user=netwerklid_noord)
    assert not SwotEntry.objects.exists()


def test_tekst_die_op_persoonsgegevens_lijkt_krijgt_een_waarschuwing(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    url = reverse("improvement:swot", args=[noord_nederland.code, "actieoverleg"])
    response = client_for(netwerklid_noord).post(
        url,
        {"quadrant": "zwakte", "zwakte-text": "Bel de coördinator op 06-12345678."},
        follow=True,
    )
    assert "Houd persoonsgegevens buiten de rapportage." in response.content.decode()


def test_het_verborgen_swot_nummer_staat_zonder_duizendtalpunt_in_het_formulier(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    entry = swot_entry_add(
        network=noord_nederland,
        theme=actieoverleg,
        quadrant="kans",
        text="x",
        user=netwerklid_noord,
    )
    SwotEntry.objects.filter(pk=entry.pk).update(id=12345)
    url = reverse("improvement:point_add", args=[noord_nederland.code, "actieoverleg"])
    html = client_for(netwerklid_noord).get(url, {"swot": 12345}).content.decode()
    assert '<input type="hidden" name="swot" value="12345">' in html
