"""One way to hand people a table as .xlsx: frozen header, printable on A4, nothing that runs as a formula.

Text is written with write_string, never as a formula (a cell "=1+1" shows as typed, and stays text when
someone edits it: such cells carry Excel's quote prefix); numbers (int, float, Decimal; not booleans) are
written as numbers so a spreadsheet can sum them, and so is text that is a plain decimal number ("363",
"-2.5": values stored as text, such as a form's answers); text that only looks like one stays text ("007",
an 11-digit phone number, a 12-digit division code, "1e5"); None is an empty cell.

table_workbook(...)         the header in the first row, then the rows
titled_table_workbook(...)  a title merged across the table and lines of notes above the header, as
                            printed government tables look; page numbers in the footer
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import xlsxwriter

A4 = 9
# A number as people type one: no leading zero, at most 10 digits before the point (longer runs of digits
# are codes and phone numbers, kept as text), at most 6 after it.
PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,9})(?:\.[0-9]{1,6})?")
# What a spreadsheet would start a formula with, were the cell typed again.
FORMULA_START = ("=", "+", "-", "@")
# xlsxwriter's conversions off: a string stays the string it was.
OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def as_number(value: object) -> float | None:
    """The value as the number a spreadsheet should hold, or None when the cell is text (or empty)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value):
        return float(value)
    return None


def _write_table(book, sheet, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[object]], top: int):
    header = book.add_format(
        {"bold": True, "text_wrap": True, "border": 1, "bg_color": "#DDEBF7", "valign": "vcenter"}
    )
    cell = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "border": 1, "quote_prefix": True})
    for col, (title, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write_string(top, col, title, header)
    for line, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values):
            number = as_number(value)
            if number is not None:
                sheet.write_number(line, col, number, cell)
            else:
                text = "" if value is None else str(value)
                sheet.write_string(line, col, text, quoted if text.startswith(FORMULA_START) else cell)
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
