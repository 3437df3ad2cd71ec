"""Peer audits: inviting, findings, verdict, response; the record on the report overview;
findings that become improvement points; and above all that auditors see only what they
were invited to, only while invited, and that nobody else gains access."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from werkset.core.models import AuditAction, AuditEvent
from werkset.improvement.audit_services import (
    finding_add,
    finding_respond,
    peer_audit_conclude,
    peer_audit_invite,
    peer_audit_respond,
    peer_audit_transition,
)
from werkset.improvement.models import Finding, ImprovementPoint, PeerAudit
from werkset.improvement.service_common import ImprovementError
from werkset.improvement.states import AuditStatus
from werkset.reports.models import Answer
from werkset.reports.workflow import report_correct

from .factories import audit_running, point_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(finalised, netwerklid_noord, netwerklid_midden):
    return audit_running(report=finalised, invited_by=netwerklid_noord, auditor=netwerklid_midden)


@pytest.fixture
def finished(audit, actieoverleg, netwerklid_noord, netwerklid_midden):
    """A whole audit: findings of each kind, a verdict, responses."""
    findings = [
        finding_add(audit=audit, theme=actieoverleg, kind=kind, text=text, user=netwerklid_midden)
        for kind, text in (
            ("sterkte", "Vaste voorzitter met overzicht (fictief)."),
            ("verbeterpunt", "Niet elke deelnemer heeft mandaat (fictief)."),
            ("vraag", "Hoe volgen jullie de afspraken op? (fictief)"),
        )
    ]
    peer_audit_conclude(
        audit=audit, verdict="Een stevig overleg (fictief).", user=netwerklid_midden
    )
    finding_respond(
        finding=findings[1], response="Herkenbaar; we pakken het op.", user=netwerklid_noord
    )
    return peer_audit_respond(
        audit=audit, response="Dank voor de blik van buiten.", user=netwerklid_noord
    )


# Inviting ---------------------------------------------------------------------------------


def test_een_netwerk_nodigt_een_ander_netwerk_uit(finalised, netwerklid_noord, midden_nederland):
    audit = peer_audit_invite(
        report=finalised,
        auditor_network=midden_nederland,
        invitation="Kijk vooral naar het Actie-overleg.",
        user=netwerklid_noord,
    )
    assert audit.status == AuditStatus.UITGENODIGD
    assert audit.audited_network == finalised.region.network
    assert AuditEvent.objects.filter(
        action=AuditAction.PEER_AUDIT_CHANGED, actor=netwerklid_noord
    ).exists()


def test_alleen_een_vastgestelde_rapportage(report, netwerklid_noord, midden_nederland):
    with pytest.raises(ImprovementError, match="vastgestelde rapportage"):
        peer_audit_invite(report=report, auditor_network=midden_nederland, user=netwerklid_noord)
    assert not PeerAudit.objects.exists()


def test_niet_het_eigen_netwerk(finalised, netwerklid_noord, noord_nederland):
    with pytest.raises(ImprovementError, match="ander netwerk"):
        peer_audit_invite(report=finalised, auditor_network=noord_nederland, user=netwerklid_noord)


def test_de_database_weigert_een_audit_door_het_eigen_netwerk(finalised, noord_nederland):
    with pytest.raises(IntegrityError), transaction.atomic():
        PeerAudit.objects.create(
            report=finalised, audited_network=noord_nederland, auditor_network=noord_nederland
        )


def test_alleen_netwerkleden_van_het_eigen_netwerk_nodigen_uit(
    finalised, rapporteur_friesland, netwerklid_oost, landelijk, midden_nederland
):
    for user in (rapporteur_friesland, netwerklid_oost, landelijk):
        with pytest.raises(PermissionDenied):
            peer_audit_invite(report=finalised, auditor_network=midden_nederland, user=user)
    assert not PeerAudit.objects.exists()


def test_geen_tweede_lopende_uitnodiging(audit, finalised, netwerklid_noord, midden_nederland):
    with pytest.raises(ImprovementError, match="al uitgenodigd"):
        peer_audit_invite(report=finalised, auditor_network=midden_nederland, user=netwerklid_noord)


# The audit's course -------------------------------------------------------------------------


def test_de_hele_audit(finished):
    finished.refresh_from_db()
    assert finished.status == AuditStatus.AFGEROND
    assert finished.verdict.startswith("Een stevig overleg")
    assert finished.findings.count() == 3
    assert finished.findings.get(kind="verbeterpunt").response.startswith("Herkenbaar")


def test_bevindingen_pas_na_aanvaarden(
    finalised, netwerklid_noord, netwerklid_midden, actieoverleg, midden_nederland
):
    audit = peer_audit_invite(
        report=finalised, auditor_network=midden_nederland, user=netwerklid_noord
    )
    with pytest.raises(ImprovementError, match="aanvaard de uitnodiging"):
        finding_add(audit=audit, theme=actieoverleg, kind="vraag", text="x", user=netwerklid_midden)
    assert not Finding.objects.exists()


def test_concluderen_vraagt_een_bevinding_en_een_oordeel(audit, netwerklid_midden, actieoverleg):
    with pytest.raises(ImprovementError, match="ten minste één bevinding"):
        peer_audit_conclude(audit=audit, verdict="Goed.", user=netwerklid_midden)
    finding_add(audit=audit, theme=actieoverleg, kind="vraag", text="x", user=netwerklid_midden)
    with pytest.raises(ImprovementError, match="kort oordeel"):
        peer_audit_conclude(audit=audit, verdict="", user=netwerklid_midden)
    audit.refresh_from_db()
    assert audit.status == AuditStatus.LOPEND


def test_een_onbekende_soort_bevinding_wordt_geweigerd(audit, netwerklid_midden, actieoverleg):
    with pytest.raises(ImprovementError, match="sterkte, een verbeterpunt of een vraag"):
        finding_add(
            audit=audit, theme=actieoverleg, kind="klacht", text="x", user=netwerklid_midden
        )


def test_een_thema_van_een_andere_catalogus_wordt_geweigerd(
    audit, netwerklid_midden, catalogue_2_0
):
    theme = catalogue_2_0.themes.get(key="actieoverleg")
    with pytest.raises(ImprovementError, match="thema van de geauditeerde rapportage"):
        finding_add(audit=audit, theme=theme, kind="vraag", text="x", user=netwerklid_midden)


def test_de_geauditeerde_kant_voegt_geen_bevindingen_toe(audit, netwerklid_noord, actieoverleg):
    with pytest.raises(PermissionDenied):
        finding_add(
            audit=audit, theme=actieoverleg, kind="sterkte", text="x", user=netwerklid_noord
        )


def test_de_auditors_reageren_niet_namens_het_netwerk(finished, netwerklid_midden):
    with pytest.raises(PermissionDenied):
        finding_respond(finding=finished.findings.first(), response="x", user=netwerklid_midden)


def test_de_audit_staat_bij_de_rapportage(client_for, finished, netwerklid_noord, landelijk):
    for user in (netwerklid_noord, landelijk):
        response = client_for(user).get(reverse("reports:detail", args=[finished.report_id]))
        content = response.content.decode()
        assert "Een stevig overleg (fictief)." in content
        assert "Herkenbaar; we pakken het op." in content
        assert "Dank voor de blik van buiten." in content


def test_een_bevinding_wordt_een_verbeterpunt(
    client_for, finished, netwerklid_noord, noord_nederland, actieoverleg
):
    finding = finished.findings.get(kind="verbeterpunt")
    page = client_for(netwerklid_noord).get(reverse("improvement:audit", args=[finished.pk]))
    assert f"?bevinding={finding.pk}" in page.content.decode()
    point = point_plan(
        network=noord_nederland,
        theme=actieoverleg,
        user=netwerklid_noord,
        building_block="deelnemers",
        finding=finding,
    )
    assert point.finding == finding
    assert list(finding.improvement_points.all()) == [point]


def test_een_sterkte_wordt_geen_verbeterpunt(
    finished, netwerklid_noord, noord_nederland, actieoverleg
):
    with pytest.raises(ImprovementError, match="sterkte"):
        point_plan(
            network=noord_nederland,
            theme=actieoverleg,
            user=netwerklid_noord,
            finding=finished.findings.get(kind="sterkte"),
        )
    assert not ImprovementPoint.objects.exists()


def test_een_bevinding_uit_een_lopende_audit_wacht(
    audit, netwerklid_midden, netwerklid_noord, noord_nederland, actieoverleg
):
    finding = finding_add(
        audit=audit, theme=actieoverleg, kind="verbeterpunt", text="x", user=netwerklid_midden
    )
    with pytest.raises(ImprovementError, match="geconcludeerd"):
        point_plan(
            network=noord_nederland, theme=actieoverleg, user=netwerklid_noord, finding=finding
        )


# Who sees what ------------------------------------------------------------------------------


def test_auditors_lezen_de_audit_en_de_rapportage(client_for, audit, netwerklid_midden):
    client = client_for(netwerklid_midden)
    assert client.get(reverse("improvement:audit", args=[audit.pk])).status_code == 200
    assert client.get(reverse("reports:detail", args=[audit.report_id])).status_code == 200
    theme = reverse("reports:theme", args=[audit.report_id, "actieoverleg"])
    assert client.get(theme).status_code == 200


def test_auditors_zien_geen_concepten_of_discussie_van_het_netwerk(
    client_for, audit, netwerklid_midden, rapporteur_friesland
):
    concept = report_correct(
        report=audit.report, user=rapporteur_friesland, reason="Cijfers aangevuld"
    )
    answer = Answer.objects.filter(report=audit.report).first()
    client = client_for(netwerklid_midden)
    assert client.get(reverse("reports:detail", args=[concept.pk])).status_code == 404
    history = reverse("reports:answer_history", args=[audit.report_id, answer.pk])
    assert client.get(history).status_code == 403
    page = client.get(reverse("reports:detail", args=[audit.report_id])).content.decode()
    assert "/download/json/" not in page


def test_auditors_zien_de_verbetercyclus_van_het_netwerk_niet(
    client_for, audit, netwerklid_midden, netwerklid_noord, noord_nederland, actieoverleg
):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    client = client_for(netwerklid_midden)
    for url in (
        reverse("improvement:network", args=[noord_nederland.code]),
        reverse("improvement:theme", args=[noord_nederland.code, "actieoverleg"]),
        reverse("improvement:swot", args=[noord_nederland.code, "actieoverleg"]),
        reverse("improvement:point", args=[point.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_auditors_zien_alleen_de_audit_waarvoor_ze_zijn_uitgenodigd(
    client_for, audit, finalised, netwerklid_noord, netwerklid_midden, netwerklid_oost
):
    from werkset.regions.models import RegionalNetwork

    other = peer_audit_invite(
        report=finalised,
        auditor_network=RegionalNetwork.objects.get(code="oost-nederland"),
        user=netwerklid_noord,
    )
    client = client_for(netwerklid_midden)
    assert client.get(reverse("improvement:audit", args=[other.pk])).status_code == 404
    oost = client_for(netwerklid_oost)
    assert oost.get(reverse("improvement:audit", args=[audit.pk])).status_code == 404
    assert oost.get(reverse("improvement:audit", args=[other.pk])).status_code == 200


def test_na_intrekken_is_de_audit_weg_voor_de_auditors(
    client_for, audit, netwerklid_noord, netwerklid_midden, actieoverleg
):
    peer_audit_transition(audit=audit, name="withdraw", user=netwerklid_noord)
    client = client_for(netwerklid_midden)
    assert client.get(reverse("improvement:audit", args=[audit.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        finding_add(audit=audit, theme=actieoverleg, kind="vraag", text="x", user=netwerklid_midden)
    assert (
        client_for(netwerklid_noord).get(reverse("improvement:audit", args=[audit.pk])).status_code
        == 200
    )


def test_na_afwijzen_is_de_audit_weg_voor_de_auditors(
    client_for, finalised, netwerklid_noord, netwerklid_midden, midden_nederland
):
    audit = peer_audit_invite(
        report=finalised, auditor_network=midden_nederland, user=netwerklid_noord
    )
    peer_audit_transition(audit=audit, name="decline", user=netwerklid_midden)
    assert (
        client_for(netwerklid_midden).get(reverse("improvement:audit", args=[audit.pk])).status_code
        == 404
    )


def test_niemand_anders_krijgt_toegang(
    client_for, finished, make_user, utrecht, netwerklid_oost, beheerder, landelijk
):
    from werkset.accounts.models import Role

    url = reverse("improvement:audit", args=[finished.pk])
    rapporteur_utrecht = make_user(Role.RAPPORTEUR, region=utrecht)
    for outsider in (rapporteur_utrecht, netwerklid_oost):
        assert client_for(outsider).get(url).status_code == 404
        report = client_for(outsider).get(reverse("reports:detail", args=[finished.report_id]))
        assert "Een stevig overleg (fictief)." not in report.content.decode()
    assert client_for(beheerder).get(url).status_code == 403
    assert client_for(landelijk).get(url).status_code == 200


def test_landelijk_leest_maar_schrijft_niet(finished, landelijk, actieoverleg):
    with pytest.raises(PermissionDenied):
        finding_respond(finding=finished.findings.first(), response="x", user=landelijk)


def test_de_uitnodiging_verschijnt_op_de_startpagina_van_de_auditors(
    client_for, finalised, netwerklid_noord, netwerklid_midden, midden_nederland
):
    peer_audit_invite(report=finalised, auditor_network=midden_nederland, user=netwerklid_noord)
    content = client_for(netwerklid_midden).get(reverse("home")).content.decode()
    assert "uitgenodigd voor 1 collegiale audit" in content
