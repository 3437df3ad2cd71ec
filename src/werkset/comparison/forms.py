"""Forms of the comparison pages: choosing what to compare, and the report's own assessment."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import Theme

from .models import MaturityLevel, Verdict
from .vocabulary import BOTTLENECK_CHOICES, CRITERIA


class MaturityForm(forms.Form):
    """Maturity of every theme of the report (prefix = theme key)."""

    level = forms.TypedChoiceField(
        label=_("Maturity"),
        choices=[("", _("Not assessed")), *MaturityLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    motivation = forms.CharField(
        label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        kwargs["prefix"] = f"m-{theme.key}"
        super().__init__(*args, **kwargs)
        self.theme = theme


class CriterionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Met"), choices=[("", _("Not assessed")), *Verdict.choices], required=False
    )
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, criterion: str, **kwargs: Any) -> None:
        kwargs["prefix"] = f"c-{criterion}"
        super().__init__(*args, **kwargs)
        self.criterion = next(c for c in CRITERIA if c.key == criterion)


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
