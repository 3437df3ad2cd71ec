"""The PDCA cycle: the three-point limit, the building blocks, owners and indicators, the
states and their moves, overdue points, and the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from werkset.accounts.models import Role
from werkset.accounts.services import role_assign, role_revoke
from werkset.core.models import AuditAction, AuditEvent
from werkset.improvement.models import Action, Evaluation, ImprovementPoint
from werkset.improvement.selectors import is_overdue, network_overview, points_overdue
from werkset.improvement.service_common import ImprovementError
from werkset.improvement.services import (
    action_add,
    action_transition,
    decision_record,
    evaluation_record,
    improvement_point_create,
    improvement_point_start,
)
from werkset.improvement.states import (
    OPEN_POINT_STATUSES,
    TRANSITIONS,
    ActionStatus,
    AuditStatus,
    Machine,
    PointStatus,
)
from werkset.improvement.vocabulary import BuildingBlock
from werkset.regions.models import RegionalNetwork

from .factories import ImprovementPointFactory, indicator_of, point_plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


# Plan: the limit ------------------------------------------------------------------------


def test_drie_open_verbeterpunten_mogen(noord_nederland, actieoverleg, netwerklid_noord):
    for block in ("aanmelding", "deelnemers", "bespreking"):
        point_plan(
            network=noord_nederland,
            theme=actieoverleg,
            user=netwerklid_noord,
            building_block=block,
        )
    assert ImprovementPoint.objects.filter(network=noord_nederland).count() == 3


def test_een_vierde_open_verbeterpunt_wordt_geweigerd_in_het_nederlands(
    noord_nederland, actieoverleg, netwerklid_noord
):
    for _index in range(3):
        point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    with pytest.raises(ImprovementError, match="al 3 open verbeterpunten voor Actie-overleg"):
        point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    assert ImprovementPoint.objects.count() == 3


def test_een_afgesloten_punt_maakt_weer_ruimte(noord_nederland, actieoverleg, netwerklid_noord):
    points = [
        point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
        for _index in range(3)
    ]
    evaluation_record(
        point=points[0],
        period="2025-H2",
        outcome="behaald",
        explanation="Gelukt.",
        user=netwerklid_noord,
    )
    decision_record(point=points[0], decision="borgen", user=netwerklid_noord)
    point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    assert ImprovementPoint.objects.filter(status__in=OPEN_POINT_STATUSES).count() == 3


def test_de_grens_geldt_per_thema_en_per_netwerk(
    noord_nederland, actieoverleg, samenhang, netwerklid_noord, make_user, midden_nederland
):
    for _index in range(3):
        point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    point_plan(network=noord_nederland, theme=samenhang, user=netwerklid_noord)
    elsewhere = make_user(Role.NETWERKLID, network=midden_nederland)
    point_plan(network=midden_nederland, theme=actieoverleg, user=elsewhere)
    assert ImprovementPoint.objects.count() == 5


def test_de_grens_telt_over_catalogusversies_heen_per_themasleutel(
    noord_nederland, actieoverleg, netwerklid_noord, catalogue_2_0
):
    for _index in range(3):
        point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    new_theme = catalogue_2_0.themes.get(key="actieoverleg")
    with pytest.raises(ImprovementError, match="al 3 open verbeterpunten"):
        point_plan(network=noord_nederland, theme=new_theme, user=netwerklid_noord)


# Plan: building block, owner, indicator, target date ------------------------------------


def test_actieoverleg_vraagt_een_bouwblok(noord_nederland, actieoverleg, netwerklid_noord):
    with pytest.raises(ImprovementError, match="Kies het bouwblok"):
        point_plan(
            network=noord_nederland, theme=actieoverleg, user=netwerklid_noord, building_block=""
        )
    assert not ImprovementPoint.objects.exists()


def test_een_onbekend_bouwblok_wordt_geweigerd(noord_nederland, actieoverleg, netwerklid_noord):
    with pytest.raises(ImprovementError, match="Kies het bouwblok"):
        point_plan(
            network=noord_nederland,
            theme=actieoverleg,
            user=netwerklid_noord,
            building_block="koffie",
        )


def test_elk_van_de_vier_bouwblokken_past(noord_nederland, actieoverleg, netwerklid_noord):
    assert len(BuildingBlock.values) == 4
    for block in BuildingBlock.values[:3]:
        point = point_plan(
            network=noord_nederland, theme=actieoverleg, user=netwerklid_noord, building_block=block
        )
        assert point.get_building_block_display() == BuildingBlock(block).label


def test_andere_themas_hebben_geen_bouwblok(noord_nederland, samenhang, netwerklid_noord):
    with pytest.raises(ImprovementError, match="alleen bij het thema Actieoverleg"):
        point_plan(
            network=noord_nederland,
            theme=samenhang,
            user=netwerklid_noord,
            building_block="deelnemers",
        )


def test_de_eigenaar_hoort_bij_het_netwerk(
    noord_nederland, actieoverleg, netwerklid_noord, netwerklid_oost, rapporteur_friesland
):
    with pytest.raises(ImprovementError, match="lid zijn van dit regionale netwerk"):
        point_plan(
            network=noord_nederland,
            theme=actieoverleg,
            user=netwerklid_noord,
            owner=netwerklid_oost,
        )
    point = point_plan(
        network=noord_nederland,
        theme=actieoverleg,
        user=netwerklid_noord,
        owner=rapporteur_friesland,
    )
    assert point.owner == rapporteur_friesland


def test_de_indicator_hoort_bij_het_thema(
    noord_nederland, actieoverleg, samenhang, netwerklid_noord
):
    with pytest.raises(ImprovementError, match="indicator van dit thema"):
        point_plan(
            network=noord_nederland,
            theme=actieoverleg,
            user=netwerklid_noord,
            indicator=indicator_of(samenhang),
        )


def test_een_streefdatum_in_het_verleden_wordt_geweigerd(
    noord_nederland, actieoverleg, netwerklid_noord
):
    with pytest.raises(ImprovementError, match="streefdatum ligt in het verleden"):
        point_plan(
            network=noord_nederland,
            theme=actieoverleg,
            user=netwerklid_noord,
            target_date=TODAY - datetime.timedelta(days=1),
        )


def test_een_lege_titel_wordt_geweigerd(noord_nederland, actieoverleg, netwerklid_noord):
    with pytest.raises(ImprovementError, match="titel"):
        point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord, title="  ")


def test_alleen_mensen_van_het_netwerk_plannen(
    noord_nederland, actieoverleg, netwerklid_noord, netwerklid_oost, landelijk
):
    for outsider in (netwerklid_oost, landelijk):
        with pytest.raises(PermissionDenied):
            improvement_point_create(
                network=noord_nederland,
                theme=actieoverleg,
                title="Iets (fictief)",
                owner=netwerklid_noord,
                target_date=TODAY + datetime.timedelta(days=30),
                indicator=indicator_of(actieoverleg),
                building_block="deelnemers",
                user=outsider,
            )
    assert not ImprovementPoint.objects.exists()


def test_een_rapporteur_uit_het_netwerk_plant_mee(noord_nederland, samenhang, rapporteur_friesland):
    point = point_plan(network=noord_nederland, theme=samenhang, user=rapporteur_friesland)
    assert point.created_by == rapporteur_friesland


# The states -------------------------------------------------------------------------------


def test_alle_toestanden_en_overgangen_staan_in_een_tabel():
    states = {
        Machine.POINT: PointStatus.values,
        Machine.ACTION: ActionStatus.values,
        Machine.AUDIT: AuditStatus.values,
    }
    assert set(TRANSITIONS) == set(Machine.values)
    for machine, workflow in TRANSITIONS.items():
        assert workflow.states <= set(states[machine])


def test_de_hele_cyclus_plan_do_check_act(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    assert point.status == PointStatus.GEPLAND
    point = improvement_point_start(point=point, user=netwerklid_noord)
    assert point.status == PointStatus.IN_UITVOERING
    action = action_add(
        point=point, description="Criteria opstellen", who="OM", user=netwerklid_noord
    )
    action = action_transition(action=action, name="gereed", user=netwerklid_noord)
    assert action.status == ActionStatus.GEREED
    evaluation = evaluation_record(
        point=point,
        period="2025-h2",
        outcome="behaald",
        explanation="Casussen komen nu binnen een week.",
        user=netwerklid_noord,
    )
    assert evaluation.period == "2025-H2"
    point.refresh_from_db()
    assert point.status == PointStatus.GEEVALUEERD
    point = decision_record(
        point=point, decision="borgen", note="Vastgelegd.", user=netwerklid_noord
    )
    assert point.status == PointStatus.GEBORGD
    assert point.closed_at is not None
    evaluation.refresh_from_db()
    assert evaluation.decision == "borgen"
    assert evaluation.decided_by == netwerklid_noord


def test_bijstellen_plant_opnieuw_met_een_nieuwe_streefdatum(
    noord_nederland, actieoverleg, netwerklid_noord
):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    evaluation_record(
        point=point,
        period="2025-H1",
        outcome="niet",
        explanation="Niet gelukt.",
        user=netwerklid_noord,
    )
    later = TODAY + datetime.timedelta(days=180)
    point = decision_record(
        point=point,
        decision="bijstellen",
        note="Kleinere stap.",
        new_target_date=later,
        user=netwerklid_noord,
    )
    assert (point.status, point.target_date, point.closed_at) == (PointStatus.GEPLAND, later, None)
    evaluation_record(
        point=point, period="2025-H2", outcome="deels", explanation="Beter.", user=netwerklid_noord
    )
    assert point.evaluations.count() == 2


def test_bijstellen_zonder_nieuwe_streefdatum_wordt_geweigerd(
    noord_nederland, actieoverleg, netwerklid_noord
):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    evaluation_record(
        point=point, period="2025-H1", outcome="niet", explanation="Niet.", user=netwerklid_noord
    )
    with pytest.raises(ImprovementError, match="nieuwe streefdatum"):
        decision_record(point=point, decision="bijstellen", note="Anders.", user=netwerklid_noord)
    point.refresh_from_db()
    assert point.status == PointStatus.GEEVALUEERD


def test_stoppen_vraagt_een_uitleg(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    evaluation_record(
        point=point, period="2025-H1", outcome="niet", explanation="Niet.", user=netwerklid_noord
    )
    with pytest.raises(ImprovementError, match="waarom het verbeterpunt stopt"):
        decision_record(point=point, decision="stoppen", user=netwerklid_noord)
    point = decision_record(
        point=point, decision="stoppen", note="Geen prioriteit.", user=netwerklid_noord
    )
    assert point.status == PointStatus.GESTOPT


def test_een_besluit_zonder_evaluatie_kan_niet(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    with pytest.raises(ImprovementError, match="niet mogelijk"):
        decision_record(point=point, decision="borgen", user=netwerklid_noord)
    point.refresh_from_db()
    assert point.status == PointStatus.GEPLAND


def test_eerst_besluiten_dan_opnieuw_evalueren(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    evaluation_record(
        point=point, period="2025-H1", outcome="deels", explanation="Half.", user=netwerklid_noord
    )
    with pytest.raises(ImprovementError, match="Neem eerst een besluit"):
        evaluation_record(
            point=point,
            period="2025-H2",
            outcome="deels",
            explanation="Half.",
            user=netwerklid_noord,
        )
    assert Evaluation.objects.count() == 1


def test_een_evaluatie_vraagt_een_half_jaar(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    with pytest.raises(ImprovementError, match="half jaar"):
        evaluation_record(
            point=point, period="2025", outcome="deels", explanation="Half.", user=netwerklid_noord
        )
    assert not Evaluation.objects.exists()


def test_een_gesloten_punt_krijgt_geen_acties(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    evaluation_record(
        point=point, period="2025-H1", outcome="niet", explanation="Niet.", user=netwerklid_noord
    )
    decision_record(point=point, decision="stoppen", note="Klaar.", user=netwerklid_noord)
    with pytest.raises(ImprovementError, match="gesloten"):
        action_add(point=point, description="Nog iets", user=netwerklid_noord)
    assert not Action.objects.exists()


def test_een_actie_volgt_de_tabel(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    action = action_add(point=point, description="Criteria opstellen", user=netwerklid_noord)
    with pytest.raises(ImprovementError, match="niet mogelijk"):
        action_transition(action=action, name="heropenen", user=netwerklid_noord)
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


# Overdue ----------------------------------------------------------------------------------


def test_verlopen_is_open_en_de_streefdatum_voorbij(
    noord_nederland, actieoverleg, netwerklid_noord
):
    indicator = indicator_of(actieoverleg)
    kwargs = {
        "network": noord_nederland,
        "theme": actieoverleg,
        "owner": netwerklid_noord,
        "indicator": indicator,
        "building_block": "deelnemers",
    }
    late = ImprovementPointFactory(target_date=TODAY - datetime.timedelta(days=1), **kwargs)
    due_today = ImprovementPointFactory(target_date=TODAY, **kwargs)
    closed_late = ImprovementPointFactory(
        target_date=TODAY - datetime.timedelta(days=10),
        status=PointStatus.GEBORGD,
        closed_at=timezone.now(),
        **kwargs,
    )
    assert list(points_overdue(on=TODAY)) == [late]
    assert is_overdue(late, on=TODAY)
    assert not is_overdue(due_today, on=TODAY)
    assert not is_overdue(closed_late, on=TODAY)
    assert list(points_overdue(on=TODAY + datetime.timedelta(days=1))) == [late, due_today]


def test_verlopen_punten_per_eigenaar_en_per_netwerk(
    noord_nederland, actieoverleg, netwerklid_noord, rapporteur_friesland
):
    common = {
        "network": noord_nederland,
        "theme": actieoverleg,
        "indicator": indicator_of(actieoverleg),
        "target_date": TODAY - datetime.timedelta(days=5),
    }
    mine = ImprovementPointFactory(owner=netwerklid_noord, **common)
    theirs = ImprovementPointFactory(owner=rapporteur_friesland, **common)
    assert list(points_overdue(on=TODAY, owner=netwerklid_noord)) == [mine]
    overview = network_overview(network=noord_nederland, on=TODAY)
    assert set(overview.overdue) == {mine, theirs}
    row = next(r for r in overview.themes if r.theme.key == "actieoverleg")
    assert row.overdue == 2


# Audit log --------------------------------------------------------------------------------


def test_elke_stap_staat_in_het_auditlog_met_wie(noord_nederland, actieoverleg, netwerklid_noord):
    point = point_plan(network=noord_nederland, theme=actieoverleg, user=netwerklid_noord)
    improvement_point_start(point=point, user=netwerklid_noord)
    events = AuditEvent.objects.filter(action=AuditAction.IMPROVEMENT_CHANGED)
    assert events.count() == 2
    assert set(events.values_list("actor", flat=True)) == {netwerklid_noord.pk}
    assert events.filter(target_id=str(point.pk)).count() == 2


def test_wie_het_netwerk_verliet_ziet_zijn_verlopen_punt_daar_niet_meer(
    noord_nederland, actieoverleg, netwerklid_noord, client_for
):
    point = ImprovementPointFactory(
        owner=netwerklid_noord,
        network=noord_nederland,
        theme=actieoverleg,
        indicator=indicator_of(actieoverleg),
        target_date=TODAY - datetime.timedelta(days=5),
    )
    client = client_for(netwerklid_noord)
    assert point.title in client.get("/").content.decode()
    role_revoke(assignment=netwerklid_noord.role_assignments.get(), revoked_by=None)
    role_assign(
        user=netwerklid_noord,
        role=Role.NETWERKLID,
        network=RegionalNetwork.objects.get(code="oost-nederland"),
        assigned_by=None,
    )
    assert point.title not in client_for(netwerklid_noord).get("/").content.decode()
