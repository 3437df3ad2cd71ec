"""API shapes. Writes are validated by the same rules as the web form (reports.answers)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkset.catalogue.models import CatalogueVersion
from werkset.privacy.detectors import privacy_warnings
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.answers import (
    AnswerInvalid,
    answer_is_complete,
    answer_texts,
    content_of,
    region_prefix,
)
from werkset.reports.limits import COMMENT_MAX, EXPLANATION_MAX
from werkset.reports.models import Answer, Report, StatusChange


class CatalogueVersionSerializer(serializers.ModelSerializer):
    published = serializers.DateField(source="published_on")
    indicator_count = serializers.IntegerField(read_only=True)
    continues = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_(
            "The version this one continues (a corrected edition or a successor); its "
            "questions continue that version's through lineage, with any errata in the detail."
        ),
    )

    class Meta:
        model = CatalogueVersion
        fields = ["slug", "title", "edition", "published", "continues", "indicator_count"]


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
    network = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("The region's code; null for a regional network's own report."),
    )
    catalogue_version = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    corrects = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    number = serializers.IntegerField(read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "network",
            "region",
            "period",
            "catalogue_version",
            "number",
            "status",
            "corrects",
            "correction_reason",
            "created_at",
            "finalised_at",
            "withdrawn_at",
            "withdrawal_reason",
        ]


class AnswerSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.key")
    complete = serializers.SerializerMethodField()
    privacy_warnings = serializers.SerializerMethodField()
    revision = serializers.IntegerField(read_only=True)
    figures = serializers.DictField(child=serializers.JSONField())
    perspectives = serializers.DictField(child=serializers.CharField())
    regional = serializers.DictField(
        child=serializers.DictField(child=serializers.JSONField()),
        help_text=_(
            "In a network's report: the regions' own answers where they differ, by region "
            "code ({choice, explanation, figures}); the network's answer holds for the others."
        ),
    )

    class Meta:
        model = Answer
        fields = [
            "indicator",
            "choice",
            "explanation",
            "figures",
            "perspectives",
            "regional",
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
        return privacy_warnings(*answer_texts(answer))


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
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    network = serializers.SlugRelatedField(
        slug_field="code",
        queryset=RegionalNetwork.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("For a regional network's own report: the network's code (no region)."),
    )
    period = serializers.CharField(
        max_length=7,
        help_text=_("A period with an open reporting round (issue 19)."),
    )
    catalogue_version = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=CatalogueVersion.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "Optional: the report uses the catalogue version of its round; another one is refused."
        ),
    )
    # A number, looked up among the reports the user may see (views.py): one that does not
    # exist and one the user may not see answer the same 404.
    start_from = serializers.IntegerField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs.get("region") is None) == (attrs.get("network") is None):
            raise serializers.ValidationError(_("Choose the network or one of its regions."))
        return attrs


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
    regional = serializers.DictField(
        child=serializers.DictField(child=serializers.JSONField()),
        required=False,
        default=dict,
        help_text=_(
            "In a network's report: the regions' own answers by region code ({choice, "
            "explanation, figures}). A region left out keeps its stored answer; an empty one "
            "removes it, so the network's answer holds for it again."
        ),
    )
    revision = serializers.IntegerField(
        min_value=0, help_text=_("The revision you started from; a newer one gives a 409.")
    )

    def as_raw(self, indicator: Any) -> dict[str, Any]:
        """The mapping reports.answers.answer_clean reads, as a form would send it.
        AnswerInvalid for a part of the wrong JSON type (the form's rules read only text)."""
        data = self.validated_data
        errors: dict[str, list[str]] = {}
        raw = _raw_answer(data, "", indicator, errors)
        for code, text in data["perspectives"].items():
            raw[f"perspective-{code}"] = text
        for code, part in data["regional"].items():
            raw.update(_raw_answer(part, region_prefix(str(code)[:50]), indicator, errors))
        if errors:
            raise AnswerInvalid(errors)
        return raw


def _raw_answer(
    data: Mapping[str, Any], prefix: str, indicator: Any, errors: dict[str, list[str]]
) -> dict[str, Any]:
    """An answer's choice, explanation and figures as a form with this prefix sends them.

    Each part must have the JSON type its kind takes (figure_shape_error); the form's names
    cannot carry a wrong one, and passed on it was read as something else: a list as its last
    element, an object for a count as no figure at all (finding M8). Wrong types go into
    `errors` by the input name answer_clean uses for that part."""
    raw: dict[str, Any] = {}
    for name in ("choice", "explanation"):
        value = data.get(name)
        if value is not None and not _is_scalar(value):
            errors[f"{prefix}{name}"] = [gettext("Expected a text.")]
        raw[f"{prefix}{name}"] = str(value) if _is_scalar(value) else ""
    figures = data.get("figures")
    if figures is None:
        figures = {}
    elif not isinstance(figures, dict):
        errors[f"{prefix}figures"] = [gettext("Expected an object with the figures by their key.")]
        figures = {}
    specs = {spec["key"]: spec for spec in indicator.answer_type.fields}
    labels = indicator.field_labels or {}
    for key, value in figures.items():
        name = f"{prefix}field-{key}"
        spec = specs.get(key)
        if spec is not None and (problem := figure_shape_error(spec["kind"], value)):
            errors[name] = [f"{labels.get(key, spec['label'])}: {problem}"]
        elif isinstance(value, dict):
            for part in ("aantal", "per"):
                raw[f"{name}-{part}"] = "" if value.get(part) is None else str(value[part])
        elif isinstance(value, list):
            raw[name] = [str(v) for v in value]
        elif value is not None:
            raw[name] = str(value)
    return raw


def figure_shape_error(kind: str, value: Any) -> str:
    """Why a figure's JSON value has not the shape of its kind (empty if it has): a frequency
    is {"aantal": n, "per": "maand"}, a multiple choice a list of option keys, every other
    kind one number or text. null leaves the figure out."""
    if value is None:
        return ""
    if kind == "frequentie":
        if (
            isinstance(value, dict)
            and set(value) <= {"aantal", "per"}
            and all(v is None or _is_scalar(v) for v in value.values())
        ):
            return ""
        return gettext('Expected an object with "aantal" (a whole number) and "per".')
    if kind == "meerkeuze":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ""
        return gettext("Expected a list of option keys.")
    if _is_scalar(value):
        return ""
    if kind == "aantal":
        return gettext("Expected a whole number.")
    if kind == "keuze":
        return gettext("Expected one option key.")
    return gettext("Expected an amount.")


def _is_scalar(value: Any) -> bool:
    """A number or a text: what a form field sends (a boolean is neither)."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


class DecisionSerializer(serializers.Serializer):
    """The network's decision on a report put to it."""

    decided_on = serializers.DateField(help_text=_("The date of the network's meeting."))
    decided_by = serializers.CharField(
        max_length=300, help_text=_("Who decided: the network at its meeting, with its chair.")
    )
    note = serializers.CharField(
        max_length=COMMENT_MAX, required=False, allow_blank=True, default=""
    )


class SendBackSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=COMMENT_MAX, help_text=_("Why the report goes back to the rapporteur.")
    )


class CorrectionSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=COMMENT_MAX, help_text=_("Why a new version is needed: what it corrects.")
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=COMMENT_MAX,
        help_text=_("Why the report is withdrawn (for example: wrong period)."),
    )
