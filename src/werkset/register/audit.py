"""The register's audit actions (core/audit.py, ADR 14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.core.audit import audit_actions


@audit_actions.register
class RegisterAction(models.TextChoices):
    MEETING_RECORDED = "register_meeting_recorded", _("Actieoverleg meeting recorded")
    CASE_RECORDED = "register_case_recorded", _("Case recorded in the Actieoverleg register")
    ACTION_RECORDED = "register_action_recorded", _("Action agreed in the Actieoverleg")
    ACTION_DONE = "register_action_done", _("Agreed action carried out")
    PROPOSAL_ACCEPTED = "register_proposal_accepted", _("Figure from the register accepted")
