"""The comparison tables as the pages render them (Jinja2 partials, ADR 0015): their
structure for screen readers (captions, th scope), Dutch texts and numbers, escaping, and
the tables of finalised reports kept until a report comes in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertInHTML

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


def trend(client, region: str = "friesland") -> str:
    """The trend page's two tables."""
    url = reverse("comparison:over_time") + f"?regio={region}&thema=vt-zsm"
    html = client.get(url).content.decode()
    return html[html.index("<h2>") : html.index("</main>")]


def test_kolomkoppen_noemen_elke_regio_met_link_en_markeringen(
    client_for, rapporteur_friesland, make_report
):
    groningen = make_report("groningen", answers=kosten("1000"))
    concept = make_report("friesland", status=ReportStatus.CONCEPT, answers=kosten("2000"))
    html = side_by_side(client_for(rapporteur_friesland))
    assertInHTML("<caption>Antwoorden per regio, VT &amp; ZSM, 2024</caption>", html)
    assertInHTML(
        f'<th scope="col"><a href="{reverse("reports:detail", args=[groningen.pk])}">'
        "Groningen</a></th>",
        html,
    )
    assertInHTML(
        f'<th scope="col"><a href="{reverse("reports:detail", args=[concept.pk])}">Friesland</a>'
        ' <span class="own-mark">(uw regio)</span> <span class="concept-mark">concept</span></th>',
        html,
    )


def test_rij_per_indicator_met_keuze_en_bedrag_in_nederlandse_notatie(
    client_for, landelijk, make_report
):
    make_report("groningen", answers=kosten("1500.5"))
    make_report("friesland", answers={})
    html = side_by_side(client_for(landelijk))
    assertInHTML(
        '<tr><th scope="row">Kosten randvoorwaarden</th>'
        '<td><span class="choice choice--ja">Ja</span>'
        '<br><span class="subtle">Kosten:</span> € 1.500,50</td>'
        '<td><span class="subtle">niet beantwoord</span></td></tr>',
        html,
    )


def test_toelichting_in_een_cel_is_ontsnapt_met_regeleinden(client_for, landelijk, make_report):
    make_report("groningen", answers={TAFEL: {"choice": "deelnemer", "explanation": "A & B\n<b>"}})
    html = side_by_side(client_for(landelijk))
    assertInHTML(
        '<details><summary>Toelichting<span class="visually-hidden"> Groningen</span></summary>'
        "A &amp; B<br>&lt;b&gt;</details>",
        html,
    )


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


def test_bandbreedtetabel_telt_alleen_vastgestelde_en_markeert_het_eigen_concept(
    client_for, rapporteur_friesland, make_report
):
    make_report("groningen", answers=kosten("1000"))
    make_report("drenthe", answers=kosten("3000"))
    make_report("friesland", status=ReportStatus.CONCEPT, answers=kosten("2500.5"))
    html = bandwidth(client_for(rapporteur_friesland))
    start = html.rindex("<section", 0, html.index("Kosten randvoorwaarden: Kosten"))
    figure = html[start : html.index("</section>", start) + len("</section>")]
    assertInHTML(
        '<caption class="visually-hidden">Kosten randvoorwaarden: Kosten</caption>', figure
    )
    assertInHTML('<tr><th scope="row">Regio\'s (n)</th><td>2</td></tr>', figure)
    assertInHTML('<tr><th scope="row">Mediaan</th><td>2.000</td></tr>', figure)
    assertInHTML(
        '<tr><th scope="row">Friesland <span class="own-mark">(uw regio)</span>'
        ' <span class="concept-mark">concept, telt niet mee</span></th><td>2.500,50</td></tr>',
        figure,
    )


def test_verloop_toont_eigen_waarde_met_landelijke_mediaan_en_volwassenheid(
    client_for, rapporteur_friesland, make_report
):
    make_report("groningen", answers=kosten("1000"))
    make_report("drenthe", answers=kosten("2000"))
    make_report("friesland", status=ReportStatus.CONCEPT, answers=kosten("2500"))
    html = trend(client_for(rapporteur_friesland))
    assertInHTML(
        '<tr><th scope="row">Kosten randvoorwaarden: Kosten <span class="subtle">(euro)</span>'
        '</th><td><span class="own-mark">2.500 <span class="concept-mark">concept</span></span>'
        '<br><span class="subtle">mediaan 1.500 (1.000–2.000, n = 2)</span></td></tr>',  # noqa: RUF001
        html,
    )
    assertInHTML(
        '<tr><th scope="row">VT &amp; ZSM</th><td><span class="level level--0">–</span>'  # noqa: RUF001
        ' <span class="subtle">niet beoordeeld</span></td></tr>',
        html,
    )
