"""One row of a theme sheet as an answer: its cells as the raw mapping the web form posts,
cleaned by answer_clean (so the rules are those of the form), with every problem at its
cell. Pure: nothing here writes."""

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator
from werkset.regions.models import Organisation
from werkset.reports.answers import (
    FREQUENCY_PERIODS,
    AnswerContent,
    AnswerInvalid,
    answer_clean,
    asked_fields,
)

from .excel_layout import Column, cell_values, column_spec, option_label, sheet_columns
from .problems import ImportProblem


def cell_text(value: Any) -> str:
    """A cell as the text the form would post: numbers in Dutch notation, so that 1.5 hours
    is never read as fifteen hundred, and whole floats as whole numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("TRUE") if value else _("FALSE")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        number = Decimal(repr(value)) if isinstance(value, float) else value
        if number == number.to_integral_value():
            return str(int(number))
        return format(number, "f").replace(".", ",")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def _lookup(options: list[dict[str, str]], text: str) -> str:
    """A label (or key) back to its key, ignoring case; unknown text is passed on as it is,
    so answer_clean reports it."""
    folded = text.casefold()
    for option in options:
        if folded in (option["label"].casefold(), option["key"].casefold()):
            return option["key"]
    return text


def _split_options(options: list[dict[str, str]], text: str) -> list[str]:
    """A comma-separated list of labels back to keys; labels that contain a comma win."""
    labels = {o["label"].casefold(): o["key"] for o in options}
    keys = {o["key"].casefold(): o["key"] for o in options}
    result: list[str] = []
    for part in re.split(r"[;\n]", text):
        pieces = [p.strip() for p in part.split(",")]
        start = 0
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                candidate = ", ".join(pieces[start:end]).casefold()
                if candidate in labels:
                    result.append(labels[candidate])
                    start = end
                    break
            else:
                piece = pieces[start]
                if piece:
                    result.append(keys.get(piece.casefold(), piece))
                start += 1
    return result


def row_raw(
    *, indicator: Indicator, columns: list[Column], values: Mapping[str, Any]
) -> dict[str, Any]:
    """The row's cells as the raw mapping answer_clean takes (the web form's names)."""
    raw: dict[str, Any] = {}
    for column in columns:
        if column.id not in values:
            continue
        text = cell_text(values[column.id])
        if column.role == "choice":
            raw["choice"] = _lookup(indicator.answer_type.all_choices, text) if text else ""
        elif column.role == "explanation":
            raw["explanation"] = "" if values[column.id] is None else str(values[column.id])
        elif column.role == "perspective":
            raw[f"perspective-{column.organisation}"] = text
        elif column.role == "field":
            spec = column_spec(indicator, column)
            if spec is None:
                continue
            name = f"field-{column.field_key}"
            if column.field_kind == "frequentie":
                if column.part == "per":
                    text = text.casefold() if text.casefold() in FREQUENCY_PERIODS else text
                raw[f"{name}-{column.part}"] = text
            elif column.field_kind == "keuze":
                raw[name] = _lookup(spec["options"], text) if text else ""
            elif column.field_kind == "meerkeuze":
                raw[name] = _split_options(spec["options"], text)
            else:
                raw[name] = text
    return raw


def content_comparable(
    *, indicator: Indicator, content: AnswerContent, organisations: list[Organisation]
) -> AnswerContent:
    """A stored answer as it would come back from its own workbook row, so an untouched row
    counts as unchanged even if the stored form differs in order or notation."""
    columns = sheet_columns(indicators=[indicator], organisations=organisations)
    codes = frozenset(o.code for o in organisations)
    values = cell_values(indicator=indicator, content=content, columns=columns)
    raw = row_raw(indicator=indicator, columns=columns, values=values)
    try:
        return answer_clean(
            answer_type=indicator.answer_type,
            raw=raw,
            field_labels=indicator.field_labels,
            organisation_codes=codes,
        )
    except AnswerInvalid:
        return content


def check_row(
    *,
    problems: list[ImportProblem],
    title: str,
    indicator: Indicator,
    columns: list[Column],
    values: Mapping[str, Any],
    coordinates: Mapping[str, str],
    codes: frozenset[str],
) -> AnswerContent | None:
    """Clean one row with answer_clean; report its errors at their cells, and warn about
    figures that would be dropped because they do not belong with the answer."""
    answer_type = indicator.answer_type
    raw = row_raw(indicator=indicator, columns=columns, values=values)
    try:
        content = answer_clean(
            answer_type=answer_type,
            raw=raw,
            field_labels=indicator.field_labels,
            organisation_codes=codes,
        )
    except AnswerInvalid as exc:
        for name, messages in exc.errors.items():
            cell = coordinates.get(_column_for_error(name, raw, columns), coordinates["key"])
            problems.extend(ImportProblem(title, cell, message) for message in messages)
        if "choice" not in exc.errors:
            _check_unasked(problems, title, indicator, columns, values, coordinates, raw)
        return None
    _check_unasked(problems, title, indicator, columns, values, coordinates, raw)
    return content


def _check_unasked(
    problems: list[ImportProblem],
    title: str,
    indicator: Indicator,
    columns: list[Column],
    values: Mapping[str, Any],
    coordinates: Mapping[str, str],
    raw: Mapping[str, Any],
) -> None:
    answer_type = indicator.answer_type
    choice = str(raw.get("choice", ""))
    asked = {spec["key"] for spec in asked_fields(answer_type, choice)}
    for column in columns:
        if column.role != "field" or not cell_text(values.get(column.id)):
            continue
        spec = column_spec(indicator, column)
        cell = coordinates[column.id]
        if spec is None:
            problems.append(
                ImportProblem(
                    title,
                    cell,
                    _("This cell does not belong to this question; it is not read."),
                    warning=True,
                )
            )
        elif spec["key"] not in asked:
            wanted = " / ".join(
                option_label(answer_type.all_choices, c) for c in spec.get("asked_when", [])
            )
            if not choice and answer_type.choices:
                problems.append(
                    ImportProblem(
                        title,
                        cell,
                        _("%(label)s belongs with the answer %(choices)s: choose an answer.")
                        % {"label": spec["label"], "choices": wanted},
                    )
                )
            else:
                problems.append(
                    ImportProblem(
                        title,
                        cell,
                        _("%(label)s is not saved with the answer %(choice)s.")
                        % {
                            "label": spec["label"],
                            "choice": option_label(answer_type.all_choices, choice),
                        },
                        warning=True,
                    )
                )


def _column_for_error(name: str, raw: Mapping[str, Any], columns: list[Column]) -> str:
    """The column whose cell an answer_clean error belongs to."""
    if name in ("choice", "explanation"):
        return name
    if name.startswith("perspective-"):
        return f"perspective:{name.removeprefix('perspective-')}"
    key = name.removeprefix("field-")
    for column in columns:
        if column.role != "field" or column.field_key != key:
            continue
        if column.field_kind != "frequentie":
            return column.id
        period = str(raw.get(f"{name}-per", "")).strip()
        if column.part == ("aantal" if period in FREQUENCY_PERIODS else "per"):
            return column.id
    return "key"
