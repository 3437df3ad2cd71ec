"""The Excel round trip: a report as a workbook to fill in offline, and reading it back.

The workbook carries what the import needs to check it: a very hidden sheet with the
report's identity, the column layout of every sheet and the revision of every answer at
download. So a workbook of another report is refused, moved or renamed columns are found
by their header, and a workbook edited offline never silently overwrites an answer that
was changed in werkset after the download.

Reading is pure (no writes): every cell becomes the same raw mapping the web form posts,
and answer_clean decides, so the rules are those of the form. The write side is in
importing.py.
"""

import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.datavalidation import DataValidation

from werkset.catalogue.models import Indicator, Theme
from werkset.regions.models import Organisation
from werkset.reports.answers import (
    FREQUENCY_PERIODS,
    AnswerContent,
    AnswerInvalid,
    answer_clean,
    asked_fields,
)
from werkset.reports.models import Report

from .importing import ImportProblem, ImportRefused

WORKBOOK_FORMAT = "werkset-werkboek"
WORKBOOK_FORMAT_VERSION = "1"
INSTRUCTIONS_SHEET = "Toelichting"
META_SHEET = "_werkset"
# Excel reserves "History"; the other two are ours.
RESERVED_TITLES = {INSTRUCTIONS_SHEET.casefold(), META_SHEET.casefold(), "history"}
MAX_TITLE = 31
INVALID_TITLE_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
FIRST_LIST_COLUMN = 7  # lists for the dropdowns start in column G of the hidden sheet

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


def _unique(values: Iterable[str]) -> list[str]:
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
        label = " / ".join(_unique(s["label"] for s in same))
        unit = " / ".join(_unique(s.get("unit", "") for s in same))
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


def _spec(indicator: Indicator, column: Column) -> dict[str, Any] | None:
    """The indicator's field behind a field column, or None (a grey cell)."""
    for spec in indicator.fields:
        if spec["key"] == column.field_key and spec["kind"] == column.field_kind:
            return spec
    return None


def _element_caption(indicator: Indicator) -> str:
    parts = [indicator.element.title]
    if indicator.value_category:
        parts.append(indicator.version.value_category_title(indicator.value_category))
    if indicator.group:
        parts.append(indicator.group)
    return " · ".join(parts)


def _question_text(indicator: Indicator) -> str:
    return f"{indicator.question}\n\n{indicator.help}" if indicator.help else indicator.question


def _label_of(options: list[dict[str, str]], key: str) -> str:
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
                value = _label_of(answer_type.all_choices, content.choice)
        elif column.role == "explanation":
            value = content.explanation or None
        elif column.role == "perspective":
            value = content.perspectives.get(column.organisation) or None
        elif column.role == "field":
            spec = _spec(indicator, column)
            figure = content.figures.get(column.field_key) if spec else None
            if spec is None or figure in (None, "", []):
                value = None
            elif column.field_kind in ("euro", "uren"):
                value = _number(figure)
            elif column.field_kind == "frequentie":
                value = figure.get(column.part) if isinstance(figure, dict) else None
            elif column.field_kind == "keuze":
                value = _label_of(spec["options"], str(figure))
            elif column.field_kind == "meerkeuze":
                keys = figure if isinstance(figure, list) else [figure]
                separator = _list_separator(spec["options"])
                value = separator.join(_label_of(spec["options"], str(k)) for k in keys)
            else:
                value = figure
        else:
            continue
        values[column.id] = value
    return values


def _list_separator(options: list[dict[str, str]]) -> str:
    return "; " if any("," in o["label"] for o in options) else ", "


# --- writing -----------------------------------------------------------------------------


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
        separator = _list_separator(spec["options"])
        text += ". " + _("Any of, separated by commas: %(options)s.") % {
            "options": separator.join(o["label"] for o in spec["options"])
        }
    if "asked_when" in spec:
        choices = [_label_of(indicator.answer_type.all_choices, c) for c in spec["asked_when"]]
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
                spec = _spec(indicator, column)
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


def _instructions(
    *, report: Report, sheets: list[tuple[str, Theme, list[Column], list[Indicator]]]
) -> list[tuple[str, str]]:
    """The Toelichting sheet: (style, text) lines."""
    catalogue = report.catalogue_version
    lines: list[tuple[str, str]] = [
        (
            "title",
            _("Werkset workbook: %(region)s, %(period)s (version %(number)s)")
            % {
                "region": report.region.name,
                "period": report.period_label,
                "number": report.number,
            },
        ),
        (
            "text",
            _("Catalogue: %(title)s (%(edition)s, %(slug)s).")
            % {"title": catalogue.title, "edition": catalogue.edition, "slug": catalogue.slug},
        ),
        (
            "text",
            _("Downloaded on %(date)s; status of the report: %(status)s.")
            % {
                "date": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
                "status": report.get_status_display().lower(),
            },
        ),
        ("heading", _("How to fill in this workbook")),
        (
            "text",
            _(
                "Every theme has its own sheet with one row per indicator. Fill in the "
                "white cells; grey cells do not belong to that question and are locked."
            ),
        ),
        (
            "text",
            _(
                "Answer: choose from the list. Onbekend and N.v.t. are honest answers; an "
                "empty cell means: not answered yet."
            ),
        ),
        (
            "text",
            _(
                "Figures: amounts in euro (for example 1.234,50), hours with at most one "
                "decimal, counts as whole numbers, all zero or more. Numbers typed as text "
                "in the Dutch way are read too."
            ),
        ),
        (
            "text",
            _(
                'Figures asked "if yes" (costs, hours, organisations) belong to the answers '
                "named in the cell's note; with another answer they are not saved and the "
                "import warns you. A figure marked as required must be filled in, unless "
                "you answer Onbekend or N.v.t."
            ),
        ),
        ("text", _("Frequency: fill in the number and choose per week, maand, kwartaal or jaar.")),
        (
            "text",
            _(
                "Multiple choice: type the options separated by commas, exactly as listed "
                "below (for example: Veilig Thuis, Politie)."
            ),
        ),
        (
            "text",
            _(
                "Explanation and perspectives: free text. Describe how organisations work "
                "together; never write personal data of the people in cases (names, BSN, "
                "addresses, dates of birth, phone numbers)."
            ),
        ),
        ("heading", _("Reading the workbook back into werkset")),
        (
            "text",
            _(
                "Do not change the hidden column A (the key of each indicator), the column "
                "headers, the sheet names or the hidden sheet with the report's details, "
                "and do not add or remove rows."
            ),
        ),
        (
            "text",
            _(
                "The whole workbook is checked first. If there is any error, nothing is "
                "saved and you get a list of every problem with its sheet and cell."
            ),
        ),
        (
            "text",
            _(
                "Sheets and columns that werkset does not know are reported as warnings and "
                "are not read; the rest of the workbook is saved."
            ),
        ),
        (
            "text",
            _(
                "Unchanged answers stay as they are. An answer that was changed in werkset "
                "after this download is not overwritten: download a new workbook instead."
            ),
        ),
        (
            "text",
            _(
                "The workbook belongs to this report only: a workbook of another region, "
                "period, version or catalogue is refused, and a finalised report no longer "
                "changes."
            ),
        ),
    ]
    options: list[tuple[str, str]] = []
    for title, _theme, columns, indicators in sheets:
        for column in columns:
            if column.field_kind != "meerkeuze":
                continue
            specs = [s for i in indicators if (s := _spec(i, column)) is not None]
            labels = _unique(o["label"] for s in specs for o in s["options"])
            options.append(("text", f"{title} - {column.header}: {', '.join(labels)}"))
    if options:
        lines.append(("heading", _("Options of the multiple choice questions")))
        lines.extend(options)
    return lines


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


def perspective_organisations(codes: Iterable[str] = ()) -> list[Organisation]:
    """The core partners, plus any organisation that already has a perspective stored."""
    wanted = set(codes)
    return [
        o
        for o in Organisation.objects.order_by("position", "name")
        if o.core_partner or o.code in wanted
    ]


def report_workbook(*, report: Report) -> bytes:
    """The report as a workbook to fill in: a Toelichting, one sheet per theme, prefilled
    with the current answers, and a very hidden sheet that makes the round trip safe."""
    answers = list(report.answers.all())
    contents = {
        a.indicator_id: AnswerContent(a.choice, a.explanation, a.figures, a.perspectives)
        for a in answers
    }
    revisions = {a.indicator_id: a.revision for a in answers}
    organisations = perspective_organisations(code for a in answers for code in a.perspectives)
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
        ["region", report.region.code, report.region.name],
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

    _write_instructions(instructions, _instructions(report=report, sheets=sheets))
    workbook.active = 0
    workbook.properties.title = str(report)
    workbook.properties.creator = "werkset"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookMeta:
    """What the hidden sheet says about the workbook."""

    catalogue: str
    region: str
    period: str
    number: int
    report_id: str
    sheets: dict[str, str]  # sheet title -> theme key
    columns: dict[str, dict[str, str]]  # sheet title -> {column id: header}
    revisions: dict[str, int]  # indicator key -> revision at download


@dataclass
class SheetRow:
    """One indicator's row, read and cleaned (content None: the row has errors)."""

    indicator: Indicator
    sheet: str
    row: int
    cells: dict[str, str]  # column id -> coordinate
    content: AnswerContent | None
    revision: int | None

    def cell(self, column_id: str) -> str:
        return self.cells.get(column_id, f"A{self.row}")


@dataclass
class ReadWorkbook:
    meta: WorkbookMeta
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    sheet_order: list[str] = field(default_factory=list)


def _refused(message: str, sheet: str | None = None, cell: str | None = None) -> ImportRefused:
    return ImportRefused([ImportProblem(sheet, cell, message)])


def workbook_open(data: bytes) -> tuple[Any, WorkbookMeta]:
    """Open the bytes as a werkset workbook; refused if they are not one."""
    try:
        workbook = load_workbook(io.BytesIO(data), rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise _refused(_("This file is not an Excel workbook (.xlsx).")) from exc
    if META_SHEET not in workbook.sheetnames:
        raise _refused(
            _(
                "This workbook was not downloaded from werkset: its hidden sheet with the "
                "report's details is missing."
            )
        )
    return workbook, _read_meta(workbook[META_SHEET])


def _read_meta(sheet: Any) -> WorkbookMeta:
    values: dict[str, list[str]] = {}
    sheets: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    revisions: dict[str, int] = {}
    damaged = _refused(
        _("The hidden sheet with the report's details is damaged; download a new workbook.")
    )
    try:
        for row in sheet.iter_rows(min_col=1, max_col=4, values_only=True):
            kind, *rest = [_text(v) for v in row]
            if kind == "sheet":
                sheets[rest[0]] = rest[1]
            elif kind == "column":
                columns.setdefault(rest[0], {})[rest[1]] = rest[2]
            elif kind == "revision":
                revisions[rest[0]] = int(rest[1])
            elif kind:
                values[kind] = rest
        if values["format"][:2] != [WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION]:
            raise damaged
        return WorkbookMeta(
            catalogue=values["catalogue"][0],
            region=values["region"][0],
            period=values["period"][0],
            number=int(values["number"][0]),
            report_id=values["report_id"][0],
            sheets=sheets,
            columns=columns,
            revisions=revisions,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise damaged from exc


def _text(value: Any) -> str:
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
        text = _text(values[column.id])
        if column.role == "choice":
            raw["choice"] = _lookup(indicator.answer_type.all_choices, text) if text else ""
        elif column.role == "explanation":
            raw["explanation"] = "" if values[column.id] is None else str(values[column.id])
        elif column.role == "perspective":
            raw[f"perspective-{column.organisation}"] = text
        elif column.role == "field":
            spec = _spec(indicator, column)
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


class _CellReader:
    """Cell values; a formula gives the value Excel computed (a second, lazy load)."""

    def __init__(self, data: bytes, workbook: Any):
        self.data = data
        self.workbook = workbook
        self._values: Any = None

    def value(self, sheet: str, cell: Any) -> tuple[Any, bool]:
        """(value, ok): not ok for a formula without a computed value."""
        if cell.data_type != "f":
            return cell.value, True
        if self._values is None:
            self._values = load_workbook(io.BytesIO(self.data), data_only=True, rich_text=False)
        value = self._values[sheet][cell.coordinate].value
        return value, value is not None


def _header_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def workbook_read(
    *, data: bytes, workbook: Any, meta: WorkbookMeta, indicators: list[Indicator]
) -> ReadWorkbook:
    """Read every theme sheet and check every cell; collects all problems, writes nothing."""
    result = ReadWorkbook(meta=meta, sheet_order=list(workbook.sheetnames))
    reader = _CellReader(data, workbook)
    organisations = list(Organisation.objects.order_by("position", "name"))
    by_theme: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_theme.setdefault(indicator.theme.key, []).append(indicator)
    titles = {theme_key: title for title, theme_key in meta.sheets.items()}
    theme_of_key = {i.key: i.theme.key for i in indicators}
    known = {INSTRUCTIONS_SHEET, META_SHEET, *meta.sheets}

    for title in workbook.sheetnames:
        if title not in known:
            result.problems.append(
                ImportProblem(
                    title,
                    None,
                    _("Unknown sheet; it is not read."),
                    warning=True,
                )
            )
    for theme_key, theme_indicators in by_theme.items():
        title = titles.get(theme_key)
        if title is None:
            raise _refused(
                _("The hidden sheet with the report's details is damaged; download a new workbook.")
            )
        if title not in workbook.sheetnames:
            result.problems.append(
                ImportProblem(
                    title,
                    None,
                    _("This sheet is missing (or was renamed); put it back under this name."),
                )
            )
            continue
        _read_sheet(
            result=result,
            sheet=workbook[title],
            title=title,
            indicators=theme_indicators,
            theme_of_key=theme_of_key,
            titles=titles,
            reader=reader,
            organisations=organisations,
        )
    return result


def _read_sheet(
    *,
    result: ReadWorkbook,
    sheet: Any,
    title: str,
    indicators: list[Indicator],
    theme_of_key: dict[str, str],
    titles: dict[str, str],
    reader: _CellReader,
    organisations: list[Organisation],
) -> None:
    problems = result.problems
    codes = frozenset(o.code for o in organisations)
    meta = result.meta
    stored_headers = meta.columns.get(title, {})
    listed = {
        c.removeprefix("perspective:") for c in stored_headers if c.startswith("perspective:")
    }
    expected = sheet_columns(
        indicators=indicators, organisations=[o for o in organisations if o.code in listed]
    )
    if any(column.id not in stored_headers for column in expected):
        raise _refused(
            _("The hidden sheet with the report's details is damaged; download a new workbook.")
        )
    header_to_id = {_header_text(header): column_id for column_id, header in stored_headers.items()}

    # Where each column is now: found by its header, so a moved column still counts.
    positions: dict[str, int] = {}
    unknown_columns: dict[int, str] = {}
    for cell in sheet[1]:
        header = _header_text(cell.value)
        column_id = header_to_id.get(header) if header else None
        if not header:
            continue
        if column_id is None:
            problems.append(
                ImportProblem(
                    title,
                    cell.coordinate,
                    _('Unknown column "%(header)s"; it is not read.') % {"header": header},
                    warning=True,
                )
            )
            unknown_columns[cell.column] = header
        elif column_id in positions:
            problems.append(
                ImportProblem(
                    title,
                    cell.coordinate,
                    _('The column "%(header)s" appears twice.') % {"header": header},
                )
            )
        else:
            positions[column_id] = cell.column
    columns = [c for c in expected if c.id in positions]
    for column in expected:
        if column.id not in positions and column.role != "info":
            problems.append(
                ImportProblem(
                    title,
                    None,
                    _('The column "%(header)s" is missing or its header was changed.')
                    % {"header": stored_headers[column.id]},
                )
            )
    if "key" not in positions:
        return

    by_key = {i.key: i for i in indicators}
    seen: dict[str, int] = {}
    reported_headerless: set[int] = set()
    input_columns = [c for c in columns if c.is_input]
    known_positions = set(positions.values())
    for cells in sheet.iter_rows(min_row=2):
        if not cells:
            continue
        row_number = cells[0].row
        by_column = {c.column: c for c in cells}
        values: dict[str, Any] = {}
        coordinates: dict[str, str] = {}
        broken = False
        for column in columns:
            position = positions[column.id]
            letter = get_column_letter(position)
            coordinates[column.id] = f"{letter}{row_number}"
            cell = by_column.get(position)
            if cell is None:
                values[column.id] = None
                continue
            value, ok = reader.value(title, cell)
            if not ok:
                problems.append(
                    ImportProblem(
                        title,
                        cell.coordinate,
                        _(
                            "This cell holds a formula without a computed value; type the "
                            "value itself."
                        ),
                    )
                )
                broken = True
            values[column.id] = value
        for position, cell in by_column.items():
            if (
                position not in known_positions
                and position not in unknown_columns
                and position not in reported_headerless
                and cell.value not in (None, "")
            ):
                reported_headerless.add(position)
                problems.append(
                    ImportProblem(
                        title,
                        cell.coordinate,
                        _("Column without a header; it is not read."),
                        warning=True,
                    )
                )
        key = _text(values.get("key"))
        has_input = any(_text(values.get(c.id)) for c in input_columns)
        if not key:
            if has_input:
                problems.append(
                    ImportProblem(
                        title,
                        coordinates["key"],
                        _(
                            "This row has no key in the hidden column A, so it is unclear which "
                            "question it answers. Do not add rows or change column A."
                        ),
                    )
                )
            continue
        indicator = by_key.get(key)
        if indicator is None:
            other = theme_of_key.get(key)
            if other is not None:
                message = _(
                    'The key %(key)s belongs on the sheet "%(sheet)s"; do not move rows.'
                ) % {"key": key, "sheet": titles.get(other, other)}
            else:
                message = _(
                    'Unknown key "%(key)s" in the hidden column A; it was changed. Download a '
                    "new workbook or undo the change."
                ) % {"key": key}
            problems.append(ImportProblem(title, coordinates["key"], message))
            continue
        if key in seen:
            problems.append(
                ImportProblem(
                    title,
                    coordinates["key"],
                    _("The question %(key)s appears twice (also in row %(row)s).")
                    % {"key": key, "row": seen[key]},
                )
            )
            continue
        seen[key] = row_number
        content = (
            None
            if broken
            else _check_row(
                problems=problems,
                title=title,
                indicator=indicator,
                columns=columns,
                values=values,
                coordinates=coordinates,
                codes=codes,
            )
        )
        result.rows.append(
            SheetRow(
                indicator=indicator,
                sheet=title,
                row=row_number,
                cells=coordinates,
                content=content,
                revision=meta.revisions.get(key),
            )
        )
    for indicator in indicators:
        if indicator.key not in seen:
            problems.append(
                ImportProblem(
                    title,
                    None,
                    _('The row of the question "%(label)s" (%(key)s) is missing.')
                    % {"label": indicator.label, "key": indicator.key},
                )
            )


def _check_row(
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
        if column.role != "field" or not _text(values.get(column.id)):
            continue
        spec = _spec(indicator, column)
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
                _label_of(answer_type.all_choices, c) for c in spec.get("asked_when", [])
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
                            "choice": _label_of(answer_type.all_choices, choice),
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


def problem_position(problem: ImportProblem, sheet_order: list[str]) -> tuple[int, int, int]:
    """Sort key: the workbook's order of sheets, then row, then column."""
    sheet = sheet_order.index(problem.sheet) if problem.sheet in sheet_order else len(sheet_order)
    if not problem.cell:
        return sheet, 0, 0
    try:
        letters, row = coordinate_from_string(problem.cell)
        return sheet, row, column_index_from_string(letters)
    except ValueError:
        return sheet, 0, 0
