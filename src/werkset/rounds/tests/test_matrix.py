"""The status matrix of networks and regions by rounds (issue 19): for the national network,
each unit's state in each round with its date, late when past the deadline and not
finalised, a network's own report covering its regions; in a fixed number of queries; with
a CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.services import report_start
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_transition
from werkset.rounds.selectors import NOT_STARTED, PER_REGION, status_matrix

pytestmark = pytest.mark.django_db


def _row(matrix, code):
    return next(r for r in matrix.rows if r.unit.code == code)


def test_staten_datum_en_te_laat(report, rapporteur_friesland, open_round, catalogue_2021):
    open_round("2025", catalogue_2021, deadline=timezone.localdate() - timedelta(days=1))
    matrix = status_matrix()
    friesland = _row(matrix, "friesland").cells[0]
    assert (friesland.state, friesland.label, friesland.overdue) == ("concept", "Concept", True)
    assert friesland.since == timezone.localdate()
    groningen = _row(matrix, "groningen").cells[0]
    assert (groningen.state, groningen.label, groningen.overdue) == (
        NOT_STARTED,
        "Niet gestart",
        True,
    )
    noord = _row(matrix, "noord-nederland").cells[0]
    assert (noord.state, noord.regions_finalised, noord.regions_total) == (PER_REGION, 0, 3)
    assert noord.overdue

    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    friesland = _row(status_matrix(), "friesland").cells[0]
    assert (friesland.label, friesland.overdue) == ("Vastgesteld", False)


def test_voor_de_deadline_is_niets_te_laat(report, open_round, catalogue_2021):
    matrix = status_matrix()
    assert not any(cell.overdue for row in matrix.rows for cell in row.cells)


def test_een_netwerkrapportage_dekt_haar_regios(
    make_user, noord_nederland, catalogue_2021, open_round
):
    open_round("2025", catalogue_2021)
    report_start(
        network=noord_nederland,
        period="2025",
        user=make_user(Role.RAPPORTEUR, network=noord_nederland),
    )
    matrix = status_matrix()
    assert _row(matrix, "noord-nederland").cells[0].state == "concept"
    drenthe = _row(matrix, "drenthe").cells[0]
    assert (drenthe.state, drenthe.via_network) == ("concept", True)


def test_de_pagina_toont_de_matrix_als_tabel(client_for, landelijk, report):
    html = client_for(landelijk).get(reverse("rounds:matrix")).content.decode()
    assert "<caption>Status per ronde op" in html
    assert '<th scope="col">2025' in html
    assert '<th scope="row"><span class="visually-hidden">Noord-Nederland: </span>Friesland' in html
    assert "Niet gestart" in html


@pytest.mark.parametrize("role", ["rapporteur_friesland", "netwerklid_noord", "beheerder"])
def test_alleen_landelijk_ziet_de_matrix(client_for, role, request):
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("rounds:matrix")).status_code == 403
    assert client.get(reverse("rounds:matrix_export")).status_code == 403


def test_het_aantal_queries_groeit_niet_mee(
    client_for, landelijk, report, open_round, catalogue_2021, make_user
):
    client = client_for(landelijk)
    client.get(reverse("rounds:matrix"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("rounds:matrix"))
    for period in ("2024", "2024-H1", "2023"):
        open_round(period, catalogue_2021)
    for region in Region.objects.exclude(code="friesland")[:6]:
        report_start(
            region=region,
            period="2024",
            user=make_user(Role.RAPPORTEUR, region=region),
        )
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("rounds:matrix"))
    assert len(large) == len(small)


def test_de_export_heeft_een_rij_per_eenheid_en_ronde(client_for, landelijk, report):
    RegionalNetwork.objects.filter(code="noord-nederland").update(name="=HYPERLINK(1)")
    response = client_for(landelijk).get(reverse("rounds:matrix_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Regionaal netwerk", "Regio", "Periode"]
    assert len(rows) == 1 + 10 + 25
    friesland = next(row for row in rows if row[1] == "Friesland")
    assert friesland[0] == "'=HYPERLINK(1)"
    assert friesland[2:6] == ["2025", "werkset-2021", friesland[4], "Concept"]


def test_te_laat_staat_op_de_pagina_en_in_de_export(
    client_for, landelijk, report, open_round, catalogue_2021
):
    open_round("2025", catalogue_2021, deadline=timezone.localdate() - timedelta(days=1))
    client = client_for(landelijk)
    assert "te laat" in client.get(reverse("rounds:matrix")).content.decode()
    rows = list(csv.reader(io.StringIO(client.get(reverse("rounds:matrix_export")).text)))
    friesland = next(row for row in rows if row[1] == "Friesland")
    assert friesland[-1] == "ja"
