"""Factories and builders for the improvement cycle's tests (and the permission matrix)."""

import datetime
from typing import Any

import factory
from django.utils import timezone

from werkset.accounts.models import User
from werkset.catalogue.models import Indicator, Theme
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Report

from ..audit_services import finding_add, peer_audit_invite, peer_audit_transition
from ..models import ImprovementPoint, PeerAudit
from ..services import action_add, evaluation_record, improvement_point_create
from ..swot_services import swot_entry_add


class ImprovementPointFactory(factory.django.DjangoModelFactory):
    """A point written straight to the database: for states a service would not make now,
    such as a target date that has passed since the point was planned."""

    class Meta:
        model = ImprovementPoint

    title = factory.Sequence(lambda n: f"Verbeterpunt {n} (fictief)")
    target_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


def indicator_of(theme: Theme, key: str | None = None) -> Indicator:
    indicators = Indicator.objects.filter(theme=theme).order_by("position")
    return indicators.get(key=key) if key else indicators.first()  # type: ignore[return-value]


def point_plan(
    *,
    network: RegionalNetwork,
    theme: Theme,
    user: User,
    owner: User | None = None,
    title: str = "Casussen binnen een week inbrengen (fictief)",
    building_block: str | None = None,
    **extra: Any,
) -> ImprovementPoint:
    """A point planned through the service, with sensible defaults for the theme."""
    if building_block is None:
        building_block = "aanmelding" if theme.key == "actieoverleg" else ""
    return improvement_point_create(
        network=network,
        theme=theme,
        title=title,
        owner=owner or user,
        target_date=extra.pop("target_date", timezone.localdate() + datetime.timedelta(days=60)),
        indicator=extra.pop("indicator", indicator_of(theme)),
        building_block=building_block,
        user=user,
        **extra,
    )


def audit_running(*, report: Report, invited_by: User, auditor: User) -> PeerAudit:
    """An accepted invitation of the auditor's network to audit a finalised report."""
    network = RegionalNetwork.objects.get(pk=next(iter(_networks_of(auditor))))
    audit = peer_audit_invite(report=report, auditor_network=network, user=invited_by)
    return peer_audit_transition(audit=audit, name="accept", user=auditor)


def _networks_of(user: User) -> list[int]:
    return list(
        user.role_assignments.filter(network__isnull=False).values_list("network_id", flat=True)
    )


def matrix_objects(*, report: Report, netwerklid: User, auditor: User) -> dict[str, dict[str, Any]]:
    """For the permission matrix: a point with an action and an evaluation awaiting a decision,
    a SWOT entry, and a running peer audit with a finding on the finalised `report` by the
    auditor's network. Returns the URL kwargs, keyed as the matrix refers to them."""
    network = report.region.network
    theme = report.catalogue_version.themes.get(key="actieoverleg")
    point = point_plan(network=network, theme=theme, user=netwerklid)
    action = action_add(
        point=point, description="Criteria op papier zetten (fictief)", user=netwerklid
    )
    evaluation_record(
        point=point,
        period="2025-H2",
        outcome="deels",
        explanation="Half gelukt (fictief).",
        user=netwerklid,
    )
    entry = swot_entry_add(
        network=network, theme=theme, quadrant="zwakte", text="Te laat (fictief)", user=netwerklid
    )
    audit = audit_running(report=report, invited_by=netwerklid, auditor=auditor)
    finding = finding_add(
        audit=audit, theme=theme, kind="verbeterpunt", text="Mandaat (fictief)", user=auditor
    )
    code = network.code
    return {
        "improvement_network": {"network": code},
        "improvement_theme": {"network": code, "theme_key": theme.key},
        "improvement_point": {"point_id": point.pk},
        "improvement_action": {"point_id": point.pk, "action_id": action.pk, "name": "begin"},
        "improvement_swot_entry": {"entry_id": entry.pk},
        "improvement_audit": {"audit_id": audit.pk},
        "improvement_audit_step": {"audit_id": audit.pk, "name": "withdraw"},
        "improvement_finding": {"audit_id": audit.pk, "finding_id": finding.pk},
    }
