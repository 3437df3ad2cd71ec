"""A network member's proposal for a new value of an answer (issue 19, point 7; ADR 21).

The proposed content is the whole answer after the proposal, in the shape of an answer
(AnswerContent.as_dict, as AnswerChange.after): accepting it is one answer save. `region`
names the region whose own answer the proposal is about (a network's report), or is empty
for the answer itself. Only services.py-style functions in proposal_services.py change it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkset.regions.models import Region


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "aangenomen", _("Accepted")
    DECLINED = "afgewezen", _("Declined")


class CorrectionProposal(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="proposals")
    answer = models.ForeignKey("reports.Answer", on_delete=models.CASCADE, related_name="proposals")
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.JSONField(_("proposed answer"))
    # The answer's revision the proposal was made against: the page says when it changed since.
    base_revision = models.PositiveIntegerField(_("revision proposed against"))
    explanation = models.TextField(_("explanation of the proposal"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("proposed by"), max_length=150)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(_("decided by"), max_length=150, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction proposal")
        verbose_name_plural = _("correction proposals")
        indexes = [models.Index(fields=["report", "status"], name="proposal_report_status")]
        constraints = [
            models.CheckConstraint(
                name="proposal_declined_has_reason",
                condition=~models.Q(status="afgewezen") | ~models.Q(decline_reason=""),
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.answer_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN
