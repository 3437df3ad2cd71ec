"""API shapes. Writes are validated by the same rules as the web form (reports.answers)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkset.catalogue.models import CatalogueVersion
from werkset.privacy.detectors import privacy_warnings
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.answers import answer_is_complete, content_of
from werkset.reports.limits import EXPLANATION_MAX
from werkset.reports.models import Answer, Report, StatusChange


class CatalogueVersionSerializer(serializers.ModelSerializer):
    published = serializers.DateField(source="published_on")
    indicator_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = CatalogueVersion
        fields = ["slug", "title", "edition", "published", "indicator_count"]


class NetworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionalNetwork
        fields = ["code", "name", "arrondissement"]


class RegionSerializer(serializers.ModelSerializer):
    network = NetworkSerializer()
    veilig_thuis_regions = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )

    class Meta:
        model = Region
        fields = ["code", "name", "network", "veilig_thuis_regions"]


class ReportSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    catalogue_version = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    corrects = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    number = serializers.IntegerField(read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "region",
            "period",
            "catalogue_version",
            "number",
            "status",
            "corrects",
            "created_at",
            "finalised_at",
        ]


class AnswerSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.key")
    complete = serializers.SerializerMethodField()
    privacy_warnings = serializers.SerializerMethodField()
    revision = serializers.IntegerField(read_only=True)
    figures = serializers.DictField(child=serializers.JSONField())
    perspectives = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = Answer
        fields = [
            "indicator",
            "choice",
            "explanation",
            "figures",
            "perspectives",
            "revision",
            "carried_over",
            "complete",
            "privacy_warnings",
            "updated_at",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_complete(self, answer: Answer) -> bool:
        return answer_is_complete(answer.indicator.answer_type, content_of(answer))

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_privacy_warnings(self, answer: Answer) -> list[str]:
        """Text that looks like personal data, as the web form warns about it."""
        return privacy_warnings(answer.explanation, *answer.perspectives.values())


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusChange
        fields = ["from_status", "to_status", "changed_at", "changed_by_name"]


class ReportDetailSerializer(ReportSerializer):
    answers = AnswerSerializer(many=True, read_only=True)
    status_changes = StatusChangeSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "answers", "status_changes"]


class ReportStartSerializer(serializers.Serializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    period = serializers.CharField(max_length=7)
    catalogue_version = serializers.SlugRelatedField(
        slug_field="slug", queryset=CatalogueVersion.objects.all()
    )
    # A number, looked up among the reports the user may see (views.py): one that does not
    # exist and one the user may not see answer the same 404.
    start_from = serializers.IntegerField(required=False, allow_null=True)


class AnswerWriteSerializer(serializers.Serializer):
    """An answer as JSON: figures typed as stored (amounts as strings or numbers)."""

    choice = serializers.CharField(allow_blank=True, required=False, default="")
    explanation = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
        max_length=EXPLANATION_MAX,
    )
    figures = serializers.DictField(child=serializers.JSONField(), required=False, default=dict)
    perspectives = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=EXPLANATION_MAX),
        required=False,
        default=dict,
        help_text=_(
            "What partner organisations say, by organisation code. An organisation left out "
            "keeps its stored perspective; an empty text removes it."
        ),
    )
    revision = serializers.IntegerField(
        min_value=0, help_text=_("The revision you started from; a newer one gives a 409.")
    )

    def as_raw(self) -> dict[str, Any]:
        """The mapping reports.answers.answer_clean reads, as a form would send it."""
        data = self.validated_data
        raw: dict[str, Any] = {"choice": data["choice"], "explanation": data["explanation"]}
        for key, value in data["figures"].items():
            name = f"field-{key}"
            if isinstance(value, dict):
                raw[f"{name}-aantal"] = str(value.get("aantal", ""))
                raw[f"{name}-per"] = str(value.get("per", ""))
            elif isinstance(value, list):
                raw[name] = [str(v) for v in value]
            elif value is not None:
                raw[name] = str(value)
        for code, text in data["perspectives"].items():
            raw[f"perspective-{code}"] = text
        return raw
