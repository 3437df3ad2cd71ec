"""The API's shapes of correction proposals (ADR 21)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkset.privacy.detectors import privacy_warnings
from werkset.reports.answers import AnswerInvalid
from werkset.reports.limits import EXPLANATION_MAX, PROPOSAL_TEXT_MAX
from werkset.reports.models import CorrectionProposal

from .serializers import _raw_answer


class ProposalSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="answer.indicator.key")
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    content = serializers.DictField(
        child=serializers.JSONField(),
        help_text=_("The whole answer after the proposal, in the shape of an answer."),
    )
    motivation = serializers.CharField(source="explanation")
    # Declared, not derived from the model: the derived field's maximum is the database's
    # integer range, and the API document must not differ between SQLite and PostgreSQL.
    base_revision = serializers.IntegerField(
        read_only=True, min_value=0, label=_("revision proposed against")
    )
    privacy_warnings = serializers.SerializerMethodField()

    class Meta:
        model = CorrectionProposal
        fields = [
            "id",
            "indicator",
            "region",
            "content",
            "base_revision",
            "motivation",
            "status",
            "author_name",
            "created_at",
            "decided_at",
            "decided_by_name",
            "decline_reason",
            "privacy_warnings",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_privacy_warnings(self, proposal: CorrectionProposal) -> list[str]:
        content = proposal.content or {}
        return privacy_warnings(
            proposal.explanation,
            proposal.decline_reason,
            content.get("explanation", ""),
            *content.get("perspectives", {}).values(),
        )


class ProposalWriteSerializer(serializers.Serializer):
    indicator = serializers.CharField(max_length=150, help_text=_("The indicator's key."))
    region = serializers.CharField(
        max_length=50,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text=_("In a network's report: the region whose own answer the proposal is about."),
    )
    choice = serializers.CharField(allow_blank=True, required=False, default="")
    explanation = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=EXPLANATION_MAX
    )
    figures = serializers.DictField(child=serializers.JSONField(), required=False, default=dict)
    perspectives = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=EXPLANATION_MAX),
        required=False,
        default=dict,
    )
    motivation = serializers.CharField(
        max_length=PROPOSAL_TEXT_MAX, help_text=_("Why you propose this change.")
    )
    revision = serializers.IntegerField(
        min_value=0, required=False, help_text=_("The answer's revision you propose against.")
    )

    def as_raw(self, indicator: Any) -> dict[str, Any]:
        """As AnswerWriteSerializer.as_raw: AnswerInvalid for a part of the wrong JSON type."""
        data = self.validated_data
        errors: dict[str, list[str]] = {}
        raw = _raw_answer(data, "", indicator, errors)
        if errors:
            raise AnswerInvalid(errors)
        for code, text in data["perspectives"].items():
            raw[f"perspective-{code}"] = text
        return raw


class ProposalAcceptSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=0,
        help_text=_("The answer's revision you decided on; a newer one gives a 409."),
    )


class ProposalDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=PROPOSAL_TEXT_MAX, help_text=_("Why the proposal is declined.")
    )
