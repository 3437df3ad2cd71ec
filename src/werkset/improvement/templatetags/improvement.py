"""Where the improvement cycle shows up on other apps' pages: the start page (the user's
overdue points and audit invitations) and a report's overview (its peer audits, as part of
the report's record). Both read through selectors and rules, as the views do."""

from typing import Any

from django import template

from werkset.accounts.models import User
from werkset.accounts.scope import scope_for_request
from werkset.reports.models import Report

from .. import selectors as s
from ..rules import networks_readable
from ..states import AuditStatus

register = template.Library()


@register.inclusion_tag("improvement/_home.html", takes_context=True)
def improvement_home(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    scope = scope_for_request(request)
    if not scope.can_improve or not isinstance(request.user, User):
        return {"show": False}
    return {
        "show": True,
        "networks": list(networks_readable(scope)) if not scope.is_national else [],
        "is_national": scope.is_national,
        "overdue": list(
            s.points_overdue(on=s.today(), owner=request.user, networks=networks_readable(scope))
        ),
        "invitations": list(s.audit_invitations_open(scope=scope)),
    }


@register.inclusion_tag("improvement/_report_audits.html", takes_context=True)
def report_peer_audits(context: dict[str, Any], report: Report) -> dict[str, Any]:
    """Finished and concluded audits with their findings and responses; audits still under
    way only as a line with a link (for those who may open the audit)."""
    scope = scope_for_request(context["request"])
    audits = list(s.peer_audits_of_report(scope=scope, report=report))
    done = (AuditStatus.GECONCLUDEERD, AuditStatus.AFGEROND)
    return {
        "report": report,
        "finished": [a for a in audits if a.status in done],
        "running": [a for a in audits if a.status in (AuditStatus.UITGENODIGD, AuditStatus.LOPEND)],
    }
