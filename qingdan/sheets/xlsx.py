"""Turn the bytes of an .xlsx workbook into a Grid of its first sheet (formula cells listed, to refuse).

python-calamine reads the values (a formula cell gives its cached result). It cannot tell which cells
hold formulas, so the first sheet's XML is also scanned with the standard library for <f> elements.
"""

import datetime
import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

from python_calamine import CalamineWorkbook, PasswordError

from . import messages
from .grid import Grid, Rows
from .headers import column_letter
from .problems import Problem, file_problem

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# An encrypted (password-protected) workbook is an OLE container holding this stream.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
# Cheap test before parsing: an element named f, with or without a namespace prefix.
FORMULA_HINT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")


def load_xlsx(data: bytes) -> Grid | Problem:
    if not data:
        return file_problem(messages.EMPTY_FILE)
    if data.startswith(OLE_MAGIC):
        return file_problem(messages.PASSWORD if ENCRYPTED_STREAM in data else messages.OLD_EXCEL)
    if not data.startswith(ZIP_MAGIC):
        return file_problem(messages.NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if WORKBOOK not in archive.namelist():
                return file_problem(messages.NOT_XLSX)
            formulas = _formula_cells(archive, _first_sheet_path(archive))
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
        if not names:
            return file_problem(messages.NO_SHEET)
        sheet = workbook.get_sheet_by_index(0)
        values = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except PasswordError:
        return file_problem(messages.PASSWORD)
    except BaseException as exc:
        # Bad input must never escape as an exception; calamine's Rust panics derive from BaseException.
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        return file_problem(messages.CORRUPT_XLSX)

    cells = [[cell_text(value) for value in row] for row in values]
    _fill_merged_down(cells, merged)
    grid = Grid(cells=cells, formulas=formulas)
    if len(names) > 1:
        grid.warnings.append(file_problem(messages.OTHER_SHEETS.format(name=names[0], count=len(names) - 1)))
    return grid


def xlsx_rows(data: bytes) -> Rows | Problem:
    grid = load_xlsx(data)
    if isinstance(grid, Problem):
        return grid
    rows = [(index + 1, cells) for index, cells in enumerate(grid.cells)]
    return Rows(rows=rows, total=len(rows), formulas=grid.formulas, warnings=list(grid.warnings))


def cell_text(value: object) -> str:
    """A cell value as text: 1.0 → "1", dates in ISO form, booleans as Excel shows them."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _fill_merged_down(cells: list[list[str]], merged: list) -> None:
    """Give every row of a vertically merged cell (a 清单类型 or 类别 spanning rows) the merged value."""
    for (top, col), (bottom, _right) in merged:
        if bottom <= top or top >= len(cells) or col >= len(cells[top]):
            continue
        value = cells[top][col]
        for row in cells[top + 1 : bottom + 1]:
            if col < len(row):
                row[col] = value


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _first_sheet_path(archive: zipfile.ZipFile) -> str | None:
    """The zip path of the workbook's first sheet, as listed in xl/workbook.xml."""
    workbook = ET.fromstring(archive.read(WORKBOOK))
    sheet = next((e for e in workbook.iter() if _local(e.tag) == "sheet"), None)
    if sheet is None:
        return None
    rel_id = next((value for key, value in sheet.attrib.items() if _local(key) == "id"), None)
    target = None
    if WORKBOOK_RELS in archive.namelist():
        for rel in ET.fromstring(archive.read(WORKBOOK_RELS)):
            if rel.get("Id") == rel_id:
                target = rel.get("Target")
    if target is None:
        return None
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


def _formula_cells(archive: zipfile.ZipFile, path: str | None) -> dict[int, list[tuple[int, str]]]:
    """Spreadsheet row → [(column index, "C5")] for each cell of the sheet that holds a formula."""
    if path is None or path not in archive.namelist():
        return {}
    xml = archive.read(path)
    if not FORMULA_HINT.search(xml):
        return {}
    found: dict[int, list[tuple[int, str]]] = {}
    row_no, col, in_cell = 0, -1, False
    for event, element in ET.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = _local(element.tag)
        if event == "end":
            if tag == "c":
                in_cell = False
            elif tag == "row":
                element.clear()
            continue
        if tag == "row":
            row_no = int(element.get("r") or row_no + 1)
            col = -1
        elif tag == "c":
            in_cell = True
            ref = CELL_REF.fullmatch(element.get("r") or "")
            if ref:
                col = _column_index(ref.group(1))
                row_no = int(ref.group(2))
            else:
                col += 1
        elif tag == "f" and in_cell:
            found.setdefault(row_no, []).append((col, _cell_ref(row_no, col)))
    return found


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _cell_ref(row_no: int, col: int) -> str:
    return f"{column_letter(col)}{row_no}"
