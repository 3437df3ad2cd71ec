"""The theme page's answer forms are kept once rendered (reports/answer_fragments.py): what a
visitor sees must be what a fresh rendering would show, whoever looked before."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from werkset.accounts.testing import force_login_verified
from werkset.regions.models import Organisation
from werkset.reports.answer_fragments import CSRF_STAND_IN
from werkset.reports.models import Answer

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def theme_html(client, report) -> str:
    response = client.get(reverse("reports:theme", args=[report.pk, "acuut"]))
    assert response.status_code == 200
    return response.content.decode()


def answer_form(html: str, answer: Answer) -> str:
    form = html[html.index(f'<form id="antwoord-{answer.pk}"') :]
    return form[: form.index("</form>")]


@pytest.fixture
def answer(report) -> Answer:
    return Answer.objects.filter(report=report, indicator__theme__key="acuut").first()


def test_een_opgeslagen_antwoord_staat_meteen_in_het_formulier(
    client_for, rapporteur_friesland, report, answer
):
    client = client_for(rapporteur_friesland)
    theme_html(client, report)  # the forms are kept now
    client.post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": "0", "explanation": "Nieuwe toelichting na het bewaren."},
    )
    form = answer_form(theme_html(client, report), answer)
    assert ">Nieuwe toelichting na het bewaren.</textarea>" in form
    assert 'name="base_revision" value="1"' in form


def test_elk_formulier_draagt_het_formuliertoken_van_de_bezoeker(
    rapporteur_friesland, report, answer
):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    force_login_verified(first, rapporteur_friesland)
    force_login_verified(second, rapporteur_friesland)
    theme_html(first, report)
    html = theme_html(second, report)
    assert CSRF_STAND_IN not in html
    token = TOKEN.search(answer_form(html, answer)).group(1)
    response = second.post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"csrfmiddlewaretoken": token, "base_revision": "0", "explanation": "Met token."},
        headers={"X-Werkset-Autosave": "1"},
    )
    assert response.status_code == 200


def test_een_lezer_krijgt_geen_formulier_dat_de_rapporteur_kreeg(
    client_for, rapporteur_friesland, netwerklid_noord, report, answer
):
    theme_html(client_for(rapporteur_friesland), report)
    html = theme_html(client_for(netwerklid_noord), report)
    assert f'<form id="antwoord-{answer.pk}"' not in html
    assert f'<div class="answer answer--read" id="antwoord-{answer.pk}">' in html


def test_een_formulier_met_fouten_wordt_niet_bewaard(client_for, rapporteur_friesland, report):
    client = client_for(rapporteur_friesland)
    answer = Answer.objects.get(report=report, indicator__key="acuut.uitvoering.crisismeldingen")
    response = client.post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": "0", "field-aantal": "veel"},
    )
    assert response.status_code == 400
    assert "answer--invalid" in answer_form(response.content.decode(), answer)
    assert "answer--invalid" not in answer_form(theme_html(client, report), answer)


def test_een_nieuwe_naam_van_een_partnerorganisatie_staat_meteen_in_het_formulier(
    client_for, rapporteur_friesland, report, answer
):
    client = client_for(rapporteur_friesland)
    theme_html(client, report)
    partner = Organisation.objects.filter(core_partner=True).order_by("position").first()
    partner.name = "Hernoemde partner"
    partner.save()
    assert "Wat Hernoemde partner zegt" in answer_form(theme_html(client, report), answer)
