"""Starting a report with Werkset 2.0: the round decides the catalogue version (issue 19), a
round can still use 2021, and a 2.0 report started from a 2021 report takes its answers
along the lineage."""

import pytest
from django.urls import reverse

from werkset.reports.forms import ReportStartForm
from werkset.reports.models import Answer, Report
from werkset.reports.services import answer_save, report_start

pytestmark = pytest.mark.django_db


def test_het_formulier_biedt_de_open_rondes_met_hun_versie(catalogue_2_0, open_round):
    open_round("2025", catalogue_2_0)
    form = ReportStartForm(open_rounds=[open_round("2024", catalogue_2_0.continues)])
    [(period, label)] = form.fields["period"].widget.choices
    assert period == "2024"
    assert "Werkset Indicatoren Kwaliteit en Impact" in label
    assert "catalogue_version" not in form.fields


def test_een_regio_kan_nog_met_2021_beginnen(
    client_for, rapporteur_friesland, catalogue_2021, catalogue_2_0, open_round
):
    open_round("2026", catalogue_2021)
    response = client_for(rapporteur_friesland).post(
        reverse("region_workspace", args=["friesland"]),
        {"period": "2026", "catalogue_version": catalogue_2021.pk},
    )
    assert response.status_code == 302
    report = Report.objects.get(region__code="friesland", period="2026")
    assert report.catalogue_version == catalogue_2021
    assert Answer.objects.filter(report=report).count() == 114


def test_2_0_begonnen_vanuit_2021_neemt_antwoorden_over_langs_de_lijn(
    rapporteur_friesland, friesland, catalogue_2021, catalogue_2_0, open_round
):
    open_round("2024", catalogue_2021)
    open_round("2025", catalogue_2_0)
    from werkset.reports.answers import AnswerContent

    old = report_start(
        region=friesland, period="2024", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )
    for key, content in {
        "actieoverleg.uitvoering.frequentie": AnswerContent(
            figures={"frequentie": {"aantal": 1, "per": "week"}}, explanation="Wekelijks."
        ),
        "actieoverleg.uitvoering.mandaat": AnswerContent(
            choice="deels", explanation="Niet altijd."
        ),
    }.items():
        answer = old.answers.get(indicator__key=key)
        answer_save(answer=answer, content=content, base_revision=answer.revision, user=None)

    new = report_start(
        region=friesland,
        period="2025",
        catalogue_version=catalogue_2_0,
        user=rapporteur_friesland,
        start_from=old,
    )
    carried = {a.indicator.key: a for a in new.answers.filter(carried_over=True)}
    assert set(carried) == {
        "actieoverleg.kerncijfers.frequentie",
        "actieoverleg.werkzame-elementen.mandaat",
    }
    assert carried["actieoverleg.kerncijfers.frequentie"].figures == {
        "frequentie": {"aantal": 1, "per": "week"}
    }
    assert carried["actieoverleg.werkzame-elementen.mandaat"].choice == "deels"
