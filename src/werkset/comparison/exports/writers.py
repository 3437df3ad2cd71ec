"""Writing a comparison's tables for Dutch Excel: XLSX (openpyxl) and CSV.

The CSV is what Dutch Excel opens without a wizard: UTF-8 with a byte-order mark, `;`
between fields, numbers as plain numbers with a decimal comma (no thousands separator, no
currency sign), text that would start a formula made inert (core.spreadsheet). The XLSX
holds real numbers with a number format per unit, and above the table what it is: the
comparison, the period, the catalogue version and when it was made.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from werkset.core.spreadsheet import spreadsheet_text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Number formats per unit (as the report's workbook, outputs/excel_writer.py).
EURO_FORMAT = "€ #,##0.00"
HOURS_FORMAT = "#,##0.0"
COUNT_FORMAT = "0"
WHOLE_FORMAT = "#,##0"
FRACTION_FORMAT = "#,##0.0#"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)


@dataclass(frozen=True)
class Quantity:
    """A figure in its unit: `kind` is the catalogue's field kind (euro, uren, aantal,
    frequentie: times per year) and decides the cell's number format."""

    value: Decimal
    kind: str

    @property
    def number_format(self) -> str:
        if self.kind == "euro":
            return EURO_FORMAT
        if self.kind == "uren":
            return HOURS_FORMAT
        return WHOLE_FORMAT if self.value == self.value.to_integral_value() else FRACTION_FORMAT


@dataclass(frozen=True)
class Column:
    """A column: `key` names it in JSON (stable, English), `header` in the sheet (Dutch)."""

    key: str
    header: str


@dataclass
class Table:
    """One comparison as rows. A cell is text, a whole number (a count), a Quantity, or
    None (empty)."""

    name: str  # the sheet's name (at most 31 characters)
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def plain_number(value: Decimal | int) -> str:
    """A number as Dutch Excel reads it from a CSV: 48256 · 1234,5 · -3,25."""
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Quantity):
        return plain_number(value.value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        return plain_number(value)
    return spreadsheet_text(str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The table as `;`-separated text (without the byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_text(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()


def csv_bytes(table: Table) -> bytes:
    """The table for Dutch Excel: UTF-8 with a byte-order mark, `;`, Dutch headers."""
    return csv_text(table.headers, table.rows).encode("utf-8-sig")


def _xlsx_cell(value: Any) -> tuple[Any, str | None]:
    if value is None:
        return None, None
    if isinstance(value, Quantity):
        return value.value, value.number_format
    if isinstance(value, bool):
        return str(value), None
    if isinstance(value, int):
        return value, COUNT_FORMAT
    if isinstance(value, Decimal):
        return value, FRACTION_FORMAT
    # Text is stored as text (openpyxl never writes it as a formula); made inert anyway, so
    # a cell copied into another program stays text.
    return spreadsheet_text(str(value)), None


def _write_sheet(sheet: Worksheet, table: Table, meta: list[tuple[str, Any]]) -> None:
    for label, value in meta:
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        if isinstance(value, datetime):
            sheet.cell(row=sheet.max_row, column=2).number_format = "dd-mm-yyyy hh:mm"
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(table.headers)
    for cell in sheet[header_row]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for row in table.rows:
        values = [_xlsx_cell(v) for v in row]
        sheet.append([value for value, _format in values])
        for index, (_value, number_format) in enumerate(values, start=1):
            if number_format:
                sheet.cell(row=sheet.max_row, column=index).number_format = number_format
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    if table.rows:
        sheet.auto_filter.ref = (
            f"A{header_row}:{get_column_letter(len(table.columns))}{sheet.max_row}"
        )
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(12, len(column.header) + 2), 60
        )


def xlsx_bytes(tables: list[Table], meta: list[tuple[str, Any]]) -> bytes:
    """A workbook with a sheet per table, each headed by `meta` (label, value) rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.name))
        _write_sheet(sheet, table, meta)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in name).strip()
    return (cleaned or "Blad")[:31]


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(filename: str, table: Table) -> HttpResponse:
    return download(
        csv_bytes(table), filename=f"{filename}.csv", content_type="text/csv; charset=utf-8"
    )


def xlsx_download(filename: str, tables: list[Table], meta: list[tuple[str, Any]]) -> HttpResponse:
    return download(xlsx_bytes(tables, meta), filename=f"{filename}.xlsx", content_type=XLSX_TYPE)


def jsonable(value: Any) -> Any:
    """Decimals as strings, so JSON keeps the exact figures."""
    if isinstance(value, Quantity):
        return plain_number(value.value).replace(",", ".")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def rows_as_dicts(table: Table) -> list[dict[str, Any]]:
    return [
        jsonable({k: ("" if v is None else v) for k, v in zip(table.keys, row, strict=True)})
        for row in table.rows
    ]
