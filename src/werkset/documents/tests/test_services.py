"""Requesting documents: reuse, staleness, access, failures (ADR 0016)."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage

from werkset.accounts.models import Role
from werkset.core.models import AuditAction, AuditEvent
from werkset.documents import services
from werkset.documents.models import Document, DocumentStatus
from werkset.documents.services import document_claim, document_request
from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer
from werkset.reports.services import answer_save
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_transition

from .conftest import stored_files

pytestmark = pytest.mark.django_db


def _request(
    report, user, django_capture_on_commit_callbacks, fmt="pdf", variant="rapport"
) -> Document:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(report=report, format=fmt, user=user, variant=variant)
    document.refresh_from_db()
    return document


def test_een_vastgestelde_versie_wordt_eenmaal_gemaakt_en_bewaard(
    report, rapporteur_friesland, landelijk, renders, django_capture_on_commit_callbacks
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    first = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    second = _request(report, landelijk, django_capture_on_commit_callbacks)
    assert first.status == DocumentStatus.READY
    assert second.pk == first.pk
    assert renders == ["pdf"]
    assert default_storage.open(first.file.name).read().startswith(b"%PDF")


def test_het_pad_noemt_rapportage_versie_en_formaat(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    document = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks, "docx")
    assert document.file.name.startswith(f"documenten/rapportage-{report.pk}/versie-1/docx/")


def test_een_concept_na_een_wijziging_wordt_opnieuw_gemaakt(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    first = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    unchanged = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    answer = Answer.objects.filter(report=report).order_by("pk").first()
    answer_save(
        answer=answer,
        user=rapporteur_friesland,
        content=AnswerContent(explanation="Nieuwe toelichting"),
        base_revision=answer.revision,
    )
    changed = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert unchanged.pk == first.pk
    assert changed.pk != first.pk
    assert changed.status == DocumentStatus.READY
    assert renders == ["pdf", "pdf"]


def test_een_nieuw_conceptdocument_ruimt_het_vorige_op(
    report, rapporteur_friesland, renders, media: Path, django_capture_on_commit_callbacks
):
    first = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    answer = Answer.objects.filter(report=report).order_by("pk").first()
    answer_save(
        answer=answer,
        user=rapporteur_friesland,
        content=AnswerContent(explanation="Nieuwe toelichting"),
        base_revision=answer.revision,
    )
    second = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert not Document.objects.filter(pk=first.pk).exists()
    assert stored_files(media) == [media / second.file.name]


def test_een_ander_formaat_is_een_ander_document(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    pdf = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks, "pdf")
    xlsx = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks, "xlsx")
    assert pdf.pk != xlsx.pk


def test_wie_de_rapportage_niet_mag_zien_krijgt_geen_document(report, make_user, utrecht, renders):
    elders = make_user(Role.RAPPORTEUR, region=utrecht)
    with pytest.raises(PermissionDenied):
        document_request(report=report, format="pdf", user=elders)
    assert not Document.objects.exists()
    assert renders == []


def test_het_verzoek_staat_in_het_auditlog(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    document = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    event = AuditEvent.objects.filter(
        action=AuditAction.REPORT_EXPORTED, detail__document=document.pk
    ).get()
    assert event.actor == rapporteur_friesland


def test_een_mislukte_render_laat_geen_bestand_en_zegt_in_het_nederlands_wat_er_is(
    report, rapporteur_friesland, media: Path, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(services, "report_export", broken)
    document = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert document.status == DocumentStatus.FAILED
    assert not document.file
    assert stored_files(media) == []
    assert document.error.startswith("Het document kon niet worden gemaakt.")


def test_een_fout_bij_het_wegschrijven_laat_geen_half_bestand(
    report,
    rapporteur_friesland,
    renders,
    media: Path,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services.os, "replace", disk_full)
    document = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert document.status == DocumentStatus.FAILED
    assert stored_files(media) == []


def test_een_tijdelijke_fout_zonder_wachtrij_maakt_het_document_mislukt(
    report, rapporteur_friesland, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    def away(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "report_export", away)
    document = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert document.status == DocumentStatus.FAILED
    assert "tijdelijke storing" in document.error


def test_na_een_mislukking_maakt_een_nieuw_verzoek_een_nieuw_document(
    report, rapporteur_friesland, monkeypatch, renders, django_capture_on_commit_callbacks
):
    failed = Document.objects.create(
        report=report,
        report_number=1,
        report_status=report.status,
        stamp="x",
        format="pdf",
        status=DocumentStatus.FAILED,
    )
    document = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert document.pk != failed.pk
    assert document.status == DocumentStatus.READY


def test_een_document_wordt_maar_eenmaal_opgepakt(report, rapporteur_friesland):
    document = document_request(report=report, format="pdf", user=rapporteur_friesland)
    assert document_claim(document_id=document.pk) is not None
    assert document_claim(document_id=document.pk) is None


def test_een_onbekend_formaat_wordt_geweigerd(report, rapporteur_friesland):
    with pytest.raises(ValueError, match="json"):
        document_request(report=report, format="json", user=rapporteur_friesland)


def test_een_andere_indeling_is_een_ander_document(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    rapport = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    vragenlijst = _request(
        report, rapporteur_friesland, django_capture_on_commit_callbacks, variant="vragenlijst"
    )
    again = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert vragenlijst.pk != rapport.pk
    assert again.pk == rapport.pk
    assert (rapport.variant, vragenlijst.variant) == ("rapport", "vragenlijst")
    assert renders == ["pdf", "pdf:vragenlijst"]
    assert "/pdf/vragenlijst/" in vragenlijst.file.name


def test_een_nieuw_rapport_ruimt_de_vragenlijst_niet_op(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    vragenlijst = _request(
        report, rapporteur_friesland, django_capture_on_commit_callbacks, variant="vragenlijst"
    )
    report.title = "Een eigen titel"
    report.save(update_fields=["title"])
    _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert Document.objects.filter(pk=vragenlijst.pk).exists()


def test_een_gewijzigde_eigen_titel_maakt_een_nieuw_concept(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    first = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    report.title = "Een eigen titel"
    report.save(update_fields=["title"])
    second = _request(report, rapporteur_friesland, django_capture_on_commit_callbacks)
    assert second.pk != first.pk


def test_een_werkmap_heeft_een_indeling(
    report, rapporteur_friesland, renders, django_capture_on_commit_callbacks
):
    xlsx = _request(
        report, rapporteur_friesland, django_capture_on_commit_callbacks, "xlsx", "vragenlijst"
    )
    assert xlsx.variant == "rapport"


def test_een_onbekende_indeling_wordt_geweigerd(report, rapporteur_friesland):
    with pytest.raises(ValueError, match="Kies de indeling"):
        document_request(report=report, format="pdf", user=rapporteur_friesland, variant="x")
    assert not Document.objects.exists()
