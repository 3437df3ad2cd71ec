"""The differences between two versions of a report, as people read them (issue 19,
point 6): labels and Dutch formats, and every part of the report besides the answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.accounts.scope import scope_for_user
from werkset.comparison.services import bottleneck_codes_set, criterion_save, maturity_save
from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer, Quote, SectionText, SourceDocument
from werkset.reports.services import answer_save
from werkset.reports.story_services import report_story_save
from werkset.reports.tests.decide import report_decided
from werkset.reports.text_services import report_item_save, section_text_save
from werkset.reports.workflow import report_correct, report_transition

pytestmark = pytest.mark.django_db

CHAIR = "actieoverleg.uitvoering.voorzitterschap-en-facilitering"
PRESS = "acuut.ontwikkel.voorlichting-politie"


def answer_of(report, key):
    return Answer.objects.select_related("indicator").get(report=report, indicator__key=key)


def save(report, key, content, user):
    answer = answer_of(report, key)
    return answer_save(answer=answer, content=content, base_revision=answer.revision, user=user)


@pytest.fixture
def versions(report, rapporteur_friesland, django_capture_on_commit_callbacks):
    """Version 1 (finalised) and version 2 (a concept that starts from it, with the
    assessments it takes over after the commit)."""
    user = rapporteur_friesland
    save(
        report, CHAIR, AnswerContent(figures={"uren_per_overleg": "3.0", "organisatie": "vt"}), user
    )
    acuut = report.catalogue_version.themes.get(key="acuut")
    section_text_save(
        report=report, theme=acuut, element=None, text="Eerste tekst.", base_revision=0, user=user
    )
    report_item_save(
        report=report, user=user, kind="quote", values={"theme": acuut, "text": "Oud citaat."}
    )
    report_transition(report=report, name="submit", user=user)
    report_decided(report, user)
    with django_capture_on_commit_callbacks(execute=True):
        new = report_correct(report=report, user=user, reason="Cijfers aangevuld")
    return report, new


def page(client, new):
    response = client.get(reverse("reports:differences", args=[new.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_een_antwoord_staat_er_met_labels_en_nederlandse_getallen(
    client_for, versions, rapporteur_friesland
):
    _old, new = versions
    save(
        new,
        CHAIR,
        AnswerContent(figures={"uren_per_overleg": "1234.5", "organisatie": "politie"}),
        rapporteur_friesland,
    )
    html = page(client_for(rapporteur_friesland), new)
    assert "Voorzitterschap en facilitering" in html
    assert "3,0 uren per overleg" in html
    assert "1.234,5 uren per overleg" in html
    assert "Organisatie die voorzit en faciliteert" in html
    assert "Veilig Thuis" in html
    assert "Politie" in html
    assert "uren_per_overleg" not in html
    assert "organisatie:" not in html


def test_keuzes_en_perspectieven_staan_er_met_hun_naam(client_for, versions, rapporteur_friesland):
    _old, new = versions
    save(
        new,
        PRESS,
        AnswerContent(choice="deels", perspectives={"om": "Het OM ziet het anders."}),
        rapporteur_friesland,
    )
    html = page(client_for(rapporteur_friesland), new)
    assert "Deels" in html
    assert "Wat Openbaar Ministerie zegt" in html
    assert "Het OM ziet het anders." in html


def test_antwoorden_per_regio_staan_er_met_de_naam_van_de_regio(
    client_for, make_user, noord_nederland, catalogue_2021
):
    from werkset.accounts.models import Role
    from werkset.reports.services import report_start
    from werkset.rounds.testing import round_opened

    writer = make_user(Role.RAPPORTEUR, network=noord_nederland)
    round_opened(period="2025", catalogue_version=catalogue_2021)
    report = report_start(
        network=noord_nederland, period="2025", catalogue_version=catalogue_2021, user=writer
    )
    report_transition(report=report, name="submit", user=writer)
    report_decided(report, writer)
    new = report_correct(report=report, user=writer, reason="Cijfers aangevuld")
    regional = {"groningen": {"choice": "nee", "explanation": "", "figures": {}}}
    save(new, PRESS, AnswerContent(choice="ja", regional=regional), writer)
    html = page(client_for(writer), new)
    assert "Groningen · Antwoord" in html
    assert "groningen" not in html.replace("Groningen", "")


def test_teksten_verhaal_items_en_beoordelingen_staan_erbij(
    client_for, versions, rapporteur_friesland
):
    _old, new = versions
    user = rapporteur_friesland
    acuut = new.catalogue_version.themes.get(key="acuut")
    text = SectionText.objects.get(report=new, theme=acuut, element=None)
    section_text_save(
        report=new, theme=acuut, element=None, text="Nieuwe tekst.", base_revision=0, user=user
    )
    assert text.text == "Eerste tekst."
    report_story_save(
        report=new, user=user, title="Ons verhaal", introduction="", summary="", base_revision=0
    )
    quote = Quote.objects.get(report=new)
    report_item_save(
        report=new,
        user=user,
        kind="quote",
        values={"theme": acuut, "text": "Nieuw citaat."},
        item_id=quote.pk,
    )
    report_item_save(
        report=new, user=user, kind="bron", values={"theme": acuut, "title": "Jaarverslag VT"}
    )
    scope = scope_for_user(user)
    maturity_save(report=new, theme=acuut, level=3, motivation="Loopt.", user=user, scope=scope)
    criterion_save(
        report=new, criterion="mandaat", verdict="deels", explanation="", user=user, scope=scope
    )
    bottleneck_codes_set(answer=answer_of(new, PRESS), codes={"mandaat"}, user=user, scope=scope)
    html = page(client_for(user), new)
    for expected in (
        "Lopende teksten",
        "Eerste tekst.",
        "Nieuwe tekst.",
        "Verhaal van het netwerk",
        "Ons verhaal",
        "Oud citaat.",
        "Nieuw citaat.",
        "Jaarverslag VT",
        "Beoordelingen",
        "Uitvoering in volle gang",
        "Deels",
        "Knelpunten: Voorlichting politie",
        "Mandaat",
    ):
        assert expected in html, expected
    assert SourceDocument.objects.filter(report=new).count() == 1


def test_zonder_verschillen_zegt_elk_deel_dat(client_for, versions, rapporteur_friesland):
    _old, new = versions
    html = page(client_for(rapporteur_friesland), new)
    assert html.count("Geen verschillen tussen beide versies.") == 5


def test_het_aantal_queries_hangt_niet_af_van_de_verschillen(
    client_for, versions, rapporteur_friesland
):
    _old, new = versions
    client = client_for(rapporteur_friesland)
    page(client, new)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(client, new)
        return len(queries)

    few = count()
    for key in (PRESS, "acuut.uitvoering.crisismeldingen", CHAIR):
        content = (
            AnswerContent(figures={"aantal": 640})
            if "crisis" in key
            else AnswerContent(choice="ja")
        )
        if key == CHAIR:
            content = AnswerContent(figures={"uren_per_overleg": "2.0"})
        save(new, key, content, rapporteur_friesland)
    acuut = new.catalogue_version.themes.get(key="acuut")
    for index in range(3):
        report_item_save(
            report=new,
            user=rapporteur_friesland,
            kind="bron",
            values={"theme": acuut, "title": f"Bron {index}"},
        )
    assert count() == few
