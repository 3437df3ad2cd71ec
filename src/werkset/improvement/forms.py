"""Forms of the improvement cycle: they read the input; the services decide what is allowed."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkset.accounts.models import User
from werkset.catalogue.models import Indicator, Theme
from werkset.regions.models import RegionalNetwork
from werkset.reports.models import Report

from .vocabulary import (
    BUILDING_BLOCK_DESCRIPTIONS,
    BuildingBlock,
    Decision,
    FindingKind,
    Outcome,
    Quadrant,
    theme_needs_building_block,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def current_half_year() -> str:
    today = timezone.localdate()
    return f"{today.year}-H{1 if today.month <= 6 else 2}"


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.element.title}: {obj.label}"


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class ImprovementPointForm(forms.Form):
    title = forms.CharField(
        label=_("Improvement point"),
        max_length=200,
        help_text=_("Short and concrete, e.g. 'Cases are brought in within a week'."),
    )
    description = forms.CharField(
        label=_("What should change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    building_block = forms.ChoiceField(
        label=_("Building block of the Actieoverleg"),
        choices=BuildingBlock.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Choose the building block of the Actieoverleg this point is about: "
                "intake, participants, discussion or follow-up."
            )
        },
    )
    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        help_text=_("A member of the network who sees to it that the point is carried out."),
    )
    target_date = forms.DateField(label=_("Target date"), widget=DateInput())
    indicator = IndicatorChoiceField(
        label=_("Indicator that should show the effect"),
        queryset=Indicator.objects.none(),
        help_text=_("The next report's answer to this indicator is shown beside the evaluation."),
    )

    def __init__(
        self,
        *args: Any,
        theme: Theme,
        owners: QuerySet[Any],
        indicators: QuerySet[Indicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
        if theme_needs_building_block(theme.key):
            self.fields["building_block"].help_text = " · ".join(
                f"{BuildingBlock(key).label}: {text}"
                for key, text in BUILDING_BLOCK_DESCRIPTIONS.items()
            )
        else:
            del self.fields["building_block"]


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    who = forms.CharField(
        label=_("Who"),
        max_length=200,
        required=False,
        help_text=_("A role or organisation, e.g. 'voorzitter Actieoverleg' or 'OM'."),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())


class EvaluationForm(forms.Form):
    period = forms.CharField(
        label=_("Half year"),
        max_length=7,
        help_text=_("For example 2025-H2."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Outcome against the plan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was achieved of what the plan aimed for, and what the figures show."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].initial = current_half_year()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the plan is adjusted or stopped."),
    )
    new_target_date = forms.DateField(
        label=_("New target date"),
        required=False,
        widget=DateInput(),
        help_text=_("Only when the plan is adjusted."),
    )


SWOT_ENTRY_LABELS = {
    Quadrant.STERKTE: _("New strength"),
    Quadrant.ZWAKTE: _("New weakness"),
    Quadrant.KANS: _("New opportunity"),
    Quadrant.BEDREIGING: _("New threat"),
}


class SwotEntryForm(forms.Form):
    text = forms.CharField(label=_("Add"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, quadrant: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if quadrant in SWOT_ENTRY_LABELS:
            self.fields["text"].label = SWOT_ENTRY_LABELS[Quadrant(quadrant)]


class AuditInviteForm(forms.Form):
    report = forms.ModelChoiceField(label=_("Finalised report"), queryset=Report.objects.none())
    auditor_network = forms.ModelChoiceField(
        label=_("Invite network"), queryset=RegionalNetwork.objects.none()
    )
    invitation = forms.CharField(
        label=_("What would you like them to look at?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        reports: QuerySet[Report],
        networks: QuerySet[RegionalNetwork],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = reports  # type: ignore[attr-defined]
        self.fields["auditor_network"].queryset = networks  # type: ignore[attr-defined]


class FindingForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, themes: QuerySet[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes  # type: ignore[attr-defined]


class VerdictForm(forms.Form):
    verdict = forms.CharField(
        label=_("Verdict"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A short conclusion of the audit for the audited network."),
    )


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 3}))
