"""The report pages as the different roles use them, through Django's test client."""

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.reports.models import (
    Answer,
    AnswerChange,
    Comment,
    Report,
    ReportStatus,
    SectionText,
)
from werkset.reports.tests.decide import assessed_via_theme_pages, network_chair, report_decided
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_X_WERKSET_AUTOSAVE": "1"}


def answer_for(report, key):
    return Answer.objects.select_related("indicator__theme").get(report=report, indicator__key=key)


def save_url(report, answer):
    return reverse("reports:answer_save", args=[report.pk, answer.pk])


def test_rapporteur_start_een_rapportage_in_de_werkruimte(
    client_for, rapporteur_friesland, catalogue_2021, open_round
):
    open_round("2025-H1", catalogue_2021)
    client = client_for(rapporteur_friesland)
    page = client.get(reverse("region_workspace", args=["friesland"]))
    assert "Een rapportage starten" in page.content.decode()
    response = client.post(
        reverse("region_workspace", args=["friesland"]),
        {"period": "2025-H1", "catalogue_version": catalogue_2021.pk, "start_from": ""},
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert report.period == "2025-H1"


def test_ongeldige_periode_zegt_wat_te_doen(client_for, rapporteur_friesland, catalogue_2021):
    response = client_for(rapporteur_friesland).post(
        reverse("region_workspace", args=["friesland"]),
        {"period": "vorig jaar", "catalogue_version": catalogue_2021.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een jaar (2025) of een halfjaar" in html
    assert not Report.objects.exists()


def test_anderen_starten_geen_rapportage(client_for, netwerklid_noord, landelijk, catalogue_2021):
    for user in (netwerklid_noord, landelijk):
        response = client_for(user).post(
            reverse("region_workspace", args=["friesland"]),
            {"period": "2025", "catalogue_version": catalogue_2021.pk},
        )
        assert response.status_code == 403
    assert not Report.objects.exists()


def test_concept_is_onzichtbaar_buiten_regio_en_netwerk(
    client_for, report, make_user, landelijk, netwerklid_oost
):
    from werkset.accounts.models import Role
    from werkset.regions.models import Region

    rapporteur_utrecht = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="utrecht"))
    theme_url = reverse("reports:theme", args=[report.pk, "acuut"])
    for user in (landelijk, netwerklid_oost, rapporteur_utrecht):
        client = client_for(user)
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
        assert client.get(theme_url).status_code == 404
        workspace = client.get(reverse("region_workspace", args=["friesland"])).content.decode()
        assert reverse("reports:detail", args=[report.pk]) not in workspace


def test_netwerklid_van_de_regio_leest_het_concept(client_for, report, netwerklid_noord):
    response = client_for(netwerklid_noord).get(reverse("reports:theme", args=[report.pk, "acuut"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "alleen de rapporteur wijzigt haar" in html
    assert "data-autosave" not in html


def test_thema_pagina_toont_vragen_context_en_formulieren(client_for, report, rapporteur_friesland):
    html = (
        client_for(rapporteur_friesland)
        .get(reverse("reports:theme", args=[report.pk, "actieoverleg"]))
        .content.decode()
    )
    assert "Hoe vaak is het Actie-overleg?" in html
    assert "Context van dit thema" in html
    assert 'name="field-frequentie-aantal"' in html
    assert "Wat Openbaar Ministerie zegt" in html
    assert html.count("data-autosave") >= 27


def test_opslaan_met_nederlandse_getallen(client_for, report, rapporteur_friesland):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    response = client_for(rapporteur_friesland).post(
        save_url(report, answer),
        {
            "base_revision": "0",
            "choice": "ja",
            "field-kosten": "12.500,00",
            "field-uren": "80",
            "explanation": "Training voor alle basisteams.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#antwoord-{answer.pk}")
    answer.refresh_from_db()
    assert answer.figures == {"kosten": "12500.00", "uren": "80.0"}
    page = client_for(rapporteur_friesland).get(reverse("reports:theme", args=[report.pk, "acuut"]))
    assert 'value="12.500,00"' in page.content.decode()


def test_validatiefout_houdt_de_invoer_en_zegt_wat_te_verbeteren(
    client_for, report, rapporteur_friesland
):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    response = client_for(rapporteur_friesland).post(
        save_url(report, answer),
        {
            "base_revision": "0",
            "choice": "ja",
            "field-kosten": "heel veel",
            "explanation": "Mijn tekst",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "is niet opgeslagen: verbeter het volgende" in html
    assert "Kosten: Vul een getal in" in html
    assert 'value="heel veel"' in html
    assert "Mijn tekst" in html
    answer.refresh_from_db()
    assert answer.revision == 0


def test_autosave_geeft_json_en_nieuwe_revisie(client_for, report, rapporteur_friesland):
    answer = answer_for(report, "acuut.uitvoering.crisismeldingen")
    response = client_for(rapporteur_friesland).post(
        save_url(report, answer), {"base_revision": "0", "field-aantal": "1.200"}, **AUTOSAVE
    )
    data = response.json()
    assert (data["status"], data["revision"], data["complete"]) == ("saved", 1, True)
    assert AnswerChange.objects.get(answer=answer).source == "autosave"


def test_autosave_conflict_toont_beide_teksten(
    client_for, report, rapporteur_friesland, second_rapporteur
):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    client_for(rapporteur_friesland).post(
        save_url(report, answer), {"base_revision": "0", "explanation": "Eerste"}, **AUTOSAVE
    )
    response = client_for(second_rapporteur).post(
        save_url(report, answer), {"base_revision": "0", "explanation": "Tweede"}, **AUTOSAVE
    )
    assert response.status_code == 409
    assert response.json()["current"]["explanation"] == "Eerste"
    answer.refresh_from_db()
    assert answer.explanation == "Eerste"


def test_conflict_zonder_javascript_toont_beide_teksten(
    client_for, report, rapporteur_friesland, second_rapporteur
):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    client_for(rapporteur_friesland).post(
        save_url(report, answer), {"base_revision": "0", "explanation": "Eerste"}
    )
    response = client_for(second_rapporteur).post(
        save_url(report, answer), {"base_revision": "0", "explanation": "Tweede"}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "heeft dit antwoord intussen gewijzigd" in html
    assert "Eerste" in html
    assert "Tweede" in html


def test_autosave_na_verlopen_sessie_schrijft_niets(client, report):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    response = client.post(
        save_url(report, answer), {"base_revision": "0", "explanation": "x"}, **AUTOSAVE
    )
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    answer.refresh_from_db()
    assert answer.explanation == ""


def test_netwerklid_kan_geen_antwoord_opslaan(client_for, report, netwerklid_noord):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    response = client_for(netwerklid_noord).post(
        save_url(report, answer), {"base_revision": "0", "choice": "ja"}
    )
    assert response.status_code == 403


def test_de_hele_weg_via_de_webpagina(client_for, report, rapporteur_friesland, netwerklid_noord):
    rapporteur = client_for(rapporteur_friesland)
    netwerklid = client_for(netwerklid_noord)
    answer = answer_for(report, "actieoverleg.uitvoering.frequentie")
    rapporteur.post(
        save_url(report, answer),
        {"base_revision": "0", "field-frequentie-aantal": "1", "field-frequentie-per": "week"},
    )
    rapporteur.post(reverse("reports:transition", args=[report.pk, "submit"]))
    assessed_via_theme_pages(rapporteur, report)
    response = netwerklid.post(
        reverse("reports:comment_add", args=[report.pk]),
        {"answer": answer.pk, "kind": "correctie", "text": "Het is tweewekelijks."},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    detail = rapporteur.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Het is tweewekelijks." in detail

    refused = rapporteur.post(
        reverse("reports:transition", args=[report.pk, "put_forward"]), follow=True
    )
    assert "openstaande commentaar" in refused.content.decode()
    rapporteur.post(
        reverse("reports:comment_resolve", args=[report.pk, comment.pk]),
        {"resolution": "Aangepast"},
    )
    rapporteur.post(reverse("reports:transition", args=[report.pk, "put_forward"]))
    chair = client_for(network_chair(report))
    chair.post(
        reverse("reports:transition", args=[report.pk, "finalise"]),
        {"decided_on": timezone.localdate().isoformat(), "decided_by": "Het RNZS"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.VASTGESTELD
    assert report.decided_by == "Het RNZS"

    page = rapporteur.get(
        reverse("reports:theme", args=[report.pk, "actieoverleg"])
    ).content.decode()
    assert "Deze rapportage is vastgesteld" in page
    assert "1 per week" in page
    assert rapporteur.post(save_url(report, answer), {"base_revision": "1"}).status_code == 403


def test_geschiedenis_per_antwoord(client_for, report, rapporteur_friesland, netwerklid_noord):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    client_for(rapporteur_friesland).post(
        save_url(report, answer), {"base_revision": "0", "choice": "deels"}
    )
    html = (
        client_for(netwerklid_noord)
        .get(reverse("reports:answer_history", args=[report.pk, answer.pk]))
        .content.decode()
    )
    assert "Geschiedenis van" in html
    assert rapporteur_friesland.username in html
    assert "deels" in html


def test_praktijkvoorbeeld_toevoegen(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    url = reverse("reports:item_add", args=[report.pk, "actieoverleg", "praktijk"])
    response = client.post(
        url,
        {
            "kind": "casusreview",
            "title": "Casusreview AO",
            "text": "**Les:** eerder afstemmen.",
            "source": "Evaluatie 2025",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("reports:theme", args=[report.pk, "actieoverleg"])).content.decode()
    assert "Casusreview AO" in page
    assert "<strong>Les:</strong>" in page


def test_markdown_wordt_gesaneerd(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    url = reverse("reports:item_add", args=[report.pk, "acuut", "praktijk"])
    client.post(
        url,
        {
            "kind": "anders",
            "title": "T",
            "text": "<script>alert(1)</script>[x](javascript:alert(1))",
        },
    )
    page = client.get(reverse("reports:theme", args=[report.pk, "acuut"])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page


def test_lopende_tekst_opslaan(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    response = client.post(
        reverse("reports:element_text", args=[report.pk, "acuut", "waarde"]),
        {"base_revision": "0", "text": "De waarde zit vooral in *snelheid*."},
        **AUTOSAVE,
    )
    assert response.json()["status"] == "saved"
    page = client.get(reverse("reports:theme", args=[report.pk, "acuut"])).content.decode()
    assert "De waarde zit vooral in *snelheid*." in page


def test_correctie_en_verschillen(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    client.post(save_url(report, answer), {"base_revision": "0", "choice": "ja"})
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    response = client.post(reverse("reports:correct", args=[report.pk]), {"reason": "Aangevuld"})
    new = Report.objects.get(number=2)
    assert response["Location"] == reverse("reports:detail", args=[new.pk])
    new_answer = answer_for(new, "acuut.ontwikkel.voorlichting-politie")
    client.post(save_url(new, new_answer), {"base_revision": "1", "choice": "deels"})
    html = client.get(reverse("reports:differences", args=[new.pk])).content.decode()
    assert "Verschillen tussen versie 1 en versie 2" in html
    assert "Voorlichting politie" in html


def test_overzicht_toont_voortgang_en_open_vragen(client_for, report, rapporteur_friesland):
    html = (
        client_for(rapporteur_friesland)
        .get(reverse("reports:detail", args=[report.pk]))
        .content.decode()
    )
    assert "0 van 114 vragen beantwoord" in html
    assert "Nog open" in html
    assert "Ter bespreking voorleggen" in html


def test_commentaar_op_een_thema(client_for, report, rapporteur_friesland, netwerklid_noord):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    netwerklid = client_for(netwerklid_noord)
    response = netwerklid.post(
        reverse("reports:comment_add", args=[report.pk]),
        {"theme": "ssk", "kind": "opmerking", "text": "Mist de rol van de RvdK in dit thema."},
    )
    assert response["Location"].endswith("/thema/ssk/#thema-commentaar")
    comment = Comment.objects.get()
    assert (comment.theme.key, comment.answer) == ("ssk", None)
    page = client_for(rapporteur_friesland).get(reverse("reports:theme", args=[report.pk, "ssk"]))
    assert "Mist de rol van de RvdK in dit thema." in page.content.decode()


def test_themapagina_toont_voortgang_per_element(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    client.post(save_url(report, answer), {"base_revision": "0", "choice": "nee"})
    html = client.get(reverse("reports:theme", args=[report.pk, "acuut"])).content.decode()
    assert "1 van 5 vragen beantwoord" in html
    assert "0 van 7 vragen beantwoord" in html


def test_praktijkvoorbeeld_heeft_een_markdown_voorbeeld(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    html = client.get(
        reverse("reports:item_add", args=[report.pk, "acuut", "praktijk"])
    ).content.decode()
    assert 'data-markdown-preview="item-preview"' in html
    assert 'id="item-preview"' in html
    preview = client.post(reverse("reports:preview"), {"text": "**vet** <script>x</script>"})
    assert "<strong>vet</strong>" in preview.content.decode()
    assert "<script>" not in preview.content.decode()


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (ReportStatus.CONCEPT, True),
        (ReportStatus.TER_BESPREKING, True),
        (ReportStatus.VOORGELEGD, False),
        (ReportStatus.VASTGESTELD, False),
    ],
)
def test_de_werkmap_uploaden_wordt_alleen_aangeboden_als_de_rapportage_verandert(
    status, offered, client_for, rapporteur_friesland, report
):
    """The upload form shows exactly when the import may write (report_may_edit)."""
    Report.objects.filter(pk=report.pk).update(status=status)
    page = client_for(rapporteur_friesland).get(reverse("reports:detail", args=[report.pk]))
    assert (reverse("outputs:upload", args=[report.pk]) in page.content.decode()) is offered


@pytest.mark.parametrize("revision", ["abc", "1e5", "-2", "9" * 40])
def test_een_lopende_tekst_met_een_onleesbare_revisie_wordt_niet_blind_opgeslagen(
    revision, client_for, rapporteur_friesland, report
):
    """A base revision that is not a number is a conflict with what is stored, not a 500."""
    url = reverse("reports:theme_text", args=[report.pk, "acuut"])
    client = client_for(rapporteur_friesland)
    first = client.post(url, {"text": "Eerste versie", "base_revision": "0"}, **AUTOSAVE)
    assert first.json()["status"] == "saved"
    response = client.post(url, {"text": "Tweede versie", "base_revision": revision}, **AUTOSAVE)
    assert response.status_code == 409
    assert SectionText.objects.get(report=report, element=None).text == "Eerste versie"
