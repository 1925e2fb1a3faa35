"""Write catalog rows in the import layout: an .xlsx ready to read and print, or a .tsv.

Formula safety: every value is written as text, and a value that a spreadsheet could run as a formula
(starting with = + - @ tab or carriage return) gets one leading single quote
(qingdan.sheets.formulas.neutralise).
read_catalog() removes exactly that quote again, so export → import gives back identical rows.
"""

import codecs
from collections.abc import Iterable, Mapping
from typing import IO, Any

import xlsxwriter

from .layout import COLUMNS, HEADINGS, neutralise
from .results import ItemRow

Row = Mapping[str, str] | ItemRow

# Column widths in characters, per field, chosen for A4 landscape.
WIDTHS = {
    "list_kind": 14,
    "item_no": 7,
    "category": 16,
    "name": 48,
    "content": 36,
    "basis": 28,
    "responsible_unit": 14,
    "department_duty": 28,
    "grassroots_duty": 28,
    "working_method": 22,
    "source": 24,
}


def row_values(row: Row) -> list[str]:
    """The 11 cell texts of a row in file order, the list kind as its Chinese heading.

    A mapping may be keyed by field name ("item_no") or by Chinese header ("序号"); missing keys are "".
    """
    if isinstance(row, ItemRow):
        values = [getattr(row, field) for _, field in COLUMNS]
    else:
        values = []
        for header, field in COLUMNS:
            value = row.get(field)
            if value is None:
                value = row.get(header)
            values.append("" if value is None else str(value))
    values[0] = HEADINGS.get(values[0], values[0])
    return values


def write_xlsx(rows: Iterable[Row], stream_or_path: Any, *, sheet_name: str = "履职事项清单") -> None:
    """Write rows to an .xlsx workbook (a path or a binary stream), one sheet, header in row 1."""
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,  # 来源 stays plain text, as it was read
    }
    workbook = xlsxwriter.Workbook(stream_or_path, options)
    sheet = workbook.add_worksheet(sheet_name)
    header_format = workbook.add_format(
        {"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1}
    )
    header_format.set_bg_color("#DDEBF7")
    # Text format on whole columns also keeps cells typed later in Excel from becoming formulas or numbers.
    cell_format = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1, "num_format": "@"})

    for col, (header, field) in enumerate(COLUMNS):
        sheet.set_column(col, col, WIDTHS[field], cell_format)
        sheet.write_string(0, col, header, header_format)
    last_row = 0
    for last_row, row in enumerate(rows, start=1):
        for col, value in enumerate(row_values(row)):
            sheet.write_string(last_row, col, neutralise(value), cell_format)

    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last_row, len(COLUMNS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)  # all columns on one page wide, as many pages tall as needed
    sheet.set_footer("&C第 &P 页，共 &N 页")
    workbook.close()


def write_tsv(rows: Iterable[Row], stream: IO) -> None:
    """Write rows as UTF-8 tab-separated text, starting with a byte-order mark, to a text or binary stream.

    Without the mark Excel on Windows reads the file in the local code page and shows the Chinese garbled;
    every .tsv reader of the project skips it. To a text stream the mark is written as U+FEFF, unless the
    stream's encoding (utf-8-sig) writes one itself. Tabs and line breaks inside a cell become spaces, so
    every row stays one line.
    """
    binary = not hasattr(stream, "encoding")
    lines = ["\t".join(header for header, _ in COLUMNS)]
    for row in rows:
        lines.append("\t".join(neutralise(_one_line(value)) for value in row_values(row)))
    text = "\n".join(lines) + "\n"
    if binary:
        stream.write(codecs.BOM_UTF8 + text.encode("utf-8"))
    else:
        stream.write(text if _writes_own_bom(stream) else "\ufeff" + text)


def _writes_own_bom(stream: IO) -> bool:
    encoding = getattr(stream, "encoding", None)  # None for io.StringIO
    return encoding is not None and codecs.lookup(encoding).name == "utf-8-sig"


def _one_line(value: str) -> str:
    return value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
