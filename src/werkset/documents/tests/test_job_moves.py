"""The worker's writes follow core.jobs' table of moves: a fault after a document was
stored, or a late requeue, never turns a ready document back (review of the job state
machine); the claim still takes a queued document, or one whose worker died, once."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from werkset.documents import services
from werkset.documents.models import Document, DocumentStatus, SynthesisDocument
from werkset.documents.services import (
    document_claim,
    document_fail,
    document_request,
    document_requeue,
)
from werkset.documents.synthesis_services import synthesis_fail, synthesis_requeue

from .conftest import stored_files

pytestmark = pytest.mark.django_db


def _document(report, status: str, **fields) -> Document:
    return Document.objects.create(
        report=report,
        report_number=report.number,
        report_status=report.status,
        stamp="x",
        format="pdf",
        status=status,
        **fields,
    )


def test_een_fout_na_het_opslaan_laat_het_document_klaar(
    report,
    rapporteur_friesland,
    renders,
    media: Path,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def broken(document):
        raise RuntimeError("opruimen mislukt")

    monkeypatch.setattr(services, "_remove_superseded", broken)
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(report=report, format="pdf", user=rapporteur_friesland)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert document.error == ""
    assert stored_files(media) == [media / document.file.name]


def test_een_late_mislukking_overschrijft_een_klaar_document_niet(report):
    ready = _document(report, DocumentStatus.READY, file="documenten/klaar.pdf")
    document_fail(document=ready, reason="timeout")
    ready.refresh_from_db()
    assert (ready.status, ready.file.name, ready.error) == (
        DocumentStatus.READY,
        "documenten/klaar.pdf",
        "",
    )


@pytest.mark.parametrize("status", [DocumentStatus.READY, DocumentStatus.FAILED])
def test_opnieuw_in_de_wachtrij_doet_niets_met_een_afgerond_document(report, status):
    document = _document(report, status)
    document_requeue(document=document)
    document.refresh_from_db()
    assert document.status == status


def test_een_bezig_document_gaat_terug_in_de_wachtrij_of_mislukt(report):
    running = _document(report, DocumentStatus.RUNNING, started_at=timezone.now())
    document_requeue(document=running)
    running.refresh_from_db()
    assert running.status == DocumentStatus.QUEUED
    running = _document(report, DocumentStatus.RUNNING, started_at=timezone.now())
    document_fail(document=running, reason="timeout")
    running.refresh_from_db()
    assert running.status == DocumentStatus.FAILED
    assert "te lang" in running.error


def test_de_claim_neemt_een_wachtend_document_eenmaal(report):
    queued = _document(report, DocumentStatus.QUEUED)
    claimed = document_claim(document_id=queued.pk)
    assert claimed is not None
    assert (claimed.status, claimed.attempts) == (DocumentStatus.RUNNING, 1)
    assert document_claim(document_id=queued.pk) is None


def test_de_claim_neemt_een_document_waarvan_de_worker_stierf(report, settings):
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    stale = _document(report, DocumentStatus.RUNNING, started_at=long_ago)
    alive = _document(report, DocumentStatus.RUNNING, started_at=timezone.now())
    assert document_claim(document_id=stale.pk) is not None
    assert document_claim(document_id=alive.pk) is None


@pytest.mark.parametrize("status", [DocumentStatus.READY, DocumentStatus.FAILED])
def test_de_claim_laat_een_afgerond_document_staan(report, status):
    document = _document(report, status)
    assert document_claim(document_id=document.pk) is None
    document.refresh_from_db()
    assert document.status == status


def test_een_klare_synthese_blijft_klaar(catalogue_2021):
    synthesis = SynthesisDocument.objects.create(
        period="2025",
        catalogue_version=catalogue_2021,
        format="pdf",
        status=DocumentStatus.READY,
        file="synthese/klaar.pdf",
    )
    synthesis_fail(document=synthesis, reason="render")
    synthesis_requeue(document=synthesis)
    synthesis.refresh_from_db()
    assert (synthesis.status, synthesis.file.name) == (DocumentStatus.READY, "synthese/klaar.pdf")
