"""One way to hand people a table as .xlsx: text cells only, frozen header, printable on A4.

Every cell is written with write_string, so nothing in an export can run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import xlsxwriter

A4 = 9


def table_workbook(
    sheet_name: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[object]]
) -> bytes:
    """A workbook of one sheet: `columns` are (header, width in characters), `rows` hold the cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(sheet_name[:31])
    header = book.add_format({"bold": True, "text_wrap": True, "border": 1, "bg_color": "#DDEBF7"})
    cell = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    for col, (title, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, title, header)
    for line, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            sheet.write_string(line, col, "" if value is None else str(value), cell)
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    book.close()
    return buffer.getvalue()
