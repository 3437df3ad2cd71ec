"""The privacy guard in a report: warn while writing, block finalising until handled."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from werkset.core.models import AuditAction, AuditEvent
from werkset.privacy.models import PrivacyClearance
from werkset.privacy.selectors import report_uncleared_hits
from werkset.privacy.services import PrivacyError, privacy_hit_clear
from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer, ReportStatus
from werkset.reports.services import ReportError, answer_save
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def write(report, user, text, key="acuut.ontwikkel.voorlichting-politie"):
    answer = Answer.objects.get(report=report, indicator__key=key)
    answer_save(
        answer=answer,
        content=AnswerContent(choice="ja", explanation=text),
        base_revision=answer.revision,
        user=user,
    )
    return answer


def test_vaststellen_wacht_op_persoonsgegevens(report, rapporteur_friesland):
    write(report, rapporteur_friesland, "Casus besproken, moeder bereikbaar op 06-12345678.")
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    with pytest.raises(ReportError, match="lijkt op persoonsgegevens"):
        report_decided(report, rapporteur_friesland)
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_BESPREKING


def test_verwijderen_maakt_de_weg_vrij(report, rapporteur_friesland):
    write(report, rapporteur_friesland, "Casus besproken, moeder bereikbaar op 06-12345678.")
    write(report, rapporteur_friesland, "Casus besproken; contact via de casusregisseur.")
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    assert report_decided(report, rapporteur_friesland).status == "vastgesteld"


def test_markeren_als_geen_persoonsgegeven_met_wie_en_waarom(report, rapporteur_friesland):
    write(
        report,
        rapporteur_friesland,
        "Het landelijk nummer 0800-2000 en Sophie als casusnaam uit de training.",
    )
    hits = report_uncleared_hits(report=report)
    assert [h.hit.text for h in hits] == ["Sophie"]
    privacy_hit_clear(
        report=report,
        kind="naam",
        text="Sophie",
        reason="Fictieve naam uit het trainingsmateriaal.",
        user=rapporteur_friesland,
    )
    assert report_uncleared_hits(report=report) == []
    clearance = PrivacyClearance.objects.get()
    assert clearance.cleared_by == rapporteur_friesland
    assert AuditEvent.objects.filter(action=AuditAction.PRIVACY_CLEARED).exists()
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    assert report_decided(report, rapporteur_friesland).status == "vastgesteld"


def test_markeren_vraagt_een_reden_en_de_rapporteur(report, rapporteur_friesland, netwerklid_noord):
    write(report, rapporteur_friesland, "Sophie belde.")
    with pytest.raises(PrivacyError, match="waarom"):
        privacy_hit_clear(
            report=report, kind="naam", text="Sophie", reason=" ", user=rapporteur_friesland
        )
    with pytest.raises(PermissionDenied):
        privacy_hit_clear(
            report=report, kind="naam", text="Sophie", reason="x", user=netwerklid_noord
        )
    assert not PrivacyClearance.objects.exists()


def test_praktijkvoorbeelden_citaten_en_commentaar_worden_ook_gescand(report, rapporteur_friesland):
    from werkset.reports.text_services import report_item_save

    theme = report.catalogue_version.themes.get(key="ssk")
    report_item_save(
        report=report,
        user=rapporteur_friesland,
        kind="quote",
        values={"theme": theme, "text": "Mail me op a@b.nl", "attribution": ""},
    )
    [hit] = report_uncleared_hits(report=report)
    assert (hit.hit.kind, hit.theme_key) == ("e-mailadres", "ssk")


def test_autosave_waarschuwt_tijdens_het_schrijven(client_for, report, rapporteur_friesland):
    answer = Answer.objects.get(
        report=report, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )
    response = client_for(rapporteur_friesland).post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": "0", "explanation": "BSN 111222333 genoemd"},
        HTTP_X_WERKSET_AUTOSAVE="1",
    )
    [warning] = response.json()["privacy"]
    assert "BSN" in warning
    assert "111222333" in warning


def test_overzicht_toont_de_treffers_met_formulier(client_for, report, rapporteur_friesland):
    write(report, rapporteur_friesland, "Geboren op 3 maart 2015.")
    html = (
        client_for(rapporteur_friesland)
        .get(reverse("reports:detail", args=[report.pk]))
        .content.decode()
    )
    assert "Mogelijke persoonsgegevens" in html
    assert "3 maart 2015" in html
    assert "Geen persoonsgegeven, omdat" in html
    response = client_for(rapporteur_friesland).post(
        reverse("privacy_clear", args=[report.pk]),
        {"kind": "geboortedatum", "text": "3 maart 2015", "reason": "Datum van een wetswijziging."},
    )
    assert response.status_code == 302
    assert report_uncleared_hits(report=report) == []


def test_nogmaals_vrijgeven_verandert_niets_en_logt_niet_opnieuw(report, rapporteur_friesland):
    write(report, rapporteur_friesland, "Sophie belde.")
    privacy_hit_clear(
        report=report, kind="naam", text="Sophie", reason="Eerste reden", user=rapporteur_friesland
    )
    privacy_hit_clear(
        report=report, kind="naam", text="Sophie", reason="Tweede reden", user=rapporteur_friesland
    )
    assert PrivacyClearance.objects.get().reason == "Eerste reden"
    assert AuditEvent.objects.filter(action=AuditAction.PRIVACY_CLEARED).count() == 1


def test_een_vrijgegeven_adres_laat_naam_en_geboortedatum_niet_door(
    client_for, report, rapporteur_friesland
):
    """Issue 17: with an address in the text, name and date of birth were never flagged, so
    clearing the address alone let them into a finalised report."""
    write(report, rapporteur_friesland, "Sanne (geboren op 12-03-2015) woont op 1234 AB 5.")
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    client = client_for(rapporteur_friesland)
    client.post(
        reverse("privacy_clear", args=[report.pk]),
        {"kind": "adres", "text": "1234 AB 5", "reason": "Adres van het Zorg- en Veiligheidshuis."},
    )
    client.post(reverse("reports:transition", args=[report.pk, "finalise"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_BESPREKING
    assert sorted((h.hit.kind, h.hit.text) for h in report_uncleared_hits(report=report)) == [
        ("geboortedatum", "12-03-2015"),
        ("naam", "Sanne"),
    ]


def test_een_te_lange_treffer_wordt_niet_half_vrijgegeven(report, rapporteur_friesland):
    """A clearance holds at most 500 characters; a cut-off one would clear nothing (or more
    than the one hit), so a longer text is refused: remove it instead."""
    with pytest.raises(PrivacyError, match="te lang"):
        privacy_hit_clear(
            report=report,
            kind="e-mailadres",
            text="a" * 600 + "@voorbeeld.nl",
            reason="Geen persoon.",
            user=rapporteur_friesland,
        )
    assert not PrivacyClearance.objects.exists()


def test_een_te_lange_reden_wordt_geweigerd_en_niets_vrijgegeven(
    client_for, report, rapporteur_friesland
):
    write(report, rapporteur_friesland, "Geboren op 3 maart 2015.")
    response = client_for(rapporteur_friesland).post(
        reverse("privacy_clear", args=[report.pk]),
        {"kind": "geboortedatum", "text": "3 maart 2015", "reason": "x" * 1_000_000},
        follow=True,
    )
    assert "te lang" in response.content.decode()
    assert not PrivacyClearance.objects.exists()
