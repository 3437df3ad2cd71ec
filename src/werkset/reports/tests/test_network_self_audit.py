"""Werkset 2.0 met resultaten is the self-audit of a Regionaal Netwerk Zorg-Straf (seed 003,
ADR 32): its catalogue declares the unit `network`, so the network starts it and a region's
start is refused with a Dutch message."""

import pytest
from django.urls import reverse

from werkset.accounts.models import Role
from werkset.reports.models import Answer, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_rapporteur(make_user, noord_nederland):
    return make_user(Role.RAPPORTEUR, network=noord_nederland)


def test_het_netwerk_start_de_zelf_audit(
    client_for, network_rapporteur, noord_nederland, catalogue_2_0_1, open_round
):
    open_round("2026-H2", catalogue_2_0_1)
    response = client_for(network_rapporteur).post(
        reverse("network_workspace", args=[noord_nederland.code]),
        {"period": "2026-H2", "start_from": ""},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.network, report.region, report.catalogue_version) == (
        noord_nederland,
        None,
        catalogue_2_0_1,
    )
    assert Answer.objects.filter(report=report, indicator__element__key="waarde").count() == 20


def test_een_regio_kan_de_zelf_audit_niet_starten(
    client_for, rapporteur_friesland, catalogue_2_0_1, open_round
):
    open_round("2026-H2", catalogue_2_0_1)
    response = client_for(rapporteur_friesland).post(
        reverse("region_workspace", args=["friesland"]),
        {"period": "2026-H2", "start_from": ""},
    )
    html = response.content.decode()
    assert "is een zelf-audit van het Regionaal Netwerk Zorg-Straf" in html
    assert "start de rapportage voor Noord-Nederland" in html
    assert not Report.objects.exists()


def test_het_startformulier_van_een_regio_biedt_de_zelf_audit_niet_aan(
    client_for,
    rapporteur_friesland,
    network_rapporteur,
    noord_nederland,
    catalogue_2021,
    catalogue_2_0_1,
    open_round,
):
    open_round("2026", catalogue_2021)
    open_round("2026-H2", catalogue_2_0_1)
    region_page = client_for(rapporteur_friesland).get(
        reverse("region_workspace", args=["friesland"])
    )
    network_page = client_for(network_rapporteur).get(
        reverse("network_workspace", args=[noord_nederland.code])
    )
    assert 'value="2026"' in region_page.content.decode()
    assert 'value="2026-H2"' not in region_page.content.decode()
    assert 'value="2026-H2"' in network_page.content.decode()
