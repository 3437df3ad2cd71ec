"""The pages: what each role sees, overdue points where their owner looks, and bad input
that gives a clear Dutch error and changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.improvement.models import Action, Evaluation, ImprovementPoint
from werkset.improvement.services import evaluation_record

from .factories import ImprovementPointFactory, indicator_of, point_plan

pytestmark = pytest.mark.django_db

LATER = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()


@pytest.fixture
def overdue_point(noord_nederland, actieoverleg, netwerklid_noord):
    return ImprovementPointFactory(
        network=noord_nederland,
        theme=actieoverleg,
        owner=netwerklid_noord,
        indicator=indicator_of(actieoverleg),
        building_block="vervolg",
        title="Afspraken opvolgen (fictief)",
        target_date=timezone.localdate() - datetime.timedelta(days=14),
    )


def test_verlopen_punt_staat_op_de_startpagina_van_de_eigenaar(
    client_for, overdue_point, netwerklid_noord, rapporteur_friesland
):
    mine = client_for(netwerklid_noord).get(reverse("home")).content.decode()
    assert "Afspraken opvolgen (fictief)" in mine
    assert "verlopen" in mine
    theirs = client_for(rapporteur_friesland).get(reverse("home")).content.decode()
    assert "Afspraken opvolgen (fictief)" not in theirs


def test_verlopen_punt_staat_op_het_netwerkoverzicht(
    client_for, overdue_point, rapporteur_friesland, noord_nederland
):
    page = client_for(rapporteur_friesland).get(
        reverse("improvement:network", args=[noord_nederland.code])
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert "Verlopen verbeterpunten" in content
    assert "Afspraken opvolgen (fictief)" in content


def test_het_menu_wijst_de_weg_behalve_voor_de_beheerder(client_for, netwerklid_noord, beheerder):
    url = reverse("improvement:index")
    assert f'href="{url}"' in client_for(netwerklid_noord).get(reverse("home")).content.decode()
    assert f'href="{url}"' not in client_for(beheerder).get(reverse("home")).content.decode()


def test_landelijk_ziet_alle_netwerken(client_for, landelijk, regions):
    content = client_for(landelijk).get(reverse("improvement:index")).content.decode()
    assert "Alle regionale netwerken" in content
    assert "Limburg" in content
    assert "Noord-Nederland" in content


def test_een_netwerklid_ziet_alleen_het_eigen_netwerk(client_for, netwerklid_noord):
    content = client_for(netwerklid_noord).get(reverse("improvement:index")).content.decode()
    assert "Noord-Nederland" in content
    assert "Limburg" not in content


def _point_post(**overrides):
    return {
        "title": "Casussen binnen een week",
        "building_block": "aanmelding",
        "owner": overrides.pop("owner"),
        "target_date": LATER,
        "indicator": overrides.pop("indicator"),
        **overrides,
    }


def test_zonder_bouwblok_een_nederlandse_fout_en_niets_bewaard(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    url = reverse("improvement:point_add", args=[noord_nederland.code, "actieoverleg"])
    data = _point_post(owner=netwerklid_noord.pk, indicator=indicator_of(actieoverleg).pk)
    del data["building_block"]
    response = client_for(netwerklid_noord).post(url, data)
    assert response.status_code == 400
    assert "Kies het bouwblok van het Actieoverleg" in response.content.decode()
    assert not ImprovementPoint.objects.exists()


def test_een_vierde_punt_via_het_formulier_geeft_de_grens(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    for _index in range(3):
        point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    url = reverse("improvement:point_add", args=[noord_nederland.code, "actieoverleg"])
    data = _point_post(owner=netwerklid_noord.pk, indicator=indicator_of(actieoverleg).pk)
    response = client_for(netwerklid_noord).post(url, data)
    assert response.status_code == 400
    assert "hoogstens 3 tegelijk" in response.content.decode()
    assert ImprovementPoint.objects.count() == 3


def test_een_ongeldige_datum_geeft_een_nederlandse_fout(
    client_for, netwerklid_noord, noord_nederland, samenhang
):
    url = reverse("improvement:point_add", args=[noord_nederland.code, "samenhang"])
    data = _point_post(owner=netwerklid_noord.pk, indicator=indicator_of(samenhang).pk)
    data |= {"target_date": "31-02-2025", "building_block": ""}
    response = client_for(netwerklid_noord).post(url, data)
    assert response.status_code == 400
    assert "Voer een geldige datum in." in response.content.decode()
    assert not ImprovementPoint.objects.exists()


def test_een_evaluatie_met_een_fout_half_jaar(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    response = client_for(netwerklid_noord).post(
        reverse("improvement:evaluation_add", args=[point.pk]),
        {
            "evaluatie-period": "2025-H3",
            "evaluatie-outcome": "behaald",
            "evaluatie-explanation": "Gelukt.",
        },
    )
    assert response.status_code == 400
    assert "Vul een half jaar in, bijvoorbeeld 2025-H2." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_een_actie_toevoegen_en_afronden(
    client_for, netwerklid_noord, noord_nederland, actieoverleg
):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    client = client_for(netwerklid_noord)
    response = client.post(
        reverse("improvement:action_add", args=[point.pk]),
        {"actie-description": "Criteria opstellen", "actie-who": "OM"},
    )
    assert response.status_code == 302
    action = Action.objects.get()
    client.post(reverse("improvement:action_transition", args=[point.pk, action.pk, "gereed"]))
    action.refresh_from_db()
    assert action.status == "gereed"


def test_de_evaluatie_toont_de_cijfers_van_de_rapportages(
    client_for, netwerklid_noord, noord_nederland, actieoverleg, finalised
):
    answer = finalised.answers.get(indicator__key="actieoverleg.uitvoering.frequentie")
    type(answer).objects.filter(pk=answer.pk).update(
        figures={"frequentie": {"aantal": 2, "per": "maand"}}, choice=""
    )
    point = point_plan(
        network=noord_nederland,
        theme=actieoverleg,
        user=netwerklid_noord,
        indicator=answer.indicator,
    )
    evaluation = evaluation_record(
        point=point, period="2025-H2", outcome="deels", explanation="Half.", user=netwerklid_noord
    )
    assert evaluation.figures[0]["region"] == "Groningen"
    friesland = next(row for row in evaluation.figures if row["region"] == "Friesland")
    assert friesland["report_id"] == finalised.pk
    assert friesland["figures"][0][1] == "2 per maand"
    page = client_for(netwerklid_noord).get(reverse("improvement:point", args=[point.pk]))
    assert page.content.decode().count("2 per maand") == 2


def test_landelijk_ziet_geen_conceptcijfers_in_een_evaluatie(
    client_for, netwerklid_noord, noord_nederland, actieoverleg, report, landelijk
):
    answer = report.answers.get(indicator__key="actieoverleg.uitvoering.frequentie")
    type(answer).objects.filter(pk=answer.pk).update(
        figures={"frequentie": {"aantal": 7, "per": "week"}}
    )
    point = point_plan(
        network=noord_nederland,
        theme=actieoverleg,
        user=netwerklid_noord,
        indicator=answer.indicator,
    )
    evaluation_record(
        point=point, period="2025-H2", outcome="deels", explanation="Half.", user=netwerklid_noord
    )
    url = reverse("improvement:point", args=[point.pk])
    assert "7 per week" in client_for(netwerklid_noord).get(url).content.decode()
    assert "7 per week" not in client_for(landelijk).get(url).content.decode()


def test_landelijk_mag_lezen_maar_niet_schrijven(
    client_for, landelijk, netwerklid_noord, noord_nederland, actieoverleg
):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    client = client_for(landelijk)
    assert client.get(reverse("improvement:point", args=[point.pk])).status_code == 200
    response = client.post(
        reverse("improvement:action_add", args=[point.pk]), {"actie-description": "x"}
    )
    assert response.status_code == 403
    assert not Action.objects.exists()
