"""Mistakes undone without losing anything (issue 19, ADR 20), through HTTP: a concept
removed and restored, purged after 30 days; a finalised report withdrawn by the national
role; a new version with its reason."""

from datetime import timedelta
from functools import partial

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from werkset.core.models import AuditEvent
from werkset.core.testing import delivered, delivered_after_rollback
from werkset.reports.events import ReportPurged, ReportRemoved, ReportRestored, ReportWithdrawn
from werkset.reports.models import Answer, Report, ReportStatus
from werkset.reports.tests.decide import network_chair, report_decided
from werkset.reports.undo import report_remove, report_restore, reports_purge
from werkset.reports.workflow import report_correct, report_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalised(report, rapporteur_friesland):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    return report_decided(report, rapporteur_friesland)


def _remove_url(report):
    return reverse("reports:remove", args=[report.pk])


def _withdraw_url(report):
    return reverse("reports:transition", args=[report.pk, "withdraw"])


def _start(client, report):
    return client.post(
        reverse("region_workspace", args=[report.region.code]),
        {"period": report.period, "catalogue_version": report.catalogue_version.pk},
    )


# Removing a concept ----------------------------------------------------------------------


def test_de_rapporteur_ziet_eerst_wat_verwijderen_betekent(
    client_for, report, rapporteur_friesland
):
    page = client_for(rapporteur_friesland).get(_remove_url(report))
    assert page.status_code == 200
    assert "30 dagen" in page.content.decode()
    report.refresh_from_db()
    assert report.removed_at is None


def test_verwijderen_haalt_het_concept_weg_en_zet_het_bij_verwijderde_concepten(
    client_for, report, rapporteur_friesland
):
    client = client_for(rapporteur_friesland)
    response = client.post(_remove_url(report))
    assert response["Location"] == reverse("region_workspace", args=["friesland"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    workspace = client.get(response["Location"]).content.decode()
    assert "Verwijderde concepten" in workspace
    assert "Terugzetten" in workspace
    assert f'href="{reverse("reports:detail", args=[report.pk])}"' not in workspace
    report.refresh_from_db()
    assert report.removed_by == rapporteur_friesland
    assert AuditEvent.objects.filter(action="report_removed", target_id=str(report.pk)).exists()


def test_een_verwijderd_concept_staat_niet_in_de_api(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    client.post(_remove_url(report))
    listed = client.get("/api/v1/rapportages").json()
    assert report.pk not in [row["id"] for row in listed["results"]]


def test_een_netwerklid_verwijdert_geen_concept(client_for, report, netwerklid_noord):
    assert client_for(netwerklid_noord).post(_remove_url(report)).status_code == 403
    report.refresh_from_db()
    assert report.removed_at is None


def test_een_rapportage_ter_bespreking_wordt_niet_verwijderd(
    client_for, report, rapporteur_friesland
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    client = client_for(rapporteur_friesland)
    response = client.post(_remove_url(report), follow=True)
    assert "Alleen een concept kan worden verwijderd" in response.content.decode()
    report.refresh_from_db()
    assert report.removed_at is None


def test_na_verwijderen_kan_een_nieuwe_rapportage_voor_dezelfde_periode(
    client_for, report, rapporteur_friesland
):
    client = client_for(rapporteur_friesland)
    client.post(_remove_url(report))
    response = _start(client, report)
    new = Report.objects.get(period=report.period, removed_at__isnull=True)
    assert response["Location"] == reverse("reports:detail", args=[new.pk])
    assert new.pk != report.pk


def test_terugzetten_brengt_het_concept_terug(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    client.post(_remove_url(report))
    response = client.post(reverse("reports:restore", args=[report.pk]))
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert client.get(response["Location"]).status_code == 200
    report.refresh_from_db()
    assert report.removed_at is None
    assert report.answers.count() > 0


def test_terugzetten_wordt_geweigerd_als_er_intussen_een_nieuwe_is(
    client_for, report, rapporteur_friesland
):
    client = client_for(rapporteur_friesland)
    client.post(_remove_url(report))
    _start(client, report)
    response = client.post(reverse("reports:restore", args=[report.pk]), follow=True)
    assert "kan niet worden teruggezet" in response.content.decode()
    report.refresh_from_db()
    assert report.removed_at is not None


def test_een_ander_zet_een_verwijderd_concept_niet_terug(
    client_for, report, rapporteur_friesland, netwerklid_noord
):
    report_remove(report=report, user=rapporteur_friesland)
    url = reverse("reports:restore", args=[report.pk])
    assert client_for(netwerklid_noord).post(url).status_code == 404
    report.refresh_from_db()
    assert report.removed_at is not None


def test_een_verwijderde_nieuwe_versie_maakt_de_oude_weer_de_laatste(
    client_for, finalised, rapporteur_friesland
):
    v2 = report_correct(report=finalised, user=rapporteur_friesland, reason="Cijfers aangevuld")
    client = client_for(rapporteur_friesland)
    client.post(_remove_url(v2))
    page = client.get(reverse("reports:detail", args=[finalised.pk])).content.decode()
    assert "Vervangen door versie 2" not in page
    response = client.post(reverse("reports:correct", args=[finalised.pk]), {"reason": "Opnieuw"})
    again = Report.objects.get(corrects=finalised, removed_at__isnull=True)
    assert response["Location"] == reverse("reports:detail", args=[again.pk])
    assert again.number == 2


def test_de_api_verwijdert_en_zet_terug(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    base = f"/api/v1/rapportages/{report.pk}"
    assert client.post(f"{base}/verwijderen").status_code == 204
    assert client.get(base).status_code == 404
    restored = client.post(f"{base}/terugzetten")
    assert restored.status_code == 200
    assert restored.json()["status"] == "concept"


# Purging after 30 days -------------------------------------------------------------------


def _removed_days_ago(report, user, days):
    report_remove(report=report, user=user)
    Report.objects.filter(pk=report.pk).update(removed_at=timezone.now() - timedelta(days=days))


def test_purge_verwijdert_na_30_dagen_alles(report, rapporteur_friesland):
    _removed_days_ago(report, rapporteur_friesland, 31)
    call_command("reports", "purge")
    assert not Report.objects.filter(pk=report.pk).exists()
    assert not Answer.objects.filter(report_id=report.pk).exists()
    purged = AuditEvent.objects.get(action="report_purged")
    assert purged.detail["report"] == report.pk


def test_purge_laat_een_concept_van_29_dagen_staan(report, rapporteur_friesland):
    _removed_days_ago(report, rapporteur_friesland, 29)
    assert reports_purge().purged == 0
    assert Report.objects.filter(pk=report.pk).exists()


def test_een_concept_van_31_dagen_staat_niet_meer_bij_verwijderde_concepten(
    client_for, report, rapporteur_friesland
):
    _removed_days_ago(report, rapporteur_friesland, 31)
    page = client_for(rapporteur_friesland).get(reverse("region_workspace", args=["friesland"]))
    assert "Verwijderde concepten" not in page.content.decode()


# Withdrawing a finalised report ----------------------------------------------------------


def test_landelijk_ziet_de_stap_intrekken(client_for, finalised, landelijk):
    page = client_for(landelijk).get(_withdraw_url(finalised))
    assert page.status_code == 200
    assert "Waarom de rapportage wordt ingetrokken" in page.content.decode()


def test_intrekken_vraagt_een_reden(client_for, finalised, landelijk):
    response = client_for(landelijk).post(_withdraw_url(finalised), {"note": "  "})
    assert response.status_code == 400
    assert "Zeg waarom de rapportage wordt ingetrokken" in response.content.decode()
    finalised.refresh_from_db()
    assert finalised.status == ReportStatus.VASTGESTELD


def test_landelijk_trekt_in_en_de_rapportage_blijft_leesbaar(
    client_for, finalised, landelijk, netwerklid_oost
):
    client = client_for(landelijk)
    client.post(_withdraw_url(finalised), {"note": "Verkeerde periode"})
    finalised.refresh_from_db()
    assert finalised.status == ReportStatus.INGETROKKEN
    page = client_for(netwerklid_oost).get(reverse("reports:detail", args=[finalised.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ingetrokken op" in text
    assert "reden: Verkeerde periode" in text
    assert finalised.withdrawn_by_name in text
    assert AuditEvent.objects.filter(action="report_withdrawn").exists()


def test_de_geschiedenis_toont_de_intrekking(client_for, finalised, landelijk):
    client = client_for(landelijk)
    client.post(_withdraw_url(finalised), {"note": "Verkeerde eenheid"})
    status = finalised.status_changes.order_by("-changed_at", "-id").first()
    assert status.to_status == ReportStatus.INGETROKKEN
    assert status.note == "Verkeerde eenheid"


@pytest.mark.parametrize("who", ["rapporteur_friesland", "netwerklid_noord", "chair"])
def test_alleen_landelijk_trekt_in(client_for, finalised, who, request):
    user = network_chair(finalised) if who == "chair" else request.getfixturevalue(who)
    response = client_for(user).post(_withdraw_url(finalised), {"note": "Verkeerde periode"})
    assert response.status_code == 403
    finalised.refresh_from_db()
    assert finalised.status == ReportStatus.VASTGESTELD


def test_een_concept_wordt_niet_ingetrokken(client_for, report, landelijk, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    response = client.post(_withdraw_url(report), {"note": "Verkeerde periode"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.CONCEPT


def test_intrekken_neemt_de_eerdere_vastgestelde_versies_mee(
    client_for, finalised, landelijk, rapporteur_friesland
):
    v2 = report_correct(report=finalised, user=rapporteur_friesland, reason="Cijfers aangevuld")
    report_transition(report=v2, name="submit", user=rapporteur_friesland)
    report_decided(v2, rapporteur_friesland)
    client = client_for(landelijk)
    refused = client.post(_withdraw_url(finalised), {"note": "Verkeerde periode"})
    assert refused.status_code == 400
    assert "Een nieuwere vastgestelde versie vervangt" in refused.content.decode()
    finalised.refresh_from_db()
    assert finalised.status == ReportStatus.VASTGESTELD
    client.post(_withdraw_url(v2), {"note": "Verkeerde periode"})
    finalised.refresh_from_db()
    assert finalised.status == ReportStatus.INGETROKKEN


def test_de_api_trekt_in_met_een_reden(client_for, finalised, landelijk, rapporteur_friesland):
    url = f"/api/v1/rapportages/{finalised.pk}/intrekken"
    assert client_for(landelijk).post(url, {}, content_type="application/json").status_code == 400
    withdrawn = client_for(landelijk).post(
        url, {"reason": "Verkeerde periode"}, content_type="application/json"
    )
    assert withdrawn.json()["status"] == "ingetrokken"
    assert withdrawn.json()["withdrawal_reason"] == "Verkeerde periode"
    forbidden = client_for(rapporteur_friesland).post(
        url, {"reason": "x"}, content_type="application/json"
    )
    assert forbidden.status_code == 403


def test_het_document_van_een_ingetrokken_rapportage_zegt_het(client_for, finalised, landelijk):
    client = client_for(landelijk)
    client.post(_withdraw_url(finalised), {"note": "Verkeerde periode"})
    html = client.get(reverse("outputs:print", args=[finalised.pk])).content.decode()
    assert "INGETROKKEN" in html
    assert "Verkeerde periode" in html


# A new version with its reason -----------------------------------------------------------


def test_een_nieuwe_versie_vraagt_een_reden(client_for, finalised, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    assert client.get(reverse("reports:correct", args=[finalised.pk])).status_code == 200
    response = client.post(reverse("reports:correct", args=[finalised.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Zeg waarom een nieuwe versie nodig is" in response.content.decode()
    assert not Report.objects.filter(corrects=finalised).exists()


def test_de_oude_versie_zegt_door_welke_versie_en_waarom_ze_is_vervangen(
    client_for, finalised, rapporteur_friesland
):
    client = client_for(rapporteur_friesland)
    client.post(reverse("reports:correct", args=[finalised.pk]), {"reason": "Cijfers aangevuld"})
    new = Report.objects.get(corrects=finalised)
    assert new.correction_reason == "Cijfers aangevuld"
    page = client.get(reverse("reports:detail", args=[finalised.pk])).content.decode()
    assert "Vervangen door versie 2 op" in page
    assert "reden: Cijfers aangevuld" in page


def test_de_api_vraagt_een_reden_voor_een_nieuwe_versie(
    client_for, finalised, rapporteur_friesland
):
    url = f"/api/v1/rapportages/{finalised.pk}/nieuwe-versie"
    client = client_for(rapporteur_friesland)
    assert client.post(url, {}, content_type="application/json").status_code == 400
    assert not Report.objects.filter(corrects=finalised).exists()


# Events after the commit, none after a rollback -------------------------------------------


def test_verwijderen_en_terugzetten_leveren_hun_events(
    django_capture_on_commit_callbacks, report, rapporteur_friesland
):
    removed = delivered(
        django_capture_on_commit_callbacks,
        lambda: report_remove(report=report, user=rapporteur_friesland),
    )
    assert removed == [ReportRemoved(actor_id=rapporteur_friesland.pk, report_id=report.pk)]
    restored = delivered(
        django_capture_on_commit_callbacks,
        lambda: report_restore(report=report, user=rapporteur_friesland),
    )
    assert restored == [ReportRestored(actor_id=rapporteur_friesland.pk, report_id=report.pk)]


def test_verwijderen_dat_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, report, rapporteur_friesland
):
    action = partial(report_remove, report=report, user=rapporteur_friesland)
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []


def test_intrekken_levert_report_withdrawn(
    django_capture_on_commit_callbacks, finalised, landelijk
):
    events = delivered(
        django_capture_on_commit_callbacks,
        lambda: report_transition(
            report=finalised, name="withdraw", user=landelijk, note="Verkeerde periode"
        ),
    )
    assert events == [
        ReportWithdrawn(
            actor_id=landelijk.pk,
            report_id=finalised.pk,
            from_status=ReportStatus.VASTGESTELD,
            to_status=ReportStatus.INGETROKKEN,
            note="Verkeerde periode",
        )
    ]


def test_intrekken_dat_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, finalised, landelijk
):
    action = partial(
        report_transition, report=finalised, name="withdraw", user=landelijk, note="Verkeerd"
    )
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []


def test_purge_levert_report_purged(
    django_capture_on_commit_callbacks, report, rapporteur_friesland
):
    _removed_days_ago(report, rapporteur_friesland, 31)
    events = delivered(django_capture_on_commit_callbacks, reports_purge)
    assert events == [
        ReportPurged(
            actor_id=None,
            report_id=report.pk,
            network_id=report.network_id,
            region_id=report.region_id,
            period=report.period,
        )
    ]


def test_het_archief_bewaart_de_intrekking_en_de_reden_van_een_versie(
    finalised, landelijk, rapporteur_friesland
):
    from werkset.outputs.archive_export import report_json
    from werkset.outputs.archive_import import report_json_import

    v2 = report_correct(report=finalised, user=rapporteur_friesland, reason="Cijfers aangevuld")
    report_transition(report=v2, name="submit", user=rapporteur_friesland)
    report_decided(v2, rapporteur_friesland)
    report_transition(report=v2, name="withdraw", user=landelijk, note="Verkeerde periode")
    archives = [report_json(report=Report.objects.get(pk=pk)) for pk in (finalised.pk, v2.pk)]
    assert archives[1]["correction_reason"] == "Cijfers aangevuld"
    assert archives[1]["withdrawal_reason"] == "Verkeerde periode"
    Report.objects.filter(pk=v2.pk).delete()
    Report.objects.filter(pk=finalised.pk).delete()
    for archive in archives:
        report_json_import(data=archive, user=None, keep_status=True)
    back = Report.objects.get(number=2)
    assert back.status == ReportStatus.INGETROKKEN
    assert back.withdrawal_reason == "Verkeerde periode"
    assert back.correction_reason == "Cijfers aangevuld"
    assert back.withdrawn_at is not None
