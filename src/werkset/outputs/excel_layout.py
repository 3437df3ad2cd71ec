"""The layout of a werkset workbook, shared by writing and reading it: the sheet names, the
columns of a theme sheet (with ids that are stored in the workbook) and what each input
cell holds for an answer.

The workbook carries what the import needs to check it: a very hidden sheet with the
report's identity, the column layout of every sheet and the revision of every answer at
download. So a workbook of another report is refused, moved or renamed columns are found
by their header, and a workbook edited offline never silently overwrites an answer that
was changed in werkset after the download. Writing is in excel_writer.py, reading in
excel_reader.py and excel_rows.py, the write side of the import in excel_import.py.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator
from werkset.regions.models import Organisation
from werkset.reports.answers import AnswerContent

WORKBOOK_FORMAT = "werkset-werkboek"
WORKBOOK_FORMAT_VERSION = "1"
INSTRUCTIONS_SHEET = "Toelichting"
META_SHEET = "_werkset"
# Excel reserves "History"; the other two are ours.
RESERVED_TITLES = {INSTRUCTIONS_SHEET.casefold(), META_SHEET.casefold(), "history"}
MAX_TITLE = 31
INVALID_TITLE_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
FIRST_LIST_COLUMN = 7  # lists for the dropdowns start in column G of the hidden sheet


@dataclass(frozen=True)
class Column:
    """A column of a theme sheet; `id` is stable and stored in the workbook, the header is
    what people see (and how a moved column is found again)."""

    id: str
    header: str
    width: float
    role: str  # key, info, choice, field, explanation, perspective
    field_key: str = ""
    field_kind: str = ""
    part: str = ""  # "aantal" or "per" for the two columns of a frequency
    organisation: str = ""

    @property
    def is_input(self) -> bool:
        return self.role in ("choice", "field", "explanation", "perspective")


def field_column_id(key: str, kind: str, part: str = "") -> str:
    return f"field:{kind}:{key}" + (f":{part}" if part else "")


def unique_labels(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def sheet_columns(
    *, indicators: list[Indicator], organisations: list[Organisation]
) -> list[Column]:
    """The fixed columns of a theme sheet: one per field (kind and key) used in the theme,
    two for a frequency, so every indicator of the theme has its cells in the same place."""
    columns = [
        Column("key", _("Key (do not change)"), 24, "key"),
        Column("element", _("Element"), 22, "info"),
        Column("label", _("Label"), 28, "info"),
        Column("question", _("Question"), 60, "info"),
        Column("choice", _("Answer"), 20, "choice"),
    ]
    specs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for indicator in indicators:
        for spec in indicator.fields:
            specs.setdefault((spec["key"], spec["kind"]), []).append(spec)
    for (key, kind), same in specs.items():
        label = " / ".join(unique_labels(s["label"] for s in same))
        unit = " / ".join(unique_labels(s.get("unit", "") for s in same))
        header = f"{label} ({unit})" if unit else label
        if kind == "frequentie":
            columns.append(
                Column(
                    field_column_id(key, kind, "aantal"),
                    _("%(label)s: number") % {"label": label},
                    12,
                    "field",
                    key,
                    kind,
                    "aantal",
                )
            )
            columns.append(
                Column(
                    field_column_id(key, kind, "per"),
                    _("%(label)s: per") % {"label": label},
                    12,
                    "field",
                    key,
                    kind,
                    "per",
                )
            )
            continue
        width = {"euro": 16, "uren": 14, "aantal": 12, "keuze": 24, "meerkeuze": 40}[kind]
        columns.append(Column(field_column_id(key, kind), header, width, "field", key, kind))
    columns.append(Column("explanation", _("Explanation"), 60, "explanation"))
    for organisation in organisations:
        columns.append(
            Column(
                f"perspective:{organisation.code}",
                _("Perspective of %(organisation)s") % {"organisation": organisation.name},
                40,
                "perspective",
                organisation=organisation.code,
            )
        )
    return columns


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet title: at most 31 characters, none of []:*?/\\."""
    title = INVALID_TITLE_CHARACTERS.sub("-", text).strip().strip("'")[:MAX_TITLE].strip()
    title = title or "Thema"
    base, number = title, 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title = base[: MAX_TITLE - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(title.casefold())
    return title


def column_spec(indicator: Indicator, column: Column) -> dict[str, Any] | None:
    """The indicator's field behind a field column, or None (a grey cell)."""
    for spec in indicator.fields:
        if spec["key"] == column.field_key and spec["kind"] == column.field_kind:
            return spec
    return None


def option_label(options: list[dict[str, str]], key: str) -> str:
    return next((o["label"] for o in options if o["key"] == key), key)


def _number(value: Any) -> Any:
    """A stored decimal string as a number for the cell (left as text if it is none)."""
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return str(value)


def cell_values(
    *, indicator: Indicator, content: AnswerContent, columns: list[Column]
) -> dict[str, Any]:
    """What the input cells of an indicator's row hold for this content (None: empty)."""
    values: dict[str, Any] = {}
    answer_type = indicator.answer_type
    for column in columns:
        value: Any = None
        if column.role == "choice":
            if content.choice:
                value = option_label(answer_type.all_choices, content.choice)
        elif column.role == "explanation":
            value = content.explanation or None
        elif column.role == "perspective":
            value = content.perspectives.get(column.organisation) or None
        elif column.role == "field":
            spec = column_spec(indicator, column)
            figure = content.figures.get(column.field_key) if spec else None
            if spec is None or figure in (None, "", []):
                value = None
            elif column.field_kind in ("euro", "uren"):
                value = _number(figure)
            elif column.field_kind == "frequentie":
                value = figure.get(column.part) if isinstance(figure, dict) else None
            elif column.field_kind == "keuze":
                value = option_label(spec["options"], str(figure))
            elif column.field_kind == "meerkeuze":
                keys = figure if isinstance(figure, list) else [figure]
                separator = list_separator(spec["options"])
                value = separator.join(option_label(spec["options"], str(k)) for k in keys)
            else:
                value = figure
        else:
            continue
        values[column.id] = value
    return values


def list_separator(options: list[dict[str, str]]) -> str:
    return "; " if any("," in o["label"] for o in options) else ", "
