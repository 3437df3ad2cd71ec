"""The form of one region's inventory, built from the instrument (nothing hard-coded)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CharacteristicVerdict, Inventory, Participation
from .selectors import RegionPicture
from .services import MAX_EXPLANATION, MAX_SUMMARY, RecordInput

EMPTY = [("", _("not answered"))]


class RecordForm(forms.Form):
    """Characteristics (ja / deels / nee with explanation), participants, frequency, the
    nuance "net gestart", the coded questions and a summary."""

    def __init__(self, *args: Any, inventory: Inventory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instrument = inventory.instrument
        self.instrument = instrument
        for c in instrument.characteristics:
            self.fields[f"kenmerk-{c.key}"] = forms.ChoiceField(
                label=c.title,
                choices=EMPTY + list(CharacteristicVerdict.choices),
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"toelichting-{c.key}"] = forms.CharField(
                label=_("Explanation"),
                max_length=MAX_EXPLANATION,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for p in instrument.partners:
            self.fields[f"deelname-{p.key}"] = forms.ChoiceField(
                label=p.title,
                choices=EMPTY + list(Participation.choices),
                required=False,
            )
        self.fields["frequentie"] = forms.ChoiceField(
            label=_("How often the meeting is held"),
            choices=EMPTY + [(f.key, f.title) for f in instrument.frequencies],
            required=False,
        )
        self.fields["net_gestart"] = forms.BooleanField(
            label=_("Just started (in the year of the inventory)"), required=False
        )
        for q in instrument.questions:
            self.fields[f"codes-{q.key}"] = forms.MultipleChoiceField(
                label=q.title,
                choices=[
                    (category.title, [(code.key, code.title) for code in category.codes])
                    for category in instrument.categories_of(q.key)
                ],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        self.fields["samenvatting"] = forms.CharField(
            label=_("Summary"),
            max_length=MAX_SUMMARY,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def characteristic_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"kenmerk-{c.key}"], self[f"toelichting-{c.key}"])
            for c in self.instrument.characteristics
        ]

    def partner_fields(self) -> list[forms.BoundField]:
        return [self[f"deelname-{p.key}"] for p in self.instrument.partners]

    def code_fields(self) -> list[forms.BoundField]:
        return [self[f"codes-{q.key}"] for q in self.instrument.questions]

    def record_input(self) -> RecordInput:
        data = self.cleaned_data
        return RecordInput(
            characteristics={
                c.key: (data[f"kenmerk-{c.key}"], data[f"toelichting-{c.key}"])
                for c in self.instrument.characteristics
            },
            participants={
                p.key: data[f"deelname-{p.key}"]
                for p in self.instrument.partners
                if data[f"deelname-{p.key}"]
            },
            frequency=data["frequentie"],
            just_started=data["net_gestart"],
            codes=frozenset(
                code for q in self.instrument.questions for code in data[f"codes-{q.key}"]
            ),
            summary=data["samenvatting"],
        )


def initial_of(picture: RegionPicture, inventory: Inventory) -> dict[str, Any]:
    """The form's initial values from what is recorded about the region."""
    instrument = inventory.instrument
    initial: dict[str, Any] = {
        "frequentie": picture.frequency,
        "net_gestart": picture.just_started,
        "samenvatting": picture.record.summary if picture.record is not None else "",
    }
    for c in instrument.characteristics:
        verdict, text = picture.characteristics.get(c.key, ("", ""))
        initial[f"kenmerk-{c.key}"] = verdict
        initial[f"toelichting-{c.key}"] = text
    for p in instrument.partners:
        initial[f"deelname-{p.key}"] = picture.participants.get(p.key, "")
    for q in instrument.questions:
        keys = {code.key for cat in instrument.categories_of(q.key) for code in cat.codes}
        initial[f"codes-{q.key}"] = sorted(picture.codes & keys)
    return initial


class ResearcherForm(forms.Form):
    username = forms.CharField(label=_("User name of the researcher"), max_length=150)
