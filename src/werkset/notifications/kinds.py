"""The kinds of notification: one row each, with its label for the preferences, whether mail
is on by default, and the template of its sentence (`notifications/messages/<key>.txt`).

A kind's key is stored with each notification and preference; a key keeps its meaning. A
new kind is a row here, a template, and a row in receivers.RULES (or a call of
services.notify from a periodic check).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Kind:
    key: str
    label: "str | _StrPromise"
    mail_default: bool = True

    @property
    def template(self) -> str:
        return f"notifications/messages/{self.key}.txt"


REPORT_SUBMITTED = "report_submitted"
REPORT_PUT_FORWARD = "report_put_forward"
REPORT_SENT_BACK = "report_sent_back"
REPORT_FINALISED = "report_finalised"
REPORT_CORRECTED = "report_corrected"
COMMENT_ADDED = "comment_added"
COMMENT_RESOLVED = "comment_resolved"
AUDIT_INVITED = "audit_invited"
POINT_OVERDUE = "point_overdue"
PROPOSAL_MADE = "proposal_made"
PROPOSAL_ACCEPTED = "proposal_accepted"
PROPOSAL_DECLINED = "proposal_declined"
REPORT_WITHDRAWN = "report_withdrawn"
REPORT_TAKEN_BACK = "report_taken_back"
ROUND_OPENED = "round_opened"
ROUND_DEADLINE_NEAR = "round_deadline_near"
ROUND_DEADLINE_PASSED = "round_deadline_passed"

KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(REPORT_SUBMITTED, _("A report is put to the network for discussion")),
        Kind(REPORT_PUT_FORWARD, _("A report is put to the network for its decision")),
        Kind(REPORT_SENT_BACK, _("The network sent a report back")),
        Kind(REPORT_FINALISED, _("The network decided on a report")),
        Kind(REPORT_CORRECTED, _("A new version of a finalised report was started")),
        Kind(COMMENT_ADDED, _("A comment or correction was added to a report I write")),
        Kind(COMMENT_RESOLVED, _("My comment or correction was answered")),
        Kind(AUDIT_INVITED, _("My network is invited to a peer audit")),
        Kind(POINT_OVERDUE, _("An improvement point of mine is overdue")),
        Kind(PROPOSAL_MADE, _("A correction proposal was made on a report I write")),
        Kind(PROPOSAL_ACCEPTED, _("My correction proposal was accepted")),
        Kind(PROPOSAL_DECLINED, _("My correction proposal was declined")),
        Kind(REPORT_WITHDRAWN, _("The national network withdrew a finalised report")),
        Kind(REPORT_TAKEN_BACK, _("A rapporteur took a report back from the network")),
        Kind(ROUND_OPENED, _("A reporting round is opened")),
        Kind(ROUND_DEADLINE_NEAR, _("The deadline of a round is near and my report is not in")),
        Kind(ROUND_DEADLINE_PASSED, _("The deadline of a round passed and my report is not in")),
    )
}


def validate_kind(value: str) -> None:
    if value not in KINDS:
        raise ValidationError(_("Unknown kind of notification: %(kind)s"), params={"kind": value})


def kind_mail_default(key: str) -> bool:
    return KINDS[key].mail_default
