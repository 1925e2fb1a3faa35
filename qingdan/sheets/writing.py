"""One way to hand people a table as .xlsx: frozen header, printable on A4, nothing that runs as a formula.

Text is written with write_string, never as a formula (a cell "=1+1" shows as typed); numbers (int, float,
Decimal; not booleans) are written as numbers so a spreadsheet can sum them; None is an empty cell.

table_workbook(...)         the header in the first row, then the rows
titled_table_workbook(...)  a title merged across the table and lines of notes above the header, as
                            printed government tables look; page numbers in the footer
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

import xlsxwriter

A4 = 9
# xlsxwriter's conversions off: a string stays the string it was.
OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def _write_table(book, sheet, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[object]], top: int):
    header = book.add_format(
        {"bold": True, "text_wrap": True, "border": 1, "bg_color": "#DDEBF7", "valign": "vcenter"}
    )
    cell = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    for col, (title, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write_string(top, col, title, header)
    for line, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                sheet.write_number(line, col, float(value), cell)
            else:
                sheet.write_string(line, col, "" if value is None else str(value), cell)
    sheet.freeze_panes(top + 1, 0)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.repeat_rows(top)
    sheet.fit_to_pages(1, 0)


def table_workbook(
    sheet_name: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[object]]
) -> bytes:
    """A workbook of one sheet: `columns` are (header, width in characters), `rows` hold the cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    sheet = book.add_worksheet(sheet_name[:31])
    _write_table(book, sheet, columns, rows, top=0)
    book.close()
    return buffer.getvalue()


def titled_table_workbook(
    sheet_name: str,
    columns: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[object]],
    *,
    title: str,
    notes: Sequence[str] = (),
    footer: str = "",
) -> bytes:
    """Like table_workbook, under a title merged across the table and one merged line per note.

    The header row repeats on every printed page; `footer` is an Excel footer such as
    "第 &P 页 共 &N 页" (&P the page, &N the pages), centred.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    sheet = book.add_worksheet(sheet_name[:31])
    last = max(len(columns) - 1, 0)
    heading = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    note = book.add_format({"text_wrap": True, "valign": "vcenter"})
    sheet.merge_range(0, 0, 0, last, "", heading)
    sheet.write_string(0, 0, title, heading)
    sheet.set_row(0, 30)
    for line, text in enumerate(notes, start=1):
        sheet.merge_range(line, 0, line, last, "", note)
        sheet.write_string(line, 0, text, note)
    _write_table(book, sheet, columns, rows, top=len(notes) + 1)
    if footer:
        sheet.set_footer(f"&C{footer}")
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    sheet.center_horizontally()
    book.close()
    return buffer.getvalue()
