"""The length limits of a report's free texts (issue 17): told before saving, in Dutch, and
nothing stored when a text is too long, whichever way it comes in."""

import pytest
from django.urls import reverse

from werkset.reports.answers import AnswerContent
from werkset.reports.comment_services import comment_add, comment_resolve
from werkset.reports.limits import (
    COMMENT_MAX,
    EXPLANATION_MAX,
    PRACTICE_ITEM_MAX,
    QUOTE_MAX,
    SECTION_TEXT_MAX,
)
from werkset.reports.models import Answer, Comment, PracticeItem, Quote, SectionText
from werkset.reports.services import ReportError, answer_save
from werkset.reports.text_services import report_item_save
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_X_WERKSET_AUTOSAVE": "1"}
TOO_LONG = "Deze tekst is te lang"


def test_te_lang_commentaar_krijgt_een_nederlandse_melding_en_wordt_niet_bewaard(
    client_for, report, rapporteur_friesland, netwerklid_noord
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    response = client_for(netwerklid_noord).post(
        reverse("reports:comment_add", args=[report.pk]),
        {"theme": "ssk", "kind": "opmerking", "text": "a" * (COMMENT_MAX + 1)},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{TOO_LONG}: hoogstens 5.000 tekens, deze heeft er 5.001." in html
    assert not Comment.objects.exists()


def test_commentaar_tot_de_grens_wordt_bewaard(report, rapporteur_friesland, netwerklid_noord):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    comment_add(report=report, user=netwerklid_noord, text="a" * COMMENT_MAX, kind="opmerking")
    assert Comment.objects.count() == 1


def test_te_lange_afhandeling_van_commentaar_wordt_niet_bewaard(
    report, rapporteur_friesland, netwerklid_noord
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    comment = comment_add(report=report, user=netwerklid_noord, text="Graag aanvullen.")
    with pytest.raises(ReportError, match=TOO_LONG):
        comment_resolve(comment=comment, user=rapporteur_friesland, resolution="a" * 5001)
    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_te_lange_lopende_tekst_wordt_geweigerd_bij_autosave(
    client_for, report, rapporteur_friesland
):
    response = client_for(rapporteur_friesland).post(
        reverse("reports:element_text", args=[report.pk, "acuut", "waarde"]),
        {"base_revision": "0", "text": "a" * (SECTION_TEXT_MAX + 1)},
        **AUTOSAVE,
    )
    # Invalid input (400), not a refusal of the report (409): the script shows the message.
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert TOO_LONG in response.json()["message"]
    assert not SectionText.objects.filter(text__startswith="a").exists()


def test_lopende_tekst_van_een_rapportage_die_niet_meer_verandert_blijft_409(
    client_for, report, rapporteur_friesland
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_transition(report=report, name="put_forward", user=rapporteur_friesland)
    response = client_for(rapporteur_friesland).post(
        reverse("reports:element_text", args=[report.pk, "acuut", "waarde"]),
        {"base_revision": "0", "text": "Nieuw"},
        **AUTOSAVE,
    )
    assert response.status_code == 409
    assert response.json()["status"] == "refused"
    assert not SectionText.objects.filter(text="Nieuw").exists()


def test_te_groot_autosave_verzoek_krijgt_json(client_for, report, rapporteur_friesland, settings):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE fails before the view, in handler400: the
    script reads JSON, an HTML page left it saying "offline" (finding L5)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    answer = Answer.objects.get(
        report=report, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )
    client = client_for(rapporteur_friesland)
    client.raise_request_exception = False
    response = client.post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": "0", "choice": "ja", "explanation": "a" * 20_000},
        **AUTOSAVE,
    )
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert response.json()["message"] == "Het verzoek is te groot of niet goed opgebouwd."
    answer.refresh_from_db()
    assert (answer.revision, answer.explanation) == (0, "")


def test_autosave_met_te_veel_velden_krijgt_json(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    client.raise_request_exception = False
    fields = {f"veld{i}": "x" for i in range(2_000)}
    response = client.post(
        reverse("reports:element_text", args=[report.pk, "acuut", "waarde"]),
        {"base_revision": "0", "text": "Nieuw", **fields},
        **AUTOSAVE,
    )
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert not SectionText.objects.filter(text="Nieuw").exists()


def test_te_groot_gewoon_formulier_houdt_de_foutpagina(
    client_for, report, rapporteur_friesland, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = client_for(rapporteur_friesland)
    client.raise_request_exception = False
    response = client.post(
        reverse("reports:element_text", args=[report.pk, "acuut", "waarde"]),
        {"base_revision": "0", "text": "a" * 20_000},
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_te_lang_praktijkvoorbeeld_houdt_het_formulier_met_de_melding(
    client_for, report, rapporteur_friesland
):
    response = client_for(rapporteur_friesland).post(
        reverse("reports:item_add", args=[report.pk, "acuut", "praktijk"]),
        {"kind": "anders", "title": "Interview", "text": "a" * (PRACTICE_ITEM_MAX + 1)},
    )
    assert response.status_code == 400
    assert "niet meer dan 20000 tekens bevat (het zijn er nu 20001)" in response.content.decode()
    assert not PracticeItem.objects.exists()


def test_te_lang_citaat_wordt_door_de_dienst_geweigerd(report, rapporteur_friesland):
    """The service is where every path passes: the form, the demo, future imports."""
    theme = report.catalogue_version.themes.get(key="ssk")
    with pytest.raises(ReportError, match=TOO_LONG):
        report_item_save(
            report=report,
            user=rapporteur_friesland,
            kind="quote",
            values={"theme": theme, "text": "a" * (QUOTE_MAX + 1), "attribution": ""},
        )
    assert not Quote.objects.exists()


def test_te_lang_perspectief_wordt_door_de_dienst_geweigerd(report, rapporteur_friesland):
    key = "acuut.ontwikkel.voorlichting-politie"
    answer = Answer.objects.get(report=report, indicator__key=key)
    content = AnswerContent(choice="ja", perspectives={"politie": "a" * (EXPLANATION_MAX + 1)})
    with pytest.raises(ReportError, match=TOO_LONG):
        answer_save(answer=answer, content=content, base_revision=0, user=rapporteur_friesland)
    answer.refresh_from_db()
    assert answer.revision == 0


def test_de_themapagina_zegt_de_browser_hoe_lang_een_tekst_mag_zijn(
    client_for, report, rapporteur_friesland
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    html = (
        client_for(rapporteur_friesland)
        .get(reverse("reports:theme", args=[report.pk, "acuut"]))
        .content.decode()
    )
    assert f'maxlength="{SECTION_TEXT_MAX}"' in html
    assert f'maxlength="{EXPLANATION_MAX}"' in html
    assert f'maxlength="{COMMENT_MAX}"' in html
