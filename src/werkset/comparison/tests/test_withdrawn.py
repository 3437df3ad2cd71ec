"""A report the national role withdrew (issue 19) leaves every comparison and the national
picture, and stays readable in its history."""

import pytest
from django.urls import reverse

from werkset.reports.models import ReportStatus

from .test_views import PAGES, full_report

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]


def _withdraw(client, report):
    url = reverse("reports:transition", args=[report.pk, "withdraw"])
    return client.post(url, {"note": "Verkeerde periode"})


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_een_ingetrokken_rapportage_verdwijnt_uit_elke_vergelijking(
    client_for, landelijk, make_report, name, query
):
    full_report(make_report, "groningen")
    utrecht = full_report(make_report, "utrecht", amount="987654")
    client = client_for(landelijk)
    assert _withdraw(client, utrecht).status_code == 302
    utrecht.refresh_from_db()
    assert utrecht.status == ReportStatus.INGETROKKEN
    content = client.get(reverse(name) + query).content.decode()
    assert "Utrecht</a>" not in content
    assert "987654" not in content
    assert "987.654" not in content


@pytest.mark.parametrize(("name", "query"), PAGES[1:2])
def test_een_pagina_van_voor_het_intrekken_wordt_niet_meer_getoond(
    client_for, landelijk, make_report, name, query
):
    full_report(make_report, "groningen")
    utrecht = full_report(make_report, "utrecht", amount="987654")
    client = client_for(landelijk)
    assert "Utrecht</a>" in client.get(reverse(name) + query).content.decode()
    _withdraw(client, utrecht)
    assert "Utrecht</a>" not in client.get(reverse(name) + query).content.decode()


def test_een_ingetrokken_rapportage_blijft_leesbaar_in_de_geschiedenis(
    client_for, landelijk, make_report
):
    utrecht = full_report(make_report, "utrecht")
    client = client_for(landelijk)
    _withdraw(client, utrecht)
    page = client.get(reverse("reports:detail", args=[utrecht.pk])).content.decode()
    assert "Ingetrokken op" in page
    assert "reden: Verkeerde periode" in page
    workspace = client.get(reverse("region_workspace", args=["utrecht"])).content.decode()
    assert reverse("reports:detail", args=[utrecht.pk]) in workspace
    assert "Ingetrokken" in workspace
