"""Every comparison as a download for Dutch Excel (XLSX and CSV) and as JSON: tables made
from what the pages' selectors return (tables.py), written by writers.py."""

from .tables import (
    assessment_table,
    bandwidth_table,
    bottleneck_table,
    figure_unit,
    grouping_table,
    maturity_table,
    period_export,
    side_by_side_table,
    trend_table,
)
from .writers import (
    Column,
    Quantity,
    Table,
    csv_bytes,
    csv_download,
    csv_text,
    jsonable,
    plain_number,
    rows_as_dicts,
    xlsx_bytes,
    xlsx_download,
)

__all__ = [
    "Column",
    "Quantity",
    "Table",
    "assessment_table",
    "bandwidth_table",
    "bottleneck_table",
    "csv_bytes",
    "csv_download",
    "csv_text",
    "figure_unit",
    "grouping_table",
    "jsonable",
    "maturity_table",
    "period_export",
    "plain_number",
    "rows_as_dicts",
    "side_by_side_table",
    "trend_table",
    "xlsx_bytes",
    "xlsx_download",
]
