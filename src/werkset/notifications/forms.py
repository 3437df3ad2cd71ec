from typing import Any

from django import forms

from . import kinds
from .selectors import PreferenceRow

FIELD_PREFIX = "mail_"


class PreferencesForm(forms.Form):
    """One checkbox per kind of notification: also by mail (in the product: always)."""

    def __init__(self, *args: Any, rows: list[PreferenceRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[FIELD_PREFIX + row.kind.key] = forms.BooleanField(
                label=row.kind.label, required=False, initial=row.mail
            )

    def mail_choices(self) -> dict[str, bool]:
        return {
            name.removeprefix(FIELD_PREFIX): bool(value)
            for name, value in self.cleaned_data.items()
            if name.removeprefix(FIELD_PREFIX) in kinds.KINDS
        }
