"""Reports and the corrected 2021 edition (issue 23): a report on the 2021 version stays as
it is and moves to the corrected edition through "start from the previous report" with its
answers; the fields the corrected edition added validate their input in Dutch."""

import pytest
from django.urls import reverse

from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer
from werkset.reports.services import answer_save, report_start

pytestmark = pytest.mark.django_db

RNZS = "samenhang.waarde.rnzs"
EXTRA = "acuut.uitvoering.extra-inzet"
LEREND = "samenhang.waarde.lerend-netwerk"
SNELHEID = "acuut.uitvoering.snelheid-informatievoorziening"
AANWEZIG = "actieoverleg.uitvoering.aanwezige-partners"


@pytest.fixture
def old_report(rapporteur_friesland, friesland, catalogue_2021, open_round):
    open_round("2024", catalogue_2021)
    report = report_start(
        region=friesland, period="2024", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )
    for key, content in {
        RNZS: AnswerContent(choice="deels", explanation="Wel aandacht, geen kartrekker."),
        EXTRA: AnswerContent(
            choice="ja", figures={"uren_per_jaar": "400.0", "organisaties": ["vt", "politie"]}
        ),
        LEREND: AnswerContent(figures={"activiteiten": ["casusreviews"], "aantal": 4}),
        "actieoverleg.uitvoering.frequentie": AnswerContent(
            figures={"frequentie": {"aantal": 2, "per": "maand"}}
        ),
    }.items():
        answer = report.answers.get(indicator__key=key)
        answer_save(answer=answer, content=content, base_revision=answer.revision, user=None)
    return report


@pytest.fixture
def moved(old_report, rapporteur_friesland, friesland, catalogue_2021_1, open_round):
    open_round("2025", catalogue_2021_1)
    return report_start(
        region=friesland,
        period="2025",
        catalogue_version=catalogue_2021_1,
        user=rapporteur_friesland,
        start_from=old_report,
    )


def answer_of(report, key):
    return Answer.objects.select_related("indicator").get(report=report, indicator__key=key)


def test_een_rapportage_verhuist_met_haar_antwoorden_naar_de_herziene_uitgave(moved):
    carried = {a.indicator.key: a for a in moved.answers.filter(carried_over=True)}
    assert set(carried) == {RNZS, EXTRA, LEREND, "actieoverleg.uitvoering.frequentie"}
    assert carried[RNZS].choice == "deels"
    assert carried[RNZS].explanation == "Wel aandacht, geen kartrekker."
    assert carried[EXTRA].figures == {"uren_per_jaar": "400.0", "organisaties": ["vt", "politie"]}
    assert carried[LEREND].figures == {"activiteiten": ["casusreviews"], "aantal": 4}
    assert moved.answers.count() == 114


def test_de_rapportage_op_2021_blijft_zoals_ze_was(old_report, moved):
    answer = answer_of(old_report, RNZS)
    assert old_report.catalogue_version.slug == "werkset-2021"
    assert (answer.choice, answer.revision, answer.carried_over) == ("deels", 1, False)


def save(client, report, key, data):
    answer = answer_of(report, key)
    response = client.post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": str(answer.revision), **data},
    )
    answer.refresh_from_db()
    return response, answer


def test_een_oordeel_per_deel_wordt_opgeslagen(client_for, rapporteur_friesland, moved):
    response, answer = save(
        client_for(rapporteur_friesland),
        moved,
        RNZS,
        {
            "choice": "deels",
            "field-aandacht": "ja",
            "field-kartrekker": "nee",
            "field-pdca": "deels",
        },
    )
    assert response.status_code == 302
    assert answer.figures == {"aandacht": "ja", "kartrekker": "nee", "pdca": "deels"}


def test_een_onbekend_oordeel_voor_een_deel_krijgt_een_nederlandse_fout(
    client_for, rapporteur_friesland, moved
):
    response, answer = save(
        client_for(rapporteur_friesland), moved, RNZS, {"choice": "ja", "field-kartrekker": "x"}
    )
    assert response.status_code == 400
    assert "Er is een kartrekker: Kies een van de mogelijkheden." in response.content.decode()
    assert answer.choice == "deels"


def test_capaciteit_per_organisatie_en_bedrag_hebben_grenzen(
    client_for, rapporteur_friesland, moved
):
    client = client_for(rapporteur_friesland)
    response, answer = save(
        client,
        moved,
        SNELHEID,
        {"choice": "ja", "field-kosten": "2.000.000.000", "field-uren_vt": "-3"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kosten: Dit getal is te groot" in html
    assert "Waarvan Veilig Thuis: Vul een getal van nul of meer in." in html
    assert answer.figures == {}
    response, answer = save(
        client, moved, SNELHEID, {"choice": "ja", "field-kosten": "1.250,50", "field-uren_vt": "80"}
    )
    assert response.status_code == 302
    assert answer.figures == {"kosten": "1250.50", "uren_vt": "80.0"}


def test_deelname_per_organisatie_en_frequentie_per_activiteit(
    client_for, rapporteur_friesland, moved
):
    client = client_for(rapporteur_friesland)
    response, answer = save(
        client, moved, AANWEZIG, {"choice": "deels", "field-deelname_rvdk": "afroep"}
    )
    assert response.status_code == 302
    assert answer.figures["deelname_rvdk"] == "afroep"
    response, answer = save(
        client,
        moved,
        LEREND,
        {
            "field-activiteiten": ["casusreviews"],
            "field-frequentie_casusreviews-aantal": "1",
            "field-frequentie_casusreviews-per": "eeuw",
        },
    )
    assert response.status_code == 400
    assert "Kies per week, maand, kwartaal of jaar." in response.content.decode()
