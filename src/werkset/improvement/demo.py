"""Fictitious demo data for the improvement cycle: Noord-Nederland (the network of the
Friesland demo reports) with a running cycle on the Actie-overleg (points in several states,
one overdue), a SWOT, and a finished peer audit of Friesland's finalised 2024 report by
Oost-Nederland, one of whose findings became an improvement point.

Everything goes through the services, as the demo accounts. Idempotent: skipped when the
network already has improvement points or the report already has a peer audit. No personal
data of anyone in a case: the texts describe cooperation only.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from werkset.accounts.models import User
from werkset.catalogue.models import Indicator, Theme
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Report, ReportStatus

from .audit_services import (
    finding_add,
    finding_respond,
    peer_audit_conclude,
    peer_audit_invite,
    peer_audit_respond,
    peer_audit_transition,
)
from .models import ImprovementPoint, PeerAudit
from .selectors import cycle_theme
from .services import (
    action_add,
    action_transition,
    decision_record,
    evaluation_record,
    improvement_point_create,
    improvement_point_start,
)
from .swot_services import swot_entry_add

DEMO_NETWORK = "noord-nederland"
DEMO_AUDITOR_NETWORK = "oost-nederland"
DEMO_REGION = "friesland"
FICTITIOUS = " (fictief)"


class DemoRefused(Exception):
    """Demo data would be created where it does not belong, or before its ground."""


@dataclass(frozen=True)
class ImprovementDemo:
    points: int
    overdue: int
    audit: PeerAudit | None
    skipped: bool = False


def _indicator(theme: Theme, *preferred: str) -> Indicator:
    """The first preferred indicator the theme has (keys differ between versions), else the
    theme's first indicator."""
    indicators = list(theme.indicators.order_by("position"))
    for key in preferred:
        for indicator in indicators:
            if indicator.key == key or any(
                link.get("key") == key for link in indicator.continues or []
            ):
                return indicator
    return indicators[0]


def _half_year(day: datetime.date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def improvement_demo_create() -> ImprovementDemo:
    if settings.ENVIRONMENT == "production":
        raise DemoRefused("Demogegevens worden niet aangemaakt onder productie-instellingen.")
    network = RegionalNetwork.objects.filter(code=DEMO_NETWORK).first()
    auditors = RegionalNetwork.objects.filter(code=DEMO_AUDITOR_NETWORK).first()
    users = {u.username: u for u in User.objects.filter(username__in=_DEMO_USERNAMES)}
    if network is None or auditors is None or len(users) != len(_DEMO_USERNAMES):
        raise DemoRefused("Maak eerst de regio's en de demo-accounts: werkset demo")
    report = (
        Report.objects.filter(
            region__code=DEMO_REGION, period="2024", status=ReportStatus.VASTGESTELD
        )
        .order_by("-number")
        .first()
    )
    if report is None:
        raise DemoRefused("De vastgestelde demorapportage van Friesland (2024) ontbreekt.")
    if (
        ImprovementPoint.objects.filter(network=network).exists()
        or PeerAudit.objects.filter(report=report).exists()
    ):
        return ImprovementDemo(points=0, overdue=0, audit=None, skipped=True)
    with transaction.atomic():
        audit = _peer_audit(report, auditors, users)
        points = _cycle(network, audit, users)
    today = timezone.localdate()
    overdue = sum(1 for p in points if p.is_open and p.target_date < today)
    return ImprovementDemo(points=len(points), overdue=overdue, audit=audit)


_DEMO_USERNAMES = ("rapporteur", "netwerklid", "netwerklid-oost")


def _peer_audit(report: Report, auditors: RegionalNetwork, users: dict[str, User]) -> PeerAudit:
    member, auditor = users["netwerklid"], users["netwerklid-oost"]
    audit = peer_audit_invite(
        report=report,
        auditor_network=auditors,
        invitation="Kijk vooral naar het Actie-overleg en naar hoe we als netwerk leren."
        + FICTITIOUS,
        user=member,
    )
    peer_audit_transition(audit=audit, name="accept", user=auditor)
    themes = {theme.key: theme for theme in report.catalogue_version.themes.all()}
    findings = [
        finding_add(audit=audit, theme=themes[key], kind=kind, text=text + FICTITIOUS, user=auditor)
        for key, kind, text in (
            (
                "actieoverleg",
                "sterkte",
                "Het Actie-overleg komt elke week bijeen met Veilig Thuis, politie en OM; "
                "casussen worden binnen een week besproken.",
            ),
            (
                "samenhang",
                "verbeterpunt",
                "De opbrengsten van het lerend netwerk blijven nu bij de deelnemers; deel ze "
                "ook met de teams van de partners in de regio.",
            ),
            (
                "vt-zsm",
                "vraag",
                "Hoe weegt Veilig Thuis de informatie die het aan de ZSM-tafel inbrengt?",
            ),
        )
    ]
    peer_audit_conclude(
        audit=audit,
        verdict="Een stevige, goed onderbouwde rapportage. Het Actie-overleg staat; de "
        "grootste winst zit in het delen van wat het netwerk leert." + FICTITIOUS,
        user=auditor,
    )
    finding_respond(
        finding=findings[1],
        response="Herkenbaar. We maken er een verbeterpunt van voor Samenhang." + FICTITIOUS,
        user=member,
    )
    finding_respond(
        finding=findings[2],
        response="Volgens de werkafspraak met de ZSM-partners; we sturen die mee." + FICTITIOUS,
        user=member,
    )
    return peer_audit_respond(
        audit=audit,
        response="Dank voor de blik van buiten; de bevindingen nemen we mee in de "
        "verbetercyclus." + FICTITIOUS,
        user=member,
    )


def _cycle(
    network: RegionalNetwork, audit: PeerAudit, users: dict[str, User]
) -> list[ImprovementPoint]:
    member, rapporteur = users["netwerklid"], users["rapporteur"]
    today = timezone.localdate()
    actieoverleg = cycle_theme(key="actieoverleg")
    samenhang = cycle_theme(key="samenhang")

    swot = {
        quadrant: swot_entry_add(
            network=network,
            theme=actieoverleg,
            quadrant=quadrant,
            text=text + FICTITIOUS,
            user=member,
        )
        for quadrant, text in (
            ("sterkte", "Politie, OM en Veilig Thuis zitten elke week samen aan tafel."),
            ("zwakte", "Niet alle partners weten wanneer zij een casus kunnen inbrengen."),
            ("kans", "De nieuwe werkafspraken met het Zorg- en Veiligheidshuis."),
            ("bedreiging", "De capaciteit van het OM staat onder druk."),
        )
    }

    # Evaluated over a half year of last year and secured: closed, so it no longer counts
    # towards the three open points.
    chair = improvement_point_create(
        network=network,
        theme=actieoverleg,
        title="Een vaste voorzitter voor het Actie-overleg",
        building_block="bespreking",
        owner=member,
        target_date=today + datetime.timedelta(days=10),
        indicator=_indicator(
            actieoverleg, "actieoverleg.uitvoering.voorzitterschap-en-facilitering"
        ),
        user=member,
    )
    improvement_point_start(point=chair, user=member)
    evaluation_record(
        point=chair,
        period=_half_year(today - datetime.timedelta(days=366)),
        outcome="behaald",
        explanation="Sinds het voorjaar zit dezelfde voorzitter het overleg voor." + FICTITIOUS,
        user=member,
    )
    decision_record(
        point=chair,
        decision="borgen",
        note="Vastgelegd in de werkafspraken van het RNZS." + FICTITIOUS,
        user=member,
    )

    criteria = improvement_point_create(
        network=network,
        theme=actieoverleg,
        title="Criteria voor het inbrengen van casussen delen met alle partners",
        description="Elke partner weet wanneer een casus in het Actie-overleg hoort." + FICTITIOUS,
        building_block="aanmelding",
        owner=member,
        target_date=today + datetime.timedelta(days=75),
        indicator=_indicator(actieoverleg, "actieoverleg.uitvoering.frequentie"),
        swot_entry=swot["zwakte"],
        user=member,
    )
    improvement_point_start(point=criteria, user=member)
    done = action_add(
        point=criteria,
        description="Criteria op één A4 zetten",
        who="voorzitter Actie-overleg",
        user=member,
    )
    action_transition(action=done, name="gereed", user=member)
    busy = action_add(
        point=criteria,
        description="Criteria bespreken in het teamoverleg van elke partner",
        who="alle partners",
        due_date=today + datetime.timedelta(days=45),
        user=member,
    )
    action_transition(action=busy, name="begin", user=member)

    # Planned four months ago with a target date that has now passed: overdue.
    mandate = improvement_point_create(
        network=network,
        theme=actieoverleg,
        title="Deelnemers komen met mandaat naar het overleg",
        description="Afspraken worden aan tafel gemaakt, zonder ruggespraak achteraf." + FICTITIOUS,
        building_block="deelnemers",
        owner=member,
        target_date=today - datetime.timedelta(days=20),
        indicator=_indicator(actieoverleg, "actieoverleg.uitvoering.mandaat"),
        user=member,
        today=today - datetime.timedelta(days=120),
    )
    improvement_point_start(point=mandate, user=member)
    action_add(
        point=mandate,
        description="Per organisatie navragen wie mandaat heeft",
        who="secretaris RNZS",
        user=member,
    )

    follow_up = improvement_point_create(
        network=network,
        theme=actieoverleg,
        title="Afspraken uit het overleg volgen tot ze zijn uitgevoerd",
        building_block="vervolg",
        owner=rapporteur,
        target_date=today + datetime.timedelta(days=30),
        indicator=_indicator(actieoverleg, "actieoverleg.uitvoering.informatie-vastleggen"),
        user=member,
    )
    improvement_point_start(point=follow_up, user=member)
    evaluation_record(
        point=follow_up,
        period=_half_year(today - datetime.timedelta(days=183)),
        outcome="deels",
        explanation="Een actielijst wordt bijgehouden, maar nog niet door elke partner "
        "aangevuld." + FICTITIOUS,
        user=member,
    )

    finding = audit.findings.get(kind="verbeterpunt")
    sharing = improvement_point_create(
        network=network,
        theme=samenhang,
        title="Opbrengsten van het lerend netwerk delen met de teams in de regio",
        description=finding.text,
        owner=rapporteur,
        target_date=today + datetime.timedelta(days=150),
        indicator=_indicator(samenhang, "samenhang.waarde.lerend-netwerk"),
        finding=finding,
        user=member,
    )
    for point in (criteria, mandate, follow_up, chair, sharing):
        point.refresh_from_db()
    return [criteria, mandate, follow_up, chair, sharing]
