"""The document pages through HTTP: request, follow, download, and who may (ADR 0016)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.accounts.testing import force_login_verified
from werkset.documents.models import Document, DocumentStatus
from werkset.reports.services import report_start
from werkset.rounds.testing import round_opened

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapporteur_client(client, rapporteur_friesland):
    force_login_verified(client, rapporteur_friesland)
    return client


def _request(client, report, django_capture_on_commit_callbacks, fmt="pdf"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("documents:request", args=[report.pk, fmt]))


def test_zonder_wachtrij_wordt_het_pdf_in_het_verzoek_gemaakt_en_gedownload(
    rapporteur_client, report, django_capture_on_commit_callbacks
):
    response = _request(rapporteur_client, report, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    page = rapporteur_client.get(response["Location"])
    assert "Klaar:" in page.content.decode()
    document = Document.objects.get()
    download = rapporteur_client.get(reverse("documents:download", args=[report.pk, document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="werkset-friesland-')
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_de_aanvraagpagina_heeft_een_knop(rapporteur_client, report):
    response = rapporteur_client.get(reverse("documents:request", args=[report.pk, "docx"]))
    assert response.status_code == 200
    assert "Het document maken" in response.content.decode()


def test_de_pagina_volgt_het_document_in_een_live_regio(rapporteur_client, report):
    document = Document.objects.create(
        report=report, report_number=1, report_status=report.status, format="pdf"
    )
    page = rapporteur_client.get(reverse("documents:detail", args=[report.pk, document.pk]))
    html = page.content.decode()
    assert 'aria-live="polite"' in html
    assert reverse("documents:status", args=[report.pk, document.pk]) in html
    assert "Wordt gemaakt…" in html


def test_het_fragment_zegt_dat_het_document_wacht_als_niemand_het_oppakt(rapporteur_client, report):
    document = Document.objects.create(
        report=report, report_number=1, report_status=report.status, format="pdf"
    )
    Document.objects.filter(pk=document.pk).update(
        requested_at=timezone.now() - timedelta(minutes=5)
    )
    fragment = rapporteur_client.get(reverse("documents:status", args=[report.pk, document.pk]))
    assert 'data-state="queued"' in fragment.content.decode()
    assert "Wacht op de verwerking" in fragment.content.decode()


def test_een_mislukt_document_toont_de_reden_en_stopt_met_vragen(rapporteur_client, report):
    document = Document.objects.create(
        report=report,
        report_number=1,
        report_status=report.status,
        format="pdf",
        status=DocumentStatus.FAILED,
        error="Het document kon niet worden gemaakt.",
    )
    html = rapporteur_client.get(
        reverse("documents:detail", args=[report.pk, document.pk])
    ).content.decode()
    assert "Mislukt: Het document kon niet worden gemaakt." in html
    assert "data-poll-url" not in html


def test_een_document_dat_niet_klaar_is_valt_niet_te_downloaden(rapporteur_client, report):
    document = Document.objects.create(
        report=report, report_number=1, report_status=report.status, format="pdf"
    )
    response = rapporteur_client.get(reverse("documents:download", args=[report.pk, document.pk]))
    assert response.status_code == 404


def test_een_andere_regio_ziet_het_concept_en_zijn_documenten_niet(
    client, report, make_user, utrecht, rapporteur_friesland, django_capture_on_commit_callbacks
):
    force_login_verified(client, rapporteur_friesland)
    # Any format will do: the workbook is made much faster than the PDF (seconds, every run).
    _request(client, report, django_capture_on_commit_callbacks, "xlsx")
    document = Document.objects.get(status=DocumentStatus.READY)
    force_login_verified(client, make_user(Role.RAPPORTEUR, region=utrecht))
    urls = [
        reverse("documents:request", args=[report.pk, "pdf"]),
        reverse("documents:detail", args=[report.pk, document.pk]),
        reverse("documents:status", args=[report.pk, document.pk]),
        reverse("documents:download", args=[report.pk, document.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    assert client.post(urls[0]).status_code == 404


def test_een_document_is_alleen_via_zijn_eigen_rapportage_te_vinden(
    rapporteur_client,
    report,
    friesland,
    catalogue_2021,
    rapporteur_friesland,
    django_capture_on_commit_callbacks,
):
    _request(rapporteur_client, report, django_capture_on_commit_callbacks, "xlsx")
    document = Document.objects.get(status=DocumentStatus.READY)
    round_opened(period="2024", catalogue_version=catalogue_2021)
    other = report_start(
        region=friesland, period="2024", catalogue_version=catalogue_2021, user=rapporteur_friesland
    )
    url = reverse("documents:download", args=[other.pk, document.pk])
    assert rapporteur_client.get(url).status_code == 404


def test_een_onbekend_formaat_bestaat_niet(rapporteur_client, report):
    response = rapporteur_client.get(reverse("documents:request", args=[report.pk, "json"]))
    assert response.status_code == 404


@pytest.fixture
def stand_in_render(monkeypatch):
    """A small stand-in for the real (slow) render that records the layout it was asked."""
    from werkset.documents import services
    from werkset.outputs.services import ExportedFile

    asked: list[str] = []

    def render(*, report, fmt, user, variant="rapport"):
        asked.append(variant)
        return ExportedFile(b"%PDF-1.7 stand-in", f"test.{fmt}", "application/pdf")

    monkeypatch.setattr(services, "report_export", render)
    return asked


def test_de_vragenlijst_wordt_als_eigen_document_gevraagd(
    rapporteur_client, report, stand_in_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = rapporteur_client.post(
            reverse("documents:request", args=[report.pk, "pdf"]), {"variant": "vragenlijst"}
        )
    assert response.status_code == 302
    assert Document.objects.get().variant == "vragenlijst"
    assert stand_in_render == ["vragenlijst"]
    page = rapporteur_client.get(response["Location"]).content.decode()
    assert "Indeling: Vragenlijst." in page


def test_een_onbekende_indeling_geeft_een_foutmelding_en_geen_document(
    rapporteur_client, report, stand_in_render
):
    response = rapporteur_client.post(
        reverse("documents:request", args=[report.pk, "pdf"]), {"variant": "<script>"}
    )
    assert response.status_code == 400
    assert "Kies de indeling: rapport of vragenlijst." in response.content.decode()
    assert not Document.objects.exists()


def test_de_rapportpagina_biedt_rapport_en_vragenlijst_aan(rapporteur_client, report):
    html = rapporteur_client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'name="variant" value="rapport"' in html
    assert 'name="variant" value="vragenlijst"' in html
    assert ">Rapport</button>" in html
    assert ">Vragenlijst</button>" in html


def test_de_aanvraagpagina_laat_de_indeling_kiezen(rapporteur_client, report):
    html = rapporteur_client.get(
        reverse("documents:request", args=[report.pk, "docx"])
    ).content.decode()
    assert "<legend>Indeling</legend>" in html
    assert 'value="rapport" checked' in html
