"""Who may read and change the improvement cycle and peer audits, built on accounts.scope.

- A network's people are its netwerklid members and the rapporteurs of its regions: they
  read and write their network's cycle (points, actions, evaluations, decisions, SWOT) and
  may own its points.
- Landelijk reads every network's cycle and every peer audit (the LNZS supervises and shares
  results between regions) and changes nothing.
- A pure beheerder has no content here (403), as with the comparisons.
- Peer audits: the netwerklid members of the audited network invite, withdraw and respond;
  the netwerklid members of the invited network accept or decline, add findings and
  conclude, and read that one audit only while their invitation stands (not after it is
  declined or withdrawn). The audited report itself is finalised, and finalised reports are
  readable by every content role already (reports.selectors.reports_visible); an invitation
  adds no access to anything else: not to concepts, discussions or the audited network's
  cycle.
"""

from django.db.models import Q, QuerySet

from werkset.accounts.scope import Scope
from werkset.regions.models import RegionalNetwork

from .models import PeerAudit
from .states import AUDIT_INVITED_STATUSES


def member_network_ids(scope: Scope) -> frozenset[int]:
    """The networks whose people this user is: netwerklid, or rapporteur of one of its regions
    (read with the scope, once per request)."""
    return scope.member_network_ids


def networks_readable(scope: Scope) -> QuerySet[RegionalNetwork]:
    if not scope.can_improve:
        return RegionalNetwork.objects.none()
    if scope.is_national:
        return RegionalNetwork.objects.all()
    return RegionalNetwork.objects.filter(pk__in=member_network_ids(scope))


def can_read_network(scope: Scope, network: RegionalNetwork) -> bool:
    if not scope.can_improve:
        return False
    return scope.is_national or network.pk in member_network_ids(scope)


def can_work_in_network(scope: Scope, network: RegionalNetwork) -> bool:
    """Write the network's cycle and SWOT: its own people only, never the national roles."""
    return network.pk in member_network_ids(scope)


def peer_audits_visible(scope: Scope) -> QuerySet[PeerAudit]:
    """Audits of the user's networks, audits their network was invited to (while invited),
    and for landelijk every audit."""
    audits = PeerAudit.objects.select_related(
        "report__region__network", "report__catalogue_version", "audited_network", "auditor_network"
    )
    if not scope.can_improve:
        return audits.none()
    if scope.is_national:
        return audits
    return audits.filter(
        Q(audited_network_id__in=member_network_ids(scope))
        | Q(auditor_network_id__in=scope.network_ids, status__in=AUDIT_INVITED_STATUSES)
    )


def can_invite_audit(scope: Scope, network: RegionalNetwork) -> bool:
    """Invite another network to audit a report of this network: its netwerklid members."""
    return network.pk in scope.network_ids


def is_auditor(scope: Scope, audit: PeerAudit) -> bool:
    """A netwerklid of the invited network, while the invitation stands."""
    return audit.auditor_network_id in scope.network_ids and audit.status in AUDIT_INVITED_STATUSES


def is_audited(scope: Scope, audit: PeerAudit) -> bool:
    """A netwerklid of the network whose report is audited."""
    return audit.audited_network_id in scope.network_ids
