"""Where the improvement cycle shows up on other apps' pages: a report's overview (its peer
audits, as part of the report's record), read through selectors and rules, as the views do.
The start page's overdue points and audit invitations are in core/todo.py."""

from typing import Any

from django import template

from werkset.accounts.scope import scope_for_request
from werkset.reports.models import Report

from .. import selectors as s
from ..states import AuditStatus

register = template.Library()


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
