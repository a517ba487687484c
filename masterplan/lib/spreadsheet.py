"""Every cell the portal writes into a spreadsheet (XLSX or CSV) goes through here.

Text from users must never become a formula in the reader's Excel or LibreOffice
(CSV/formula injection). In XLSX every string is an inline string cell, never a formula;
a string that starts like a formula also carries Excel's own "quote prefix" flag, so it
stays text even when someone edits the cell. In CSV, where a program decides by the first
character, a string starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading single quote, as OWASP's CSV-injection guidance says. Numbers (int, float,
Decimal) and dates stay numbers and dates.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER_TYPES = (int, float, Decimal)


def _local(value: datetime) -> datetime:
    # Spreadsheets have no time zones: write the local wall-clock time the page shows.
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _plain(value: Any) -> Any:
    """A value a spreadsheet can hold: numbers, dates and booleans as they are,
    everything else as text."""
    if value is None or isinstance(value, (bool, *NUMBER_TYPES, date)):
        return _local(value) if isinstance(value, datetime) else value
    return str(value)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def write_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Put ``value`` into a worksheet cell: text as a string cell, never a formula."""
    value = _plain(value)
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns any string starting with "=" into a formula; this undoes it.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def csv_cell(value: Any) -> Any:
    """A value as a CSV field: text that a spreadsheet would read as a formula is
    prefixed with a single quote; numbers stay numbers."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


class CsvWriter:
    """``csv.writer`` whose every field goes through ``csv_cell``."""

    def __init__(self, stream: IO[str], **options: Any):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)
