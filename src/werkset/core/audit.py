"""Which actions the audit log knows: each app declares its own, core does not list them.

An app declares its actions as a `TextChoices` in its own `audit.py` and registers them with
`audit_actions.register(...)`; core's `AppConfig.ready` imports every app's `audit.py`, so the
registry is complete before the first request. `AuditEvent.action` is a plain CharField
validated against this registry (no `choices` tied to one enum), and the labels shown in the
admin come from here. A value means one thing for ever: registering it again with another
label is an error, so existing rows keep their meaning (ADR 14).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AuditActions:
    """The registry: action value → label, in registration order."""

    def __init__(self) -> None:
        self._labels: dict[str, Promise | str] = {}

    def register(self, actions: type[models.TextChoices]) -> type[models.TextChoices]:
        """Add an app's actions; returns the enum, so it can decorate the class."""
        for value, label in zip(actions.values, actions.labels, strict=True):
            known = self._labels.get(value)
            if known is not None and str(known) != str(label):
                raise ValueError(f"Audit action {value!r} is registered with another label.")
            if len(value) > 40:
                raise ValueError(f"Audit action {value!r} is longer than 40 characters.")
            self._labels[value] = label
        return actions

    def __contains__(self, value: object) -> bool:
        return value in self._labels

    def label(self, value: str) -> str:
        """The label of an action; the value itself for one no app declares (any more)."""
        label = self._labels.get(value)
        return str(label) if label is not None else value

    def choices(self) -> list[tuple[str, str]]:
        return sorted(((v, str(label)) for v, label in self._labels.items()), key=lambda c: c[1])


audit_actions = AuditActions()


def validate_audit_action(value: str) -> None:
    """Model-field validator: only a registered action goes into the log."""
    if value not in audit_actions:
        raise ValidationError(
            _("Unknown audit action %(value)s."), code="unknown_action", params={"value": value}
        )
