"""Look before you leap (issue 19): one table says what blocks a step and what only warns,
and the confirmation page and the step itself follow it."""

import pytest
from django.urls import reverse

from werkset.reports.comment_services import comment_add
from werkset.reports.models import Comment, ReportStatus
from werkset.reports.readiness import RULES, report_readiness
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def test_elke_regel_zegt_per_stap_of_hij_tegenhoudt_of_waarschuwt():
    steps = {step for rule in RULES for step in rule.steps}
    assert steps == {"submit", "put_forward", "finalise"}
    blocking = {(rule.code, step) for rule in RULES for step, b in rule.steps.items() if b}
    assert blocking == {
        ("opmerkingen", "put_forward"),
        ("opmerkingen", "finalise"),
        ("voorstellen", "put_forward"),
        ("voorstellen", "finalise"),
        ("privacy", "put_forward"),
        ("privacy", "finalise"),
        ("beoordelingen", "finalise"),
    }


def test_een_lege_rapportage_waarschuwt_voor_wat_nog_open_staat(report):
    readiness = report_readiness(report=report, step="submit")
    assert readiness.ok
    assert [check.code for check in readiness.warnings] == ["onbeantwoord"]


def test_de_bevestiging_toont_wat_open_staat_en_de_knop(client_for, rapporteur_friesland, report):
    response = client_for(rapporteur_friesland).get(
        reverse("reports:transition", args=[report.pk, "submit"])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nog niet beantwoord" in html
    assert f'action="/rapportages/{report.pk}/stap/submit/"' in html


def test_een_open_opmerking_houdt_voorleggen_tegen_en_de_knop_ontbreekt(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    comment_add(report=report, user=netwerklid_noord, text="Klopt dit cijfer?")
    client = client_for(rapporteur_friesland)
    page = client.get(reverse("reports:transition", args=[report.pk, "put_forward"]))
    html = page.content.decode()
    assert "Los eerst dit op" in html
    assert 'stap/put_forward/"' not in html
    client.post(reverse("reports:transition", args=[report.pk, "put_forward"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_BESPREKING
    assert Comment.objects.filter(report=report, resolved_at__isnull=True).count() == 1


def test_een_netwerklid_krijgt_geen_bevestigingspagina(client_for, netwerklid_noord, report):
    response = client_for(netwerklid_noord).get(
        reverse("reports:transition", args=[report.pk, "submit"])
    )
    assert response.status_code == 403
