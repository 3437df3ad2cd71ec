"""The side-by-side and bandwidth tables: rendered in Python, kept for finalised reports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.reports.models import Answer, ReportStatus

from .conftest import KOSTEN, TAFEL, kosten

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]


def side_by_side(client, period: str = "2024") -> str:
    """The page's table."""
    url = reverse("comparison:side_by_side") + f"?periode={period}&thema=vt-zsm"
    html = client.get(url).content.decode()
    return html[html.index("<table") : html.index("</table>")]


def bandwidth(client, period: str = "2024") -> str:
    """The page's figures."""
    url = reverse("comparison:bandwidth") + f"?periode={period}&thema=vt-zsm"
    html = client.get(url).content.decode()
    return html[html.index('<section class="figure-block"') : html.index("</main>")]


def test_toelichting_in_een_cel_is_ontsnapt_met_regeleinden(client_for, landelijk, make_report):
    make_report("groningen", answers={TAFEL: {"choice": "deelnemer", "explanation": "A & B\n<b>"}})
    html = side_by_side(client_for(landelijk))
    assert "A &amp; B<br>&lt;b&gt;</details>" in html


def test_regio_zonder_antwoord_heet_niet_beantwoord(client_for, landelijk, make_report):
    make_report("groningen", answers=kosten("1000"))
    make_report("friesland", answers={})
    html = side_by_side(client_for(landelijk))
    assert "niet beantwoord" in html


def test_vastgestelde_rapportages_worden_een_tweede_keer_niet_opnieuw_gelezen(
    client_for, landelijk, make_report
):
    for code in ("groningen", "friesland", "drenthe"):
        make_report(code, answers=kosten("1500"))
    client = client_for(landelijk)
    first = side_by_side(client)
    with CaptureQueriesContext(connection) as queries:
        again = side_by_side(client)
    assert again == first
    assert not [q for q in queries if "reports_answer" in q["sql"]]


def test_bandbreedte_van_vastgestelde_rapportages_komt_een_tweede_keer_uit_de_cache(
    client_for, landelijk, make_report
):
    for code, amount in (("groningen", "1000"), ("friesland", "3000")):
        make_report(code, answers=kosten(amount))
    client = client_for(landelijk)
    first = bandwidth(client)
    with CaptureQueriesContext(connection) as queries:
        again = bandwidth(client)
    assert again == first
    assert "3.000" in again
    assert not [q for q in queries if "reports_answer" in q["sql"]]


def test_met_een_eigen_concept_erin_toont_de_pagina_steeds_de_laatste_stand(
    client_for, rapporteur_friesland, make_report
):
    make_report("groningen", answers=kosten("1000"))
    concept = make_report("friesland", status=ReportStatus.CONCEPT, answers=kosten("2000"))
    client = client_for(rapporteur_friesland)
    assert "2.000" in bandwidth(client)
    Answer.objects.filter(report=concept, indicator__key=KOSTEN).update(figures={"kosten": "7000"})
    assert "7.000" in bandwidth(client)
    assert "7.000" in side_by_side(client)


def test_een_nieuwe_vastgestelde_rapportage_verschijnt_meteen(client_for, landelijk, make_report):
    make_report("groningen", answers=kosten("1000"))
    client = client_for(landelijk)
    assert "Friesland" not in side_by_side(client)
    make_report("friesland", answers=kosten("4000"))
    html = side_by_side(client)
    assert "Friesland" in html
    assert "4.000" in html
