"""Small builders for catalog files in tests."""

import io
from pathlib import Path

import xlsxwriter

HEADER = ["清单类型", "序号", "事项名称"]
# The published county catalog the demo ships (a copy of the shared development data, byte for byte).
SAMPLE = Path(__file__).resolve().parents[3] / "demo" / "data" / "hubei_county_village.tsv"


def tsv(*lines: list[str] | str, header: list[str] = HEADER) -> bytes:
    """A .tsv file: the header, then each line given as a list of cells or as raw text."""
    text = ["\t".join(header)]
    text += [line if isinstance(line, str) else "\t".join(line) for line in lines]
    return ("\n".join(text) + "\n").encode("utf-8")


def xlsx(rows: list[list], *, formulas: dict | None = None, merges=(), more_sheets=0) -> bytes:
    """An .xlsx file whose first sheet holds rows (row 1 first); numbers are written as numbers.

    formulas maps (row index, column index), 0-based, to a formula written with write_formula, or to a
    (formula, cached result) pair.
    merges are (first row, col, last row, col, value) ranges written with merge_range.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("清单")
    for row_index, row in enumerate(rows):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet.write_number(row_index, col, value)
            else:
                sheet.write_string(row_index, col, value)
    for (row_index, col), formula in (formulas or {}).items():
        formula, cached = formula if isinstance(formula, tuple) else (formula, 0)
        sheet.write_formula(row_index, col, formula, None, cached)
    for first_row, first_col, last_row, last_col, value in merges:
        sheet.merge_range(first_row, first_col, last_row, last_col, value)
    for number in range(more_sheets):
        workbook.add_worksheet(f"其他{number + 1}")
    workbook.close()
    return buffer.getvalue()
