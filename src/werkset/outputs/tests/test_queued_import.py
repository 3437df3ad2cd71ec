"""Large workbooks are read by a worker, not in the request (issue 17, finding 4): the
upload answers at once with a status page that shows the phase and then the result; a
refused or failed import changes nothing; the file is not kept once read."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from werkset.outputs.models import ImportStatus, WorkbookImport
from werkset.outputs.queued_import import (
    workbook_import_claim,
    workbook_import_fail,
    workbook_import_requeue,
)
from werkset.outputs.services import report_export
from werkset.reports.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_workbook_queued(settings):
    settings.WERKSET_IMPORT_QUEUE_FROM_KB = 0


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "friesland.xlsx",
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _workbook_with_explanation(report, text: str) -> bytes:
    workbook = load_workbook(BytesIO(report_export(report=report, fmt="xlsx", user=None).content))
    sheet = workbook.worksheets[1]
    column = next(c.column_letter for c in sheet[1] if c.value == "Toelichting")
    sheet[f"{column}2"] = text
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _post(client, report, content, capture):
    with capture(execute=True):
        return client.post(
            reverse("outputs:upload", args=[report.pk]), {"workbook": _upload(content)}
        )


def test_grote_werkmap_gaat_naar_de_wachtrij_en_de_statuspagina_toont_het_resultaat(
    client_for, rapporteur_friesland, report, django_capture_on_commit_callbacks
):
    client = client_for(rapporteur_friesland)
    content = _workbook_with_explanation(report, "Ingevuld in Excel.")
    response = _post(client, report, content, django_capture_on_commit_callbacks)
    job = WorkbookImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outputs:import_detail", args=[report.pk, job.pk])
    assert (job.status, job.changed, bytes(job.data)) == (ImportStatus.DONE, 1, b"")
    page = client.get(response["Location"]).content.decode()
    assert "Werkmap ingelezen: 1 antwoord(en) gewijzigd" in page
    assert Answer.objects.filter(report=report, explanation="Ingevuld in Excel.").exists()


def test_een_geweigerde_grote_werkmap_verandert_niets_en_noemt_de_problemen(
    client_for, rapporteur_friesland, report, django_capture_on_commit_callbacks
):
    client = client_for(rapporteur_friesland)
    before = list(Answer.objects.filter(report=report).values_list("revision", flat=True))
    response = _post(client, report, b"PK\x03\x04 geen werkmap", django_capture_on_commit_callbacks)
    job = WorkbookImport.objects.get()
    assert job.status == ImportStatus.REFUSED
    page = client.get(response["Location"]).content.decode()
    assert "Er is niets gewijzigd" in page
    assert job.problems
    assert all(problem in page for problem in job.problems)
    assert list(Answer.objects.filter(report=report).values_list("revision", flat=True)) == before


def test_terwijl_de_werkmap_wacht_toont_de_pagina_de_fase(client_for, rapporteur_friesland, report):
    # Without running the on-commit hand-over the import stays in the queue.
    response = client_for(rapporteur_friesland).post(
        reverse("outputs:upload", args=[report.pk]), {"workbook": _upload(b"PK")}
    )
    job = WorkbookImport.objects.get()
    status = client_for(rapporteur_friesland).get(
        reverse("outputs:import_status", args=[report.pk, job.pk])
    )
    assert response.status_code == 302
    assert job.status == ImportStatus.QUEUED
    assert "Bezig: wacht op verwerking." in status.content.decode()
    assert "data-done" not in status.content.decode()


def test_een_storing_in_de_worker_verandert_niets(
    client_for, rapporteur_friesland, report, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr("werkset.outputs.excel_import.report_workbook_import", broken)
    content = _workbook_with_explanation(report, "Niet opgeslagen.")
    _post(client_for(rapporteur_friesland), report, content, django_capture_on_commit_callbacks)
    job = WorkbookImport.objects.get()
    assert job.status == ImportStatus.FAILED
    assert bytes(job.data) == b""
    assert not Answer.objects.filter(report=report, explanation="Niet opgeslagen.").exists()


def test_een_ander_ziet_de_import_niet(client_for, rapporteur_friesland, netwerklid_noord, report):
    client_for(rapporteur_friesland).post(
        reverse("outputs:upload", args=[report.pk]), {"workbook": _upload(b"PK")}
    )
    job = WorkbookImport.objects.get()
    url = reverse("outputs:import_detail", args=[report.pk, job.pk])
    assert client_for(netwerklid_noord).get(url).status_code == 403


def test_een_kleine_werkmap_wordt_meteen_ingelezen(
    client_for, rapporteur_friesland, report, settings
):
    settings.WERKSET_IMPORT_QUEUE_FROM_KB = 1024
    content = report_export(report=report, fmt="xlsx", user=None).content
    response = client_for(rapporteur_friesland).post(
        reverse("outputs:upload", args=[report.pk]), {"workbook": _upload(content)}
    )
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert not WorkbookImport.objects.exists()


def _job(report, user, status: str, **fields) -> WorkbookImport:
    values = {"filename": "x.xlsx", "size": 2, "data": b"PK", **fields}
    return WorkbookImport.objects.create(report=report, requested_by=user, status=status, **values)


def test_een_fout_na_het_inlezen_laat_de_import_klaar(
    client_for, rapporteur_friesland, report, django_capture_on_commit_callbacks, monkeypatch
):
    """A fault after the result was saved (core.jobs: done moves nowhere) keeps the result."""
    from werkset.outputs import tasks

    real = tasks.workbook_import_run

    def then_broken(*, job):
        real(job=job)
        raise RuntimeError("kapot na het opslaan")

    monkeypatch.setattr(tasks, "workbook_import_run", then_broken)
    content = _workbook_with_explanation(report, "Toch opgeslagen.")
    _post(client_for(rapporteur_friesland), report, content, django_capture_on_commit_callbacks)
    job = WorkbookImport.objects.get()
    assert (job.status, job.changed, job.problems) == (ImportStatus.DONE, 1, [])
    assert Answer.objects.filter(report=report, explanation="Toch opgeslagen.").exists()


@pytest.mark.parametrize("status", [ImportStatus.DONE, ImportStatus.REFUSED])
def test_een_late_mislukking_of_herhaling_verandert_een_afgeronde_import_niet(
    report, rapporteur_friesland, status
):
    job = _job(report, rapporteur_friesland, status, data=b"")
    workbook_import_fail(job=job, reason="timeout")
    workbook_import_requeue(job=job)
    job.refresh_from_db()
    assert (job.status, job.problems, job.problem_count) == (status, [], 0)


def test_een_bezige_import_gaat_terug_in_de_wachtrij(report, rapporteur_friesland):
    job = _job(report, rapporteur_friesland, ImportStatus.RUNNING, started_at=timezone.now())
    workbook_import_requeue(job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED


def test_de_claim_neemt_een_wachtende_import_eenmaal(report, rapporteur_friesland, settings):
    queued = _job(report, rapporteur_friesland, ImportStatus.QUEUED)
    claimed = workbook_import_claim(import_id=queued.pk)
    assert claimed is not None
    assert claimed.status == ImportStatus.RUNNING
    assert workbook_import_claim(import_id=queued.pk) is None
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    stale = _job(report, rapporteur_friesland, ImportStatus.RUNNING, started_at=long_ago)
    assert workbook_import_claim(import_id=stale.pk) is not None
    done = _job(report, rapporteur_friesland, ImportStatus.DONE)
    assert workbook_import_claim(import_id=done.pk) is None


def test_een_wachtende_import_gaat_opnieuw_naar_de_wachtrij_na_de_ingestelde_tijd(
    client_for, rapporteur_friesland, report, settings, monkeypatch
):
    """The same threshold as a waiting document (WERKSET_DOCUMENT_WAIT_SECONDS)."""
    from werkset.outputs import queued_import

    handed: list[int] = []
    monkeypatch.setattr(queued_import, "_enqueue", handed.append)
    job = _job(report, rapporteur_friesland, ImportStatus.QUEUED)
    WorkbookImport.objects.filter(pk=job.pk).update(
        requested_at=timezone.now() - timedelta(seconds=60)
    )
    url = reverse("outputs:import_detail", args=[report.pk, job.pk])
    settings.WERKSET_DOCUMENT_WAIT_SECONDS = 120
    client_for(rapporteur_friesland).get(url)
    assert handed == []
    settings.WERKSET_DOCUMENT_WAIT_SECONDS = 30
    client_for(rapporteur_friesland).get(url)
    assert handed == [job.pk]
