"""A report as a workbook to fill in offline: a Toelichting, one sheet per theme prefilled
with the current answers, dropdowns and checks on the input cells, and a very hidden sheet
with what the import needs to read it back safely (see excel_layout.py)."""

import io
import math
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from werkset.catalogue.models import Indicator, Theme
from werkset.regions.models import Organisation
from werkset.reports.answers import FREQUENCY_PERIODS, AnswerContent
from werkset.reports.models import Report
from werkset.reports.policy import perspective_organisations

from .excel_instructions import workbook_instructions
from .excel_layout import (
    FIRST_LIST_COLUMN,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    RESERVED_TITLES,
    WORKBOOK_FORMAT,
    WORKBOOK_FORMAT_VERSION,
    Column,
    cell_values,
    column_spec,
    list_separator,
    option_label,
    sheet_columns,
    sheet_title,
)

NUMBER_FORMATS = {"euro": "€ #,##0.00", "uren": "#,##0.0", "aantal": "0"}
TEXT_FORMAT = "@"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
QUESTION_FILL = PatternFill("solid", fgColor="F2F2F2")
NOT_APPLICABLE_FILL = PatternFill("solid", fgColor="BFBFBF")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
PROMPT_MAX = 255  # Excel's limit for a data validation's input message
PROMPT_TITLE_MAX = 32


def _element_caption(indicator: Indicator) -> str:
    parts = [indicator.element.title]
    if indicator.value_category:
        parts.append(indicator.version.value_category_title(indicator.value_category))
    if indicator.group:
        parts.append(indicator.group)
    return " · ".join(parts)


def _question_text(indicator: Indicator) -> str:
    return f"{indicator.question}\n\n{indicator.help}" if indicator.help else indicator.question


class _Lists:
    """Dropdown lists, kept in columns of the hidden sheet and referenced by range, so labels
    may be long or contain commas (an inline list may not)."""

    def __init__(self, sheet: Any):
        self.sheet = sheet
        self.formulas: dict[tuple[str, ...], str] = {}

    def formula(self, labels: list[str]) -> str:
        key = tuple(labels)
        if key not in self.formulas:
            column = FIRST_LIST_COLUMN + len(self.formulas)
            letter = get_column_letter(column)
            for row, label in enumerate(labels, start=1):
                self.sheet.cell(row=row, column=column, value=label)
            self.formulas[key] = (
                f"{quote_sheetname(META_SHEET)}!${letter}$1:${letter}${len(labels)}"
            )
        return self.formulas[key]


class _Validations:
    """Data validations grouped by their rule, so a sheet has a few instead of hundreds."""

    def __init__(self) -> None:
        self.rules: dict[tuple[Any, ...], DataValidation] = {}

    def add(self, coordinate: str, *, prompt: str = "", **rule: Any) -> None:
        key = (tuple(sorted(rule.items())), prompt)
        validation = self.rules.get(key)
        if validation is None:
            validation = DataValidation(
                allow_blank=True,
                showErrorMessage="type" in rule,
                showInputMessage=bool(prompt),
                prompt=prompt[:PROMPT_MAX] or None,
                **rule,
            )
            self.rules[key] = validation
        validation.add(coordinate)

    def attach(self, sheet: Any) -> None:
        for validation in self.rules.values():
            sheet.add_data_validation(validation)


def _set_text(cell: Any, value: Any) -> None:
    """Store text as text: an explanation that starts with '=' is no formula."""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value


def _field_prompt(spec: dict[str, Any], indicator: Indicator, part: str = "") -> str:
    label = spec["label"]
    unit = spec.get("unit", "")
    text = f"{label} ({unit})" if unit else label
    kind = spec["kind"]
    if kind == "euro":
        text += ". " + _("An amount in euro, for example 1.234,50.")
    elif kind == "uren":
        text += ". " + _("Hours, at most one decimal.")
    elif kind == "aantal" or part == "aantal":
        text += ". " + _("A whole number.")
    elif part == "per":
        text += ". " + _("Per week, maand, kwartaal or jaar.")
    elif kind == "meerkeuze":
        separator = list_separator(spec["options"])
        text += ". " + _("Any of, separated by commas: %(options)s.") % {
            "options": separator.join(o["label"] for o in spec["options"])
        }
    if "asked_when" in spec:
        choices = [option_label(indicator.answer_type.all_choices, c) for c in spec["asked_when"]]
        text += " " + _("Only with the answer %(choices)s.") % {"choices": " / ".join(choices)}
    if spec.get("required"):
        text += " " + _("Required.")
    return text


def _estimated_height(texts: list[tuple[str, float]]) -> float:
    """Excel does not grow wrapped rows on its own when a file is opened; estimate."""
    lines = 1
    for text, width in texts:
        per_line = max(int(width * 1.1), 10)
        count = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    return 15.0 * min(lines, 20)


def _write_theme_sheet(
    *,
    sheet: Any,
    indicators: list[Indicator],
    columns: list[Column],
    contents: Mapping[int, AnswerContent],
    lists: _Lists,
) -> None:
    validations = _Validations()
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        _set_text(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.column_dimensions["A"].hidden = True
    sheet.row_dimensions[1].height = 60
    sheet.freeze_panes = "D2"

    for row, indicator in enumerate(indicators, start=2):
        answer_type = indicator.answer_type
        content = contents.get(indicator.pk, AnswerContent())
        values = cell_values(indicator=indicator, content=content, columns=columns)
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=row, column=index)
            coordinate = cell.coordinate
            cell.alignment = TOP
            if column.role == "key":
                _set_text(cell, indicator.key)
            elif column.role == "info":
                text = {
                    "element": _element_caption(indicator),
                    "label": indicator.label,
                    "question": _question_text(indicator),
                }[column.id]
                _set_text(cell, text)
                cell.fill = QUESTION_FILL
                cell.alignment = WRAP
            elif column.role == "choice":
                _set_text(cell, values[column.id])
                cell.protection = UNLOCKED
                cell.number_format = TEXT_FORMAT
                labels = [c["label"] for c in answer_type.all_choices]
                validations.add(
                    coordinate,
                    type="list",
                    formula1=lists.formula(labels),
                    errorStyle="stop",
                    error=_("Choose one of the answers in the list."),
                )
            elif column.role == "field":
                spec = column_spec(indicator, column)
                if spec is None:
                    cell.fill = NOT_APPLICABLE_FILL
                    continue
                _write_field_cell(cell, column, spec, indicator, values, lists, validations)
            else:
                _set_text(cell, values[column.id])
                cell.protection = UNLOCKED
                cell.number_format = TEXT_FORMAT
                cell.alignment = WRAP
        sheet.row_dimensions[row].height = _estimated_height(
            [
                (_question_text(indicator), 60),
                (content.explanation, 60),
                *((text, 40) for text in content.perspectives.values()),
            ]
        )
    validations.attach(sheet)
    _protect(sheet)


def _write_field_cell(
    cell: Any,
    column: Column,
    spec: dict[str, Any],
    indicator: Indicator,
    values: Mapping[str, Any],
    lists: _Lists,
    validations: _Validations,
) -> None:
    coordinate = cell.coordinate
    kind = column.field_kind
    _set_text(cell, values[column.id])
    cell.protection = UNLOCKED
    prompt = _field_prompt(spec, indicator, column.part)
    if kind in ("euro", "uren"):
        cell.number_format = NUMBER_FORMATS[kind]
        validations.add(
            coordinate,
            prompt=prompt,
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            errorStyle="stop",
            error=_("Enter a number of zero or more."),
        )
    elif kind == "aantal" or column.part == "aantal":
        cell.number_format = NUMBER_FORMATS["aantal"]
        validations.add(
            coordinate,
            prompt=prompt,
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            errorStyle="stop",
            error=_("Enter a whole number of zero or more."),
        )
    elif column.part == "per":
        cell.number_format = TEXT_FORMAT
        validations.add(
            coordinate,
            prompt=prompt,
            type="list",
            formula1=lists.formula(list(FREQUENCY_PERIODS)),
            errorStyle="stop",
            error=_("Choose per week, month, quarter or year."),
        )
    elif kind == "keuze":
        cell.number_format = TEXT_FORMAT
        validations.add(
            coordinate,
            prompt=prompt,
            type="list",
            formula1=lists.formula([o["label"] for o in spec["options"]]),
            errorStyle="stop",
            error=_("Choose one of the options."),
        )
    else:
        cell.number_format = TEXT_FORMAT
        cell.alignment = WRAP
        validations.add(coordinate, prompt=prompt)


def _protect(sheet: Any) -> None:
    """A guard against accidents, not security: no password, resizing allowed."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _write_instructions(sheet: Any, lines: list[tuple[str, str]]) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, (style, text) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1)
        _set_text(cell, text)
        cell.alignment = WRAP
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = Font(bold=True, size=12)
            sheet.row_dimensions[row].height = 24
        else:
            sheet.row_dimensions[row].height = _estimated_height([(text, 110)])
    _protect(sheet)


def _report_indicators(report: Report) -> list[Indicator]:
    return list(
        Indicator.objects.filter(version=report.catalogue_version)
        .select_related("answer_type", "element", "theme", "version")
        .order_by("position")
    )


def report_workbook(*, report: Report) -> bytes:
    """The report as a workbook to fill in: a Toelichting, one sheet per theme, prefilled
    with the current answers, and a very hidden sheet that makes the round trip safe."""
    answers = list(report.answers.all())
    contents = {
        a.indicator_id: AnswerContent(a.choice, a.explanation, a.figures, a.perspectives)
        for a in answers
    }
    revisions = {a.indicator_id: a.revision for a in answers}
    # A column for every organisation a form of this report asks (reports.policy).
    stored = {code: text for a in answers for code, text in a.perspectives.items()}
    organisations = perspective_organisations(
        stored=stored, organisations=Organisation.objects.order_by("position", "name")
    )
    indicators = _report_indicators(report)
    themes = list(report.catalogue_version.themes.order_by("position"))

    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    lists = _Lists(meta)

    taken = set(RESERVED_TITLES)
    sheets: list[tuple[str, Theme, list[Column], list[Indicator]]] = []
    for theme in themes:
        theme_indicators = [i for i in indicators if i.theme_id == theme.pk]
        columns = sheet_columns(indicators=theme_indicators, organisations=organisations)
        title = sheet_title(theme.short_title, taken)
        sheets.append((title, theme, columns, theme_indicators))
        sheet = workbook.create_sheet(title)
        _write_theme_sheet(
            sheet=sheet,
            indicators=theme_indicators,
            columns=columns,
            contents=contents,
            lists=lists,
        )
    workbook.move_sheet(META_SHEET, offset=len(themes))

    rows: list[list[str]] = [
        ["format", WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION],
        ["catalogue", report.catalogue_version.slug],
        ["region", report.region.code, report.region.name] if report.region else ["region", ""],
        ["network", report.network.code, report.network.name],
        ["period", report.period],
        ["number", str(report.number)],
        ["report_id", str(report.pk)],
        ["status", report.status],
        ["exported_at", timezone.now().isoformat()],
    ]
    for title, theme, columns, _indicators in sheets:
        rows.append(["sheet", title, theme.key])
        rows.extend(["column", title, column.id, column.header] for column in columns)
    rows.extend(
        ["revision", indicator.key, str(revisions.get(indicator.pk, 0))] for indicator in indicators
    )
    for row_number, values in enumerate(rows, start=1):
        for column_number, value in enumerate(values, start=1):
            _set_text(meta.cell(row=row_number, column=column_number), value)
    _protect(meta)

    _write_instructions(instructions, workbook_instructions(report=report, sheets=sheets))
    workbook.active = 0
    workbook.properties.title = str(report)
    workbook.properties.creator = "werkset"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
