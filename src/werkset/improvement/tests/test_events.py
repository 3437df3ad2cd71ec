"""Every state change of the improvement cycle and of a peer audit delivers its domain event
once, after the commit, and nothing when the transaction rolls back (ADR 14)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest

from werkset.core.testing import delivered, delivered_after_rollback
from werkset.improvement import events
from werkset.improvement.audit_services import (
    finding_add,
    finding_respond,
    peer_audit_conclude,
    peer_audit_invite,
    peer_audit_respond,
    peer_audit_transition,
)
from werkset.improvement.services import (
    action_add,
    action_transition,
    decision_record,
    evaluation_record,
    improvement_point_start,
)
from werkset.improvement.states import AuditStatus
from werkset.improvement.swot_services import swot_entry_add, swot_entry_delete

from .factories import audit_running, point_plan

pytestmark = pytest.mark.django_db


@dataclass
class World:
    network: Any
    theme: Any
    member: Any
    report: Any
    auditor: Any
    auditor_network: Any

    def point(self):
        return point_plan(network=self.network, theme=self.theme, user=self.member)

    def evaluated(self):
        point = self.point()
        evaluation_record(
            point=point,
            period="2025-H2",
            outcome="behaald",
            explanation="Gelukt.",
            user=self.member,
        )
        return point

    def invited(self):
        return peer_audit_invite(
            report=self.report, auditor_network=self.auditor_network, user=self.member
        )

    def running(self):
        return audit_running(report=self.report, invited_by=self.member, auditor=self.auditor)

    def with_finding(self):
        audit = self.running()
        finding = finding_add(
            audit=audit, theme=self.theme, kind="vraag", text="Hoe?", user=self.auditor
        )
        return audit, finding

    def concluded(self):
        audit, finding = self.with_finding()
        peer_audit_conclude(audit=audit, verdict="Goed.", user=self.auditor)
        return audit, finding


@pytest.fixture
def world(
    noord_nederland, actieoverleg, netwerklid_noord, finalised, netwerklid_midden, midden_nederland
):
    return World(
        noord_nederland,
        actieoverleg,
        netwerklid_noord,
        finalised,
        netwerklid_midden,
        midden_nederland,
    )


Case = Callable[[World], tuple[Callable[[], object], type, Any]]


def plan(w: World):
    return partial(w.point), events.ImprovementPointPlanned, w.member


def start(w: World):
    return (
        partial(improvement_point_start, point=w.point(), user=w.member),
        events.ImprovementPointStarted,
        w.member,
    )


def add_action(w: World):
    return (
        partial(action_add, point=w.point(), description="Bellen", user=w.member),
        events.ActionAdded,
        w.member,
    )


def finish_action(w: World):
    action = action_add(point=w.point(), description="Bellen", user=w.member)
    return (
        partial(action_transition, action=action, name="gereed", user=w.member),
        events.ActionStatusChanged,
        w.member,
    )


def evaluate(w: World):
    call = partial(
        evaluation_record,
        point=w.point(),
        period="2025-H2",
        outcome="behaald",
        explanation="Gelukt.",
        user=w.member,
    )
    return call, events.ImprovementPointEvaluated, w.member


def decide(w: World):
    call = partial(decision_record, point=w.evaluated(), decision="borgen", user=w.member)
    return call, events.ImprovementPointDecided, w.member


def add_swot(w: World):
    call = partial(
        swot_entry_add,
        network=w.network,
        theme=w.theme,
        quadrant="sterkte",
        text="Vaste voorzitter.",
        user=w.member,
    )
    return call, events.SwotEntryAdded, w.member


def remove_swot(w: World):
    entry = swot_entry_add(
        network=w.network, theme=w.theme, quadrant="kans", text="Nieuw beleid.", user=w.member
    )
    return partial(swot_entry_delete, entry=entry, user=w.member), events.SwotEntryRemoved, w.member


def invite(w: World):
    return partial(w.invited), events.PeerAuditInvited, w.member


def step(name: str, event: type, side: str) -> Case:
    def case(w: World):
        audit = w.invited()
        user = w.auditor if side == "auditor" else w.member
        return partial(peer_audit_transition, audit=audit, name=name, user=user), event, user

    case.__name__ = name
    return case


def add_finding(w: World):
    call = partial(
        finding_add, audit=w.running(), theme=w.theme, kind="vraag", text="Hoe?", user=w.auditor
    )
    return call, events.FindingAdded, w.auditor


def conclude(w: World):
    audit, _finding = w.with_finding()
    call = partial(peer_audit_conclude, audit=audit, verdict="Goed.", user=w.auditor)
    return call, events.PeerAuditConcluded, w.auditor


def answer_finding(w: World):
    _audit, finding = w.concluded()
    call = partial(finding_respond, finding=finding, response="Klopt.", user=w.member)
    return call, events.FindingAnswered, w.member


def finish(w: World):
    audit, _finding = w.concluded()
    call = partial(peer_audit_respond, audit=audit, response="Dank.", user=w.member)
    return call, events.PeerAuditFinished, w.member


CASES = [
    plan,
    start,
    add_action,
    finish_action,
    evaluate,
    decide,
    add_swot,
    remove_swot,
    invite,
    step("accept", events.PeerAuditAccepted, "auditor"),
    step("decline", events.PeerAuditDeclined, "auditor"),
    step("withdraw", events.PeerAuditWithdrawn, "audited"),
    add_finding,
    conclude,
    answer_finding,
    finish,
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_elke_wijziging_levert_haar_gebeurtenis_na_de_commit(
    django_capture_on_commit_callbacks, world, case
):
    action, event, user = case(world)
    heard = delivered(django_capture_on_commit_callbacks, action)
    assert [type(e) for e in heard] == [event]
    assert heard[0].actor_id == user.pk


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_een_wijziging_die_terugdraait_levert_niets(
    django_capture_on_commit_callbacks, world, case
):
    action, _event, _user = case(world)
    assert delivered_after_rollback(django_capture_on_commit_callbacks, action) == []


def test_de_gebeurtenis_van_een_stap_noemt_de_audit_en_beide_netwerken(
    django_capture_on_commit_callbacks, world
):
    audit = world.invited()
    heard = delivered(
        django_capture_on_commit_callbacks,
        partial(peer_audit_transition, audit=audit, name="accept", user=world.auditor),
    )
    assert heard == [
        events.PeerAuditAccepted(
            actor_id=world.auditor.pk,
            audit_id=audit.pk,
            report_id=world.report.pk,
            audited_network_id=world.network.pk,
            auditor_network_id=world.auditor_network.pk,
            from_status=AuditStatus.UITGENODIGD,
            to_status=AuditStatus.LOPEND,
        )
    ]
