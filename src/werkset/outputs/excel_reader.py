"""Reading a filled-in workbook back: which report it belongs to (its hidden sheet), and
every theme sheet's rows, found by the headers of their columns, so a moved column still
counts. Reading is pure (no writes) and collects every problem; the write side of the
import is in excel_import.py.
"""

import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from werkset.catalogue.models import Indicator
from werkset.regions.models import Organisation
from werkset.reports.answers import AnswerContent

from .excel_layout import (
    INSTRUCTIONS_SHEET,
    META_SHEET,
    WORKBOOK_FORMAT,
    WORKBOOK_FORMAT_VERSION,
    sheet_columns,
)
from .excel_rows import cell_text, check_row
from .problems import ImportProblem, refused, shortened
from .upload_limits import workbook_limits_check


@dataclass(frozen=True)
class WorkbookMeta:
    """What the hidden sheet says about the workbook."""

    catalogue: str
    region: str  # empty for a network's own report
    period: str
    number: int
    report_id: str
    sheets: dict[str, str]  # sheet title -> theme key
    columns: dict[str, dict[str, str]]  # sheet title -> {column id: header}
    revisions: dict[str, int]  # indicator key -> revision at download
    network: str = ""  # the network's code (workbooks before issue 18 have none)


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

    @property
    def perspectives_mentioned(self) -> frozenset[str]:
        """The organisations this row has a column for: a perspective stored in werkset for
        another organisation (after the download, or through the API) is kept
        (reports.policy)."""
        return frozenset(
            column.removeprefix("perspective:")
            for column in self.cells
            if column.startswith("perspective:")
        )


@dataclass
class ReadWorkbook:
    meta: WorkbookMeta
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    sheet_order: list[str] = field(default_factory=list)


def workbook_open(data: bytes) -> tuple[Any, WorkbookMeta]:
    """Open the bytes as a werkset workbook; refused if they are not one, or if they break
    a limit (upload_limits.py: checked before openpyxl builds the workbook)."""
    workbook_limits_check(data)
    try:
        workbook = load_workbook(io.BytesIO(data), rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise refused(_("This file is not an Excel workbook (.xlsx).")) from exc
    if META_SHEET not in workbook.sheetnames:
        raise refused(
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
    damaged = refused(
        _("The hidden sheet with the report's details is damaged; download a new workbook.")
    )
    try:
        for row in sheet.iter_rows(min_col=1, max_col=4, values_only=True):
            kind, *rest = [cell_text(v) for v in row]
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
            region=(values["region"] or [""])[0],
            network=(values.get("network") or [""])[0],
            period=values["period"][0],
            number=int(values["number"][0]),
            report_id=values["report_id"][0],
            sheets=sheets,
            columns=columns,
            revisions=revisions,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise damaged from exc


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
            raise refused(
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
        raise refused(
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
                    _('Unknown column "%(header)s"; it is not read.')
                    % {"header": shortened(header)},
                    warning=True,
                )
            )
            unknown_columns[cell.column] = header
        elif column_id in positions:
            problems.append(
                ImportProblem(
                    title,
                    cell.coordinate,
                    _('The column "%(header)s" appears twice.') % {"header": shortened(header)},
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
                    % {"header": shortened(stored_headers[column.id])},
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
        key = cell_text(values.get("key"))
        has_input = any(cell_text(values.get(c.id)) for c in input_columns)
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
                ) % {"key": shortened(key), "sheet": titles.get(other, other)}
            else:
                message = _(
                    'Unknown key "%(key)s" in the hidden column A; it was changed. Download a '
                    "new workbook or undo the change."
                ) % {"key": shortened(key)}
            problems.append(ImportProblem(title, coordinates["key"], message))
            continue
        if key in seen:
            problems.append(
                ImportProblem(
                    title,
                    coordinates["key"],
                    _("The question %(key)s appears twice (also in row %(row)s).")
                    % {"key": shortened(key), "row": seen[key]},
                )
            )
            continue
        seen[key] = row_number
        content = (
            None
            if broken
            else check_row(
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
