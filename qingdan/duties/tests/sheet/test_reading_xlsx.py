import datetime
import io
import zipfile

import pytest
import xlsxwriter

from qingdan.duties.sheet import read_catalog

from .build import HEADER, xlsx


def only_error(result):
    assert not result.ok
    assert len(result.errors) == 1, [str(error) for error in result.errors]
    return result.errors[0]


def test_a_plain_workbook_is_read_from_its_first_sheet():
    data = xlsx([[*HEADER, "来源"], ["出具证明事项", "1", "出生医学证明", "网址"]])

    result = read_catalog(data, "清单.xlsx")

    assert result.ok and result.warnings == []
    [row] = result.rows
    assert (row.row, row.list_kind, row.item_no, row.name, row.source) == (
        2,
        "certificate",
        "1",
        "出生医学证明",
        "网址",
    )


def test_numbers_are_read_as_text_without_a_trailing_zero():
    data = xlsx([[*HEADER, "类别"], ["负面事项", 1.0, "甲", 2.5], ["负面事项", 12, "乙", -3.0]])

    result = read_catalog(data, "a.xlsx")

    assert [(row.item_no, row.category) for row in result.rows] == [("1", "2.5"), ("12", "-3")]


def test_dates_are_read_as_iso_text():
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, [*HEADER, "依据", "来源"])
    sheet.write_row(1, 0, ["负面事项", "1", "甲"])
    sheet.write_datetime(
        1, 3, datetime.datetime(2024, 3, 5), workbook.add_format({"num_format": "yyyy-mm-dd"})
    )
    stamp_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_datetime(1, 4, datetime.datetime(2024, 3, 5, 9, 30), stamp_format)
    workbook.close()

    [row] = read_catalog(buffer.getvalue(), "a.xlsx").rows

    assert (row.basis, row.source) == ("2024-03-05", "2024-03-05 09:30:00")


def test_a_formula_cell_is_an_error_naming_its_row_and_column():
    rows = [HEADER, ["负面事项", "1", "甲"], ["负面事项", "2", None], ["负面事项", "3", "丙"]]

    result = read_catalog(xlsx(rows, formulas={(2, 2): '="乙"&"乙"'}), "a.xlsx")

    error = only_error(result)
    assert (error.row, error.column) == (3, "事项名称")
    assert "C3" in error.message and "公式" in error.message and "文本" in error.message
    assert [row.row for row in result.rows] == [2, 4]


def test_formulas_are_reported_in_every_row_and_in_the_header():
    rows = [["清单类型", "序号", None], ["负面事项", None, "甲"], ["负面事项", None, "乙"]]
    formulas = {(0, 2): ('="事项名称"', "事项名称"), (1, 1): ("=1", 1), (2, 1): ("=2", 2)}

    result = read_catalog(xlsx(rows, formulas=formulas), "a.xlsx")

    assert [(error.row, error.column) for error in result.errors] == [
        (1, "事项名称"),
        (2, "序号"),
        (3, "序号"),
    ]
    assert "C1" in result.errors[0].message and "B3" in result.errors[2].message
    assert result.rows == []


@pytest.mark.parametrize("cut", ["half", "tail"])
def test_a_truncated_workbook_is_a_whole_file_error(cut):
    data = xlsx([HEADER, ["负面事项", "1", "甲"]])
    data = data[: len(data) // 2] if cut == "half" else data[:-40]

    error = only_error(read_catalog(data, "a.xlsx"))

    assert (error.row, error.column) == (0, "")
    assert "损坏" in error.message


def test_a_workbook_with_a_damaged_sheet_is_a_whole_file_error():
    source = zipfile.ZipFile(io.BytesIO(xlsx([HEADER, ["负面事项", "1", "甲"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            content = source.read(name)
            archive.writestr(name, content[:50] if name == "xl/worksheets/sheet1.xml" else content)

    error = only_error(read_catalog(buffer.getvalue(), "a.xlsx"))

    assert "损坏" in error.message


def test_a_text_file_named_xlsx_is_not_a_workbook():
    error = only_error(read_catalog("清单类型\t序号\t事项名称\n".encode(), "a.xlsx"))

    assert ".xlsx" in error.message and "不是有效" in error.message


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")

    error = only_error(read_catalog(buffer.getvalue(), "a.xlsx"))

    assert "不是有效" in error.message


def ole_container(*stream_names: str) -> bytes:
    """The start of an OLE compound file (how Office stores .xls and encrypted workbooks)."""
    names = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in stream_names)
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504 + names + b"\x00" * 1024


def test_a_password_protected_workbook_is_refused_with_a_hint():
    data = ole_container("EncryptionInfo", "EncryptedPackage")

    error = only_error(read_catalog(data, "a.xlsx"))

    assert "密码" in error.message


def test_an_old_xls_workbook_renamed_xlsx_is_refused_with_a_hint():
    error = only_error(read_catalog(ole_container("Workbook"), "a.xlsx"))

    assert ".xls" in error.message and "另存为" in error.message


def test_only_the_first_sheet_is_read_and_the_others_are_mentioned():
    result = read_catalog(xlsx([HEADER, ["负面事项", "1", "甲"]], more_sheets=2), "a.xlsx")

    assert result.ok
    [warning] = result.warnings
    assert warning.row == 0
    assert "「清单」" in warning.message and "2 个" in warning.message


def test_title_rows_above_the_header_are_skipped_with_a_warning():
    rows = [["附件1"], ["某村履职事项清单"], None, HEADER, ["负面事项", "1", "甲"]]

    result = read_catalog(xlsx([row or [] for row in rows]), "a.xlsx")

    assert result.ok
    assert [row.row for row in result.rows] == [5]
    [warning] = result.warnings
    assert "第1行至第3行" in warning.message


def test_a_list_kind_merged_down_several_rows_applies_to_each_row():
    rows = [HEADER, [None, "1", "甲"], [None, "2", "乙"], [None, None, "丙"]]
    merges = [(1, 0, 2, 0, "负面事项"), (3, 0, 3, 1, "主责事项")]

    result = read_catalog(xlsx(rows, merges=merges), "a.xlsx")

    # The second range merges 清单类型 with 序号 across one row: 序号 stays empty.
    assert [(row.row, row.list_kind) for row in result.rows] == [(2, "negative"), (3, "negative")]
    assert [(error.row, error.column) for error in result.errors] == [(4, "序号")]


def test_an_empty_workbook_is_a_whole_file_error():
    error = only_error(read_catalog(xlsx([]), "a.xlsx"))

    assert "空" in error.message


def test_a_cell_outside_the_header_in_a_workbook_is_an_error():
    result = read_catalog(xlsx([HEADER, ["负面事项", "1", "甲", None, "备注"]]), "a.xlsx")

    error = only_error(result)
    assert (error.row, error.column) == (2, "")
    assert "第5列（E列）" in error.message
