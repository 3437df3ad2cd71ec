"""The register's forms: thin, every input bounded; the services decide what is valid."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkset.regions.models import Organisation

from .vocabulary import DAYS_TO_DISCUSSION_MAX, NOTE_MAX, MeetingForm, Presence, interventions

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ATTENDANCE_PREFIX = "aanwezig-"


def _organisation_choices() -> list[tuple[str, str]]:
    return list(Organisation.objects.order_by("position", "code").values_list("code", "name"))


class MeetingRecordForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DATE_WIDGET)
    form = forms.ChoiceField(label=_("Form"), choices=MeetingForm.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX}),
        help_text=_(
            "About the meeting itself (agenda, working method), never about a case or a "
            "person: a note with personal data is not saved."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for organisation in Organisation.objects.order_by("position", "code"):
            self.fields[f"{ATTENDANCE_PREFIX}{organisation.code}"] = forms.ChoiceField(
                label=organisation.name,
                choices=Presence.choices,
                # A partner the input does not mention was not there.
                required=False,
                initial=Presence.VAST if organisation.core_partner else Presence.AFWEZIG,
            )
        self.fields["note"] = self.fields.pop("note")

    def attendance(self) -> dict[str, str]:
        return {
            name.removeprefix(ATTENDANCE_PREFIX): value or Presence.AFWEZIG
            for name, value in self.cleaned_data.items()
            if name.startswith(ATTENDANCE_PREFIX)
        }


class CaseRecordForm(forms.Form):
    prefix = "casus"
    brought_by = forms.ChoiceField(label=_("Brought in by"), choices=_organisation_choices)
    days_to_discussion = forms.IntegerField(
        label=_("Days from melding to discussion"),
        min_value=0,
        max_value=DAYS_TO_DISCUSSION_MAX,
    )
    interventions = forms.MultipleChoiceField(
        label=_("Interventions agreed"),
        required=False,
        choices=lambda: list(interventions().items()),
        widget=forms.CheckboxSelectMultiple,
    )


class ActionRecordForm(forms.Form):
    prefix = "actie"
    organisation = forms.ChoiceField(
        label=_("Responsible organisation"), choices=_organisation_choices
    )
    intervention = forms.ChoiceField(
        label=_("Intervention"), choices=lambda: list(interventions().items())
    )
    due_on = forms.DateField(label=_("Due date"), widget=DATE_WIDGET)


class ActionDoneForm(forms.Form):
    prefix = "uitgevoerd"
    done_on = forms.DateField(label=_("Carried out on"), widget=DATE_WIDGET)
