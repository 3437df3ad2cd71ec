"""Forms for the report pages. Answers are data-driven (their answer type decides the
fields), so their form state is built here and cleaned by answers.answer_clean."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from werkset.regions.models import Organisation

from .answers import (
    DECIMALS,
    AnswerContent,
    answer_is_complete,
    content_of,
    format_dutch_decimal,
    region_prefix,
)
from .limits import COMMENT_MAX, PRACTICE_ITEM_MAX, QUOTE_MAX, SOURCE_DESCRIPTION_MAX
from .models import (
    CommentKind,
    PracticeItem,
    PracticeKind,
    Quote,
    Report,
    SourceDocument,
    validate_period,
)


@dataclass
class FieldState:
    key: str
    name: str
    label: str
    kind: str
    unit: str
    value: Any
    options: list[dict[str, Any]] = field(default_factory=list)
    asked_when: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class AnswerFormState:
    answer: Any
    indicator: Any
    choices: list[dict[str, Any]]
    choice: str
    explanation: str
    fields: list[FieldState]
    perspectives: list[tuple[Any, str]]
    base_revision: int
    complete: bool
    choice_label: str = ""
    figures_display: list[tuple[str, str]] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    conflict: dict[str, Any] | None = None
    # The input names' prefix: empty for the answer, "regio-<code>-" for a region's own.
    prefix: str = ""
    # In a network's report: each region's own answer (where the regions differ).
    regions: list["RegionAnswerState"] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @property
    def html_id(self) -> str:
        own = f"-{self.prefix.rstrip('-')}" if self.prefix else ""
        return f"antwoord-{self.answer.pk}{own}"


@dataclass
class RegionAnswerState:
    """A region's own answer in a network's report: its form state, and whether it has one
    (else the network's answer holds for it)."""

    region: Any
    state: AnswerFormState
    own: bool


FREQUENCY_LABELS = {
    "week": _("per week"),
    "maand": _("per month"),
    "kwartaal": _("per quarter"),
    "jaar": _("per year"),
}


def revision_posted(data: Any, *, missing: int, name: str = "base_revision") -> int:
    """The revision a form was based on (its hidden input `name`): `missing` when the form
    sent none, -1 for anything that is not a revision number (the save then meets a
    conflict, never a blind write)."""
    text = str(data.get(name) or "").strip()
    if not text:
        return missing
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else -1


def figure_display(spec: dict[str, Any], value: Any) -> str:
    """A stored figure as a reader sees it: € 1.234,50 · 12,5 uren per jaar · 2 per maand."""
    if value in (None, "", []):
        return ""
    kind = spec["kind"]
    unit = spec.get("unit", "")
    options = {option["key"]: option["label"] for option in spec.get("options", [])}
    if kind == "euro":
        return f"€ {format_dutch_decimal(value, decimals=2)}"
    if kind in ("uren", "aantal"):
        number = format_dutch_decimal(value, decimals=DECIMALS.get(kind, 0))
        return f"{number} {unit}".strip()
    if kind == "frequentie":
        return f"{value['aantal']} {FREQUENCY_LABELS.get(value['per'], value['per'])}"
    if kind == "keuze":
        return str(options.get(value, value))
    return ", ".join(str(options.get(v, v)) for v in value)


def _display_value(spec: dict[str, Any], value: Any) -> Any:
    if value is None:
        return "" if spec["kind"] not in ("meerkeuze", "frequentie") else None
    if spec["kind"] in DECIMALS:
        return format_dutch_decimal(value, decimals=DECIMALS[spec["kind"]])
    return value


def answer_form_state(
    *,
    answer: Any,
    organisations: list[Organisation],
    submitted: Any | None = None,
    errors: dict[str, list[str]] | None = None,
    conflict: dict[str, Any] | None = None,
    prefix: str = "",
    content: AnswerContent | None = None,
    regions: Sequence[Any] = (),
) -> AnswerFormState:
    """What the answer form shows: the stored answer, or what was just submitted.

    `prefix` and `content`: the form of a region's own answer within it; `regions`: the
    regions of a network's report, each with its own answer's form."""
    indicator = answer.indicator
    answer_type = indicator.answer_type
    if content is None:
        content = content_of(answer)
    if submitted is not None:
        choice = submitted.get(f"{prefix}choice", "")
        explanation = submitted.get(f"{prefix}explanation", "")
    else:
        choice, explanation = content.choice, content.explanation
    fields = []
    for spec in indicator.fields:
        name = f"{prefix}field-{spec['key']}"
        if submitted is not None:
            if spec["kind"] == "meerkeuze":
                value: Any = submitted.getlist(name)
            elif spec["kind"] == "frequentie":
                value = {
                    "aantal": submitted.get(f"{name}-aantal", ""),
                    "per": submitted.get(f"{name}-per", ""),
                }
            else:
                value = submitted.get(name, "")
        else:
            value = _display_value(spec, content.figures.get(spec["key"]))
        fields.append(
            FieldState(
                key=spec["key"],
                name=name,
                label=spec["label"],
                kind=spec["kind"],
                unit=spec.get("unit", ""),
                value=value,
                options=spec.get("options", []),
                asked_when=spec.get("asked_when", []),
                error=" ".join((errors or {}).get(name, [])),
            )
        )
    perspectives = [
        (
            organisation,
            submitted.get(f"perspective-{organisation.code}", "")
            if submitted is not None
            else content.perspectives.get(organisation.code, ""),
        )
        for organisation in organisations
    ]
    base_revision = answer.revision
    if submitted is not None and conflict is None:
        base_revision = revision_posted(submitted, missing=answer.revision)
    choice_labels = {c["key"]: c["label"] for c in answer_type.all_choices}
    return AnswerFormState(
        choice_label=choice_labels.get(content.choice, ""),
        figures_display=[
            (spec["label"], figure_display(spec, content.figures.get(spec["key"])))
            for spec in indicator.fields
            if spec["key"] in content.figures
        ],
        answer=answer,
        indicator=indicator,
        choices=answer_type.all_choices,
        choice=choice,
        explanation=explanation,
        fields=fields,
        perspectives=perspectives,
        base_revision=base_revision,
        complete=answer_is_complete(answer_type, content),
        errors={
            name.removeprefix(prefix): messages
            for name, messages in (errors or {}).items()
            if name.startswith(prefix) and (prefix or not name.startswith("regio-"))
        },
        conflict=conflict,
        prefix=prefix,
        regions=[
            RegionAnswerState(
                region=region,
                state=answer_form_state(
                    answer=answer,
                    organisations=[],
                    submitted=submitted,
                    errors=errors,
                    prefix=region_prefix(region.code),
                    content=AnswerContent.from_dict(content.regional.get(region.code, {})),
                ),
                own=region.code in content.regional,
            )
            for region in regions
        ],
    )


class ReportStartForm(forms.Form):
    """A report starts in an open reporting round (issue 19): the period is one of the open
    rounds, whose catalogue version the report uses. The service checks the round again and
    refuses any other period with its own message."""

    period = forms.CharField(
        label=_("Reporting round"),
        max_length=7,
        validators=[validate_period],
        widget=forms.Select,
        help_text=_(
            "The rounds the national network has opened; the report uses the round's "
            "catalogue version."
        ),
    )
    start_from = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=Report.objects.none(),
        required=False,
        empty_label=_("An empty report"),
        help_text=_("The answers of an earlier report are copied as a starting point, marked."),
    )

    def __init__(
        self,
        *args: Any,
        previous_reports: Any = None,
        open_rounds: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if previous_reports is not None:
            self.fields["start_from"].queryset = previous_reports  # type: ignore[attr-defined]
        period = self.fields["period"].widget
        period.attrs.pop("maxlength", None)  # a select has no length
        period.choices = [
            (
                item.period,
                _("%(period)s — %(version)s, deadline %(deadline)s")
                % {
                    "period": item.period_label,
                    "version": item.catalogue_version,
                    "deadline": date_format(item.deadline, "j F Y"),
                },
            )
            for item in open_rounds
        ]


class PracticeItemForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=PracticeKind.choices)
    text = forms.CharField(
        label=_("Text (Markdown)"), max_length=PRACTICE_ITEM_MAX, widget=forms.Textarea
    )

    class Meta:
        model = PracticeItem
        # The element and own section follow from the place in the text (story_forms.py).
        fields = ["kind", "title", "text", "source"]
        labels = {"title": _("Title"), "text": _("Text (Markdown)"), "source": _("Source")}


class QuoteForm(forms.ModelForm):
    text = forms.CharField(label=_("Quote"), max_length=QUOTE_MAX, widget=forms.Textarea)

    class Meta:
        model = Quote
        fields = ["text", "attribution"]
        labels = {"text": _("Quote"), "attribution": _("Attribution")}


class SourceDocumentForm(forms.ModelForm):
    description = forms.CharField(
        label=_("Description"),
        max_length=SOURCE_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea,
    )

    class Meta:
        model = SourceDocument
        fields = ["title", "description"]
        labels = {"title": _("Title"), "description": _("Description")}


ITEM_FORMS: dict[str, type[forms.ModelForm]] = {
    "praktijk": PracticeItemForm,
    "quote": QuoteForm,
    "bron": SourceDocumentForm,
}


class CommentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=CommentKind.choices, initial=CommentKind.REMARK
    )
    # The browser stops at the limit; the form itself leaves the length to comment_add, whose
    # message says what is wrong (the view answers an invalid form with "write a comment").
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX})
    )
