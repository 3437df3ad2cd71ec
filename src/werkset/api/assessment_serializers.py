"""A report's assessments in the API (ADR 22): maturity per theme, the toetsingskader and
the bottleneck codes of its answers, each "niet beoordeeld" with its reason."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

STATES = ["beoordeeld", "niet_beoordeeld", "ontbreekt"]


class MaturityAssessmentSerializer(serializers.Serializer):
    theme = serializers.CharField(help_text=_("The theme's key."))
    state = serializers.ChoiceField(
        choices=STATES,
        help_text=_(
            "beoordeeld: a level is given; niet_beoordeeld: consciously not assessed, with "
            "the reason; ontbreekt: not assessed yet."
        ),
    )
    level = serializers.IntegerField(
        allow_null=True, min_value=1, max_value=5, help_text=_("1 (on the agenda) to 5.")
    )
    level_label = serializers.CharField(allow_blank=True)
    motivation = serializers.CharField(allow_blank=True)
    not_assessed_reason = serializers.CharField(allow_blank=True)


class CriterionAssessmentSerializer(serializers.Serializer):
    criterion = serializers.CharField(help_text=_("The characteristic's key."))
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=STATES)
    verdict = serializers.ChoiceField(choices=["", "ja", "deels", "nee"])
    explanation = serializers.CharField(allow_blank=True)
    not_assessed_reason = serializers.CharField(allow_blank=True)


class BottleneckCodeSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text=_("The key of the coded answer's indicator."))
    code = serializers.CharField(help_text=_("The bottleneck's key."))
    category = serializers.CharField(help_text=_("The key of the bottleneck's category."))


class AssessmentsSerializer(serializers.Serializer):
    complete = serializers.BooleanField(
        help_text=_(
            "Every assessment is given or marked not assessed with a reason (needed before "
            "the network decides)."
        )
    )
    maturity = MaturityAssessmentSerializer(
        many=True,
        help_text=_(
            "Per theme whose maturity is assessed (not for themes that ask it as a question "
            "of the report itself, as Werkset 2.0 does: see the answers)."
        ),
    )
    toetsingskader = CriterionAssessmentSerializer(many=True)
    bottleneck_codes = BottleneckCodeSerializer(many=True)
