"""Write a ``checks.tables.Table`` as XLSX (openpyxl) or CSV."""

from __future__ import annotations

import io
from itertools import groupby

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from checks.tables import DATETIME, DIMENSION, ELEMENT, MONEY, NUMBER, PERCENT, TOTAL, Table
from masterplan.lib.spreadsheet import CsvWriter, write_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"xlsx", "csv"}

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
_LEVEL_FILLS = {
    DIMENSION: PatternFill("solid", fgColor="E8EEF7"),
    ELEMENT: PatternFill("solid", fgColor="F5F7FA"),
    TOTAL: PatternFill("solid", fgColor="DDE3EA"),
}
_TOP = Border(top=Side(style="thin"))
_NUMBER_FORMATS = {MONEY: "#,##0", NUMBER: "0", PERCENT: '0"%"', DATETIME: "yyyy-mm-dd hh:mm"}


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (table.sheet or table.title)[:31]
    write_cell(sheet, 1, 1, table.title).font = _TITLE

    header_row = 3 if table.has_groups else 2
    if table.has_groups:
        first = 1
        for group, members in groupby(table.columns, key=lambda column: column.group):
            count = len(list(members))
            if group:
                write_cell(sheet, 2, first, group)
                if count > 1:
                    sheet.merge_cells(
                        start_row=2, start_column=first, end_row=2, end_column=first + count - 1
                    )
            first += count
        for index in range(1, len(table.columns) + 1):
            cell = sheet.cell(row=2, column=index)
            cell.font, cell.fill = _BOLD, _HEADER_FILL
            cell.alignment = Alignment(horizontal="center")
    for index, column in enumerate(table.columns, start=1):
        cell = write_cell(sheet, header_row, index, column.label)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width

    for offset, row in enumerate(table.rows, start=header_row + 1):
        fill = _LEVEL_FILLS.get(row.level)
        for index, (column, value) in enumerate(zip(table.columns, row.values, strict=True), 1):
            cell = write_cell(sheet, offset, index, value)
            if column.kind in _NUMBER_FORMATS:
                cell.number_format = _NUMBER_FORMATS[column.kind]
            if fill is not None:
                cell.fill = fill
            if row.level in (DIMENSION, TOTAL):
                cell.font = _BOLD
            if row.level == TOTAL:
                cell.border = _TOP
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(
        [
            f"{column.group} {column.label}" if column.group else column.label
            for column in table.columns
        ]
    )
    for row in table.rows:
        writer.writerow(row.values)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def table_response(table: Table, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.{fmt}"'
    return response
