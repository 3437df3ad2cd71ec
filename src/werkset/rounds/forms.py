"""The forms of the rounds page: opening a round, moving its deadline."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.models import CatalogueVersion
from werkset.reports.models import validate_period


class DateInput(forms.DateInput):
    """A browser's date picker: its value is always ISO (yyyy-mm-dd), whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RoundOpenForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        validators=[validate_period],
        help_text=_("A year (2025) or a half year (2025-H1 or 2025-H2) that has begun."),
    )
    catalogue_version = forms.ModelChoiceField(
        label=_("Catalogue version"),
        queryset=CatalogueVersion.objects.order_by("-published_on", "-slug"),
        empty_label=None,
        help_text=_("Every report in the round uses this version."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DateInput,
        help_text=_("The date by which the reports are to be finalised by the networks."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogue_version"].initial = CatalogueVersion.objects.order_by(
            "-published_on", "-slug"
        ).first()


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=_("New deadline"), widget=DateInput)
