"""Telling the writer, as soon as a text is saved, what in it looks like personal data.

Every page that saves free text which can reach a document, a comparison, a snapshot or
another reader calls `privacy_warn` with the texts it saved (issue 17); the autosave and
the API answer with the same `privacy_warnings`, and an import lists them as problems.
The text is saved all the same: the rapporteur removes it or records why it is not
personal data, and a report cannot be finalised before that (reports.services)."""

from collections.abc import Iterable

from django.contrib import messages
from django.http import HttpRequest

from .detectors import privacy_warnings


def privacy_warn(request: HttpRequest, *texts: str | None) -> list[str]:
    """Each stretch of the saved texts that looks like personal data, as a warning message."""
    warnings = privacy_warnings(*(text or "" for text in texts))
    for warning in warnings:
        messages.warning(request, warning)
    return warnings


def text_values(values: Iterable[object]) -> list[str]:
    """The free texts among a form's cleaned values (the rest are choices, numbers, files)."""
    return [value for value in values if isinstance(value, str)]
