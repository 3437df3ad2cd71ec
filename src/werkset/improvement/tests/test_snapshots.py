"""Personal data flagged in a report's text never reaches an evaluation's snapshot, and a
stored snapshot is scanned again when shown (issue 17, finding 5; see snapshots.py)."""

import json

import pytest
from django.urls import reverse

from werkset.improvement.models import Evaluation
from werkset.improvement.services import evaluation_record
from werkset.privacy.models import PrivacyClearance
from werkset.reports.models import Answer
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_transition

from .factories import point_plan

pytestmark = pytest.mark.django_db

KEY = "actieoverleg.uitvoering.frequentie"
BSN = "111222333"  # passes the elfproef
PHONE = "06-12345678"
PERSONAL = f"Casus van de cliënt met BSN {BSN}, bereikbaar op {PHONE}."
PLACEHOLDER = "[tekst weggelaten: mogelijk persoonsgegevens]"


def _explain(report, text: str) -> Answer:
    answer = report.answers.get(indicator__key=KEY)
    Answer.objects.filter(pk=answer.pk).update(explanation=text)
    return answer


def _point(report, noord_nederland, actieoverleg, netwerklid_noord):
    answer = report.answers.get(indicator__key=KEY)
    return point_plan(
        network=noord_nederland,
        theme=actieoverleg,
        user=netwerklid_noord,
        indicator=answer.indicator,
    )


def _evaluate(point, user) -> Evaluation:
    return evaluation_record(
        point=point, period="2025-H2", outcome="deels", explanation="Half.", user=user
    )


def _friesland(evaluation: Evaluation) -> dict:
    return next(row for row in evaluation.figures if row["region"] == "Friesland")


def test_de_momentopname_neemt_geen_tekst_met_persoonsgegevens_over(
    report, noord_nederland, actieoverleg, netwerklid_noord
):
    _explain(report, PERSONAL)
    point = _point(report, noord_nederland, actieoverleg, netwerklid_noord)

    evaluation = _evaluate(point, netwerklid_noord)

    stored = json.dumps(Evaluation.objects.get(pk=evaluation.pk).figures, ensure_ascii=False)
    assert BSN not in stored
    assert PHONE not in stored
    assert _friesland(evaluation)["explanation"] == PLACEHOLDER
    assert _friesland(evaluation)["withheld"] is True


def test_een_schone_toelichting_wordt_wel_bewaard(
    report, noord_nederland, actieoverleg, netwerklid_noord
):
    _explain(report, "Twee keer per maand overleg in de regio.")
    point = _point(report, noord_nederland, actieoverleg, netwerklid_noord)

    evaluation = _evaluate(point, netwerklid_noord)

    assert _friesland(evaluation)["explanation"] == "Twee keer per maand overleg in de regio."
    assert _friesland(evaluation)["withheld"] is False


def test_wat_de_rapporteur_als_geen_persoonsgegeven_vastlegde_blijft_staan(
    report, noord_nederland, actieoverleg, netwerklid_noord, rapporteur_friesland
):
    _explain(report, f"Bel het regiokantoor op {PHONE}.")
    PrivacyClearance.objects.create(
        report=report, kind="telefoonnummer", text=PHONE, reason="Algemeen nummer."
    )
    point = _point(report, noord_nederland, actieoverleg, netwerklid_noord)

    evaluation = _evaluate(point, netwerklid_noord)

    assert PHONE in _friesland(evaluation)["explanation"]


def test_na_opschonen_en_vaststellen_toont_geen_rol_de_persoonsgegevens(
    client_for,
    report,
    noord_nederland,
    actieoverleg,
    netwerklid_noord,
    rapporteur_friesland,
    landelijk,
):
    """The scenario of the finding, through the pages: the evaluation is recorded while
    the concept holds a BSN and a phone number, the report is cleaned and finalised."""
    _explain(report, PERSONAL)
    point = _point(report, noord_nederland, actieoverleg, netwerklid_noord)
    response = client_for(netwerklid_noord).post(
        reverse("improvement:evaluation_add", args=[point.pk]),
        {
            "evaluatie-period": "2025-H2",
            "evaluatie-outcome": "deels",
            "evaluatie-explanation": "Half gelukt.",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "niet bewaard bij de cijfers van de evaluatie" in response.content.decode()
    _explain(report, "Casus besproken in het overleg.")
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)

    url = reverse("improvement:point", args=[point.pk])
    for user in (netwerklid_noord, landelijk, rapporteur_friesland):
        page = client_for(user).get(url)
        if page.status_code != 200:
            continue
        content = page.content.decode()
        assert BSN not in content
        assert PHONE not in content
    assert PLACEHOLDER in client_for(netwerklid_noord).get(url).content.decode()


def test_een_eerder_bewaarde_momentopname_wordt_bij_het_tonen_opnieuw_gescand(
    client_for, report, noord_nederland, actieoverleg, netwerklid_noord, rapporteur_friesland
):
    """A snapshot stored before this guard (or with text a better detector flags later)."""
    point = _point(report, noord_nederland, actieoverleg, netwerklid_noord)
    evaluation = _evaluate(point, netwerklid_noord)
    figures = [
        {**row, "explanation": PERSONAL} if row["region"] == "Friesland" else row
        for row in evaluation.figures
    ]
    for row in figures:
        row.pop("withheld", None)
    Evaluation.objects.filter(pk=evaluation.pk).update(figures=figures)

    content = (
        client_for(netwerklid_noord)
        .get(reverse("improvement:point", args=[point.pk]))
        .content.decode()
    )

    assert BSN not in content
    assert PHONE not in content
    assert PLACEHOLDER in content


def test_de_actuele_cijfers_tonen_geen_toelichting_met_persoonsgegevens(
    client_for, report, noord_nederland, actieoverleg, netwerklid_noord
):
    _explain(report, PERSONAL)
    point = _point(report, noord_nederland, actieoverleg, netwerklid_noord)

    content = (
        client_for(netwerklid_noord)
        .get(reverse("improvement:point", args=[point.pk]))
        .content.decode()
    )

    assert BSN not in content
    assert PLACEHOLDER in content
