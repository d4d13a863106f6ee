"""The one writer of spreadsheets and CSV files that people open (DESIGN.md: security).

A cell whose text starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed is
read by spreadsheet programs as a formula (CSV/formula injection, OWASP), so every text cell we
write goes through `safe_cell`, which makes it plain text with a leading apostrophe. Modules build
their workbooks with `workbook()` / `append_row` and their CSV files with `csv_writer`; a test
(chibo/core/tests/test_spreadsheets.py) fails on any other `csv.writer(` or `Workbook(` in the code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """A value safe to write into a cell of a file we produce."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for openpyxl's `append`: plain values escaped, `WriteOnlyCell`s escaped in place."""
    row: list[Any] = []
    for value in values:
        if hasattr(value, "value") and hasattr(value, "coordinate"):
            value.value = safe_cell(value.value)
            row.append(value)
        else:
            row.append(safe_cell(value))
    return row


def workbook(*, write_only: bool = False) -> Workbook:
    """A new openpyxl workbook (imported when first used: openpyxl pulls in NumPy)."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def append_row(sheet: Worksheet | Any, values: Iterable[Any]) -> None:
    sheet.append(safe_row(values))


def set_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """`sheet.cell(row, column, value)` with the value escaped; returns the cell."""
    return sheet.cell(row=row, column=column, value=safe_cell(value))


class SafeCsvWriter:
    """`csv.writer` whose rows are escaped cell by cell."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(v) for v in values])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_writer(out: IO[str], **options: Any) -> SafeCsvWriter:
    return SafeCsvWriter(out, **options)
