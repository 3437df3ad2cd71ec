"""Text that a spreadsheet program opens as text, never as a formula (CSV injection).

A value from a user (a name from single sign-on, a summary) that starts with =, +, -, @, a
tab or a carriage return would be run as a formula when a CSV file is opened in Excel or
LibreOffice. Such a value gets an apostrophe in front, which both show as plain text."""

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: Any) -> Any:
    """The value, made inert if it is text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    return [spreadsheet_text(value) for value in values]
