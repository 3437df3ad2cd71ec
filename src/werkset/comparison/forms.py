"""Forms of the comparison pages: choosing what to compare, and the report's own assessment.

An assessment is given (a level, a verdict), left open (empty: not assessed yet), or
consciously marked "niet beoordeeld" (NOT_ASSESSED), which needs its reason (issue 19)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import Theme
from werkset.reports.limits import COMMENT_MAX, EXPLANATION_MAX

from .models import CriterionAnswer, MaturityLevel, ThemeMaturity, Verdict
from .services import CriterionInput, MaturityInput
from .vocabulary import BOTTLENECK_CHOICES, CRITERIA

NOT_ASSESSED = "niet-beoordeeld"


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason it is not assessed (only with “not assessed”)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=COMMENT_MAX,
    )


class _AssessmentForm(forms.Form):
    """The rule both assessments share: "niet beoordeeld" only with a reason."""

    choice_field = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(self.choice_field) == NOT_ASSESSED and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Give the reason why this is not assessed, or assess it after all.")
            )
        return data

    @property
    def not_assessed_reason(self) -> str:
        """The reason to store: only with "niet beoordeeld"."""
        if self.cleaned_data.get(self.choice_field) != NOT_ASSESSED:
            return ""
        return str(self.cleaned_data.get("reason", "")).strip()


class MaturityForm(_AssessmentForm):
    """Maturity of one theme of the report (prefix = theme key)."""

    choice_field = "level"
    level = forms.ChoiceField(
        label=_("Maturity"),
        choices=[
            ("", _("Not assessed yet")),
            *[(str(value), label) for value, label in MaturityLevel.choices],
            (NOT_ASSESSED, _("Not assessed (give the reason)")),
        ],
        required=False,
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=EXPLANATION_MAX,
    )
    reason = _reason_field()

    def __init__(
        self, *args: Any, theme: Theme, current: ThemeMaturity | None = None, **kwargs: Any
    ) -> None:
        kwargs["prefix"] = f"m-{theme.key}"
        if current is not None:
            kwargs.setdefault(
                "initial",
                {
                    "level": str(current.level) if current.level else NOT_ASSESSED,
                    "motivation": current.motivation,
                    "reason": current.not_assessed_reason,
                },
            )
        super().__init__(*args, **kwargs)
        self.theme = theme

    @property
    def level_value(self) -> int | None:
        value = self.cleaned_data.get("level")
        return int(value) if value and value != NOT_ASSESSED else None

    def as_input(self) -> MaturityInput:
        """What the services save (a valid form)."""
        return MaturityInput(
            level=self.level_value,
            motivation=self.cleaned_data["motivation"],
            not_assessed_reason=self.not_assessed_reason,
        )


class CriterionForm(_AssessmentForm):
    choice_field = "verdict"
    verdict = forms.ChoiceField(
        label=_("Met"),
        choices=[
            ("", _("Not assessed yet")),
            *Verdict.choices,
            (NOT_ASSESSED, _("Not assessed (give the reason)")),
        ],
        required=False,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=EXPLANATION_MAX,
    )
    reason = _reason_field()

    def __init__(
        self, *args: Any, criterion: str, current: CriterionAnswer | None = None, **kwargs: Any
    ) -> None:
        kwargs["prefix"] = f"c-{criterion}"
        if current is not None:
            kwargs.setdefault(
                "initial",
                {
                    "verdict": current.verdict or NOT_ASSESSED,
                    "explanation": current.explanation,
                    "reason": current.not_assessed_reason,
                },
            )
        super().__init__(*args, **kwargs)
        self.criterion = next(c for c in CRITERIA if c.key == criterion)

    @property
    def verdict_value(self) -> str:
        value = str(self.cleaned_data.get("verdict") or "")
        return "" if value == NOT_ASSESSED else value

    def as_input(self) -> CriterionInput:
        """What the services save (a valid form)."""
        return CriterionInput(
            criterion=self.criterion.key,
            verdict=self.verdict_value,
            explanation=self.cleaned_data["explanation"],
            not_assessed_reason=self.not_assessed_reason,
        )


class BottleneckForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=_("Bottlenecks"),
        choices=BOTTLENECK_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, answer_id: int, **kwargs: Any) -> None:
        kwargs["prefix"] = f"a-{answer_id}"
        super().__init__(*args, **kwargs)
        self.answer_id = answer_id
