"""Exported tables: no cell can run as a formula, numbers are numbers."""

import io
import zipfile

from python_calamine import CalamineWorkbook

from qingdan.sheets.writing import table_workbook


def test_a_table_round_trips_as_text_and_holds_no_formula():
    data = table_workbook(
        "表", [("名称", 20), ("备注", 10)], [['=HYPERLINK("x")', "+1"], ["居民财产证明", None]]
    )
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows == [["名称", "备注"], ['=HYPERLINK("x")', "+1"], ["居民财产证明", ""]]


def test_numbers_are_written_as_numbers_and_text_that_looks_like_one_stays_text():
    from decimal import Decimal

    data = table_workbook("表", [("数", 10), ("文", 10)], [[3, "007"], [Decimal("2.5"), True], [1.25, ""]])
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[1:] == [[3.0, "007"], [2.5, "True"], [1.25, ""]]


def read_back(data: bytes) -> list[list[object]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_text_that_is_a_plain_number_is_written_as_a_number_so_sum_works():
    values = ["363", "-2.5", "0", "0.75", "1234567890"]
    data = table_workbook("表", [("数", 10)], [[value] for value in values])
    assert [row[0] for row in read_back(data)[1:]] == [363.0, -2.5, 0.0, 0.75, 1234567890.0]


def test_codes_and_formulas_stay_text():
    values = ["=1+1", "-1+1", "007", "13800138000", "420102001001", "1e5", "1,234", "3.", " 5", "2026-01-05"]
    data = table_workbook("表", [("文", 10)], [[value] for value in values])
    assert [row[0] for row in read_back(data)[1:]] == values
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert "<f>" not in book.read("xl/worksheets/sheet1.xml").decode()
        # A cell that starts like a formula carries the quote prefix: typed again, it stays text.
        assert 'quotePrefix="1"' in book.read("xl/styles.xml").decode()
