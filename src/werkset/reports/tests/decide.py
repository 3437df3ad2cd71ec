"""The network's decision in tests (issue 19): the rapporteur puts the report forward, the
network's chair records the decision, as the product does it."""

from django.utils import timezone

from werkset.accounts.models import Role, RoleAssignment, User
from werkset.accounts.services import role_assign
from werkset.reports.models import Report, ReportStatus
from werkset.reports.workflow import Decision, report_transition


def network_chair(report: Report) -> User:
    """The chair (vaststeller) of the report's network, made once."""
    found = RoleAssignment.objects.filter(
        role=Role.VASTSTELLER, network_id=report.network_id
    ).first()
    if found is not None:
        return found.user
    user = User.objects.create_user(username=f"voorzitter-{report.network_id}")
    role_assign(user=user, role=Role.VASTSTELLER, network=report.network, assigned_by=None)
    return user


def report_decided(report: Report, rapporteur: User) -> Report:
    """Put a report under discussion to its network and record the network's decision."""
    report.refresh_from_db()
    if report.status == ReportStatus.TER_BESPREKING:
        report_transition(report=report, name="put_forward", user=rapporteur)
    return report_transition(
        report=report,
        name="finalise",
        user=network_chair(report),
        decision=Decision(
            decided_on=timezone.localdate(), decided_by="Het RNZS in zijn vergadering"
        ),
    )
