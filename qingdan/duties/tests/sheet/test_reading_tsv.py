import codecs
import io
import zipfile
from collections import Counter

import pytest

from qingdan.duties.sheet import HEADINGS, LIST_KINDS, ItemRow, Problem, read_catalog, read_catalog_path
from qingdan.sheets.text import load_tsv

from .build import SAMPLE, tsv


def only_error(result) -> Problem:
    assert not result.ok
    assert len(result.errors) == 1, [str(error) for error in result.errors]
    return result.errors[0]


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"sample catalog not found at {SAMPLE}")
def test_the_hubei_village_catalog_reads_without_a_single_problem():
    result = read_catalog_path(SAMPLE)

    assert result.ok
    assert result.warnings == []
    assert len(result.rows) == 122
    counts = Counter(row.list_kind for row in result.rows)
    assert counts == {"primary": 12, "assist": 15, "negative": 74, "certificate": 10, "withdrawn": 11}
    first = result.rows[0]
    assert (first.row, first.list_kind, first.item_no) == (2, "primary", "1")
    assert first.name.startswith("宣传贯彻执行党的路线方针政策")
    assert first.source.startswith("https://")


def test_rows_keep_spreadsheet_numbers_and_blank_lines_are_skipped():
    data = tsv(["负面事项", "1", "甲"], "", "\t \t", ["负面事项", "2", "乙"])

    result = read_catalog(data, "清单.tsv")

    assert result.ok
    assert [(row.row, row.item_no, row.name) for row in result.rows] == [(2, "1", "甲"), (5, "2", "乙")]


def test_cells_are_stripped_and_absent_columns_are_empty_text():
    result = read_catalog(tsv(["  主责事项 ", "\u30003\u3000", " 宣传宪法 "]), "a.tsv")

    assert result.rows == [
        ItemRow(
            row=2, list_kind="primary", item_no="3", category="", name="宣传宪法", content="", basis="",
            responsible_unit="", department_duty="", grassroots_duty="", working_method="", source="",
        )
    ]  # fmt: skip


def test_headers_match_despite_half_and_full_width_spaces():
    header = [" 清单类型", "序\u3000号", "\u3000事项名称\u3000", "来源 "]

    result = read_catalog(tsv(["协助事项", "1", "配合开展人口普查", "网址"], header=header), "a.tsv")

    assert result.ok and result.warnings == []
    assert result.rows[0].source == "网址"


def test_every_list_kind_heading_is_accepted():
    lines = [[heading, "1", "某事项"] for heading in LIST_KINDS]

    result = read_catalog(tsv(*lines), "a.tsv")

    assert result.ok
    assert [row.list_kind for row in result.rows] == list(HEADINGS)


@pytest.mark.parametrize(
    "data",
    [
        tsv(["负面事项", "1", "居民财产证明"], ["出具证明事项", "2", "出生证明"]),
        tsv(
            ["负面事项", "1", "甲"], ["负面清单", "2", "乙"], header=["清单类型", "序号", "事项名称", "备注"]
        ),
        tsv(["负面事项", "1", "甲"], header=[" 清单类型", "序\u3000号", "事项名称"]),
    ],
    ids=["good rows", "an error and a warning", "spaced headers"],
)
def test_a_file_with_a_byte_order_mark_reads_exactly_as_one_without(data):
    without = read_catalog(data, "a.tsv")

    with_mark = read_catalog(codecs.BOM_UTF8 + data, "a.tsv")

    assert with_mark == without
    assert load_tsv(codecs.BOM_UTF8 + data) == load_tsv(data)  # the mark is gone before headers are read
    assert without.rows or without.errors  # the files say something, so the comparison means something


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", "\ufeff".encode()], ids=["nothing", "blank", "bom"])
def test_an_empty_file_is_a_whole_file_error(data):
    error = only_error(read_catalog(data, "a.tsv"))

    assert (error.row, error.column) == (0, "")
    assert "空" in error.message
    assert str(error) == error.message


def test_a_header_without_items_is_an_error():
    error = only_error(read_catalog(tsv(), "a.tsv"))

    assert error.row == 0
    assert "没有任何事项" in error.message


def test_a_missing_required_header_is_named_and_no_row_is_read():
    result = read_catalog(tsv(["负面事项", "不得要求村级出具证明"], header=["清单类型", "事项名称"]), "a.tsv")

    error = only_error(result)
    assert (error.row, error.column) == (1, "序号")
    assert "「序号」" in error.message
    assert result.rows == []


def test_all_missing_required_headers_are_named():
    result = read_catalog(tsv(["甲", "乙"], header=["名称", "说明"]), "a.tsv")

    assert {(error.row, error.column) for error in result.errors} == {
        (1, "清单类型"),
        (1, "序号"),
        (1, "事项名称"),
    }


def test_a_duplicated_header_is_an_error():
    header = ["清单类型", "序号", "事项名称", "序号"]

    result = read_catalog(tsv(["负面事项", "1", "甲", "1"], header=header), "a.tsv")

    error = only_error(result)
    assert (error.row, error.column) == (1, "序号")
    assert "第2列和第4列" in error.message
    assert result.rows == []


def test_an_unknown_extra_column_is_only_a_warning():
    header = ["清单类型", "序号", "事项名称", "备注"]

    result = read_catalog(tsv(["负面事项", "1", "甲", "随便写点什么"], header=header), "a.tsv")

    assert result.ok
    assert len(result.rows) == 1
    [warning] = result.warnings
    assert (warning.row, warning.column) == (1, "备注")
    assert "不会导入" in warning.message


def test_an_unknown_list_kind_is_an_error_listing_the_allowed_ones():
    result = read_catalog(tsv(["负面事项", "1", "甲"], ["负面清单", "2", "乙"]), "a.tsv")

    error = only_error(result)
    assert (error.row, error.column) == (3, "清单类型")
    assert "「负面清单」" in error.message
    assert all(heading in error.message for heading in LIST_KINDS)
    assert str(error).startswith(
        "第3行「清单类型」：未知的清单类型「负面清单」，应为以下之一：基本履职事项、"
    )
    assert [row.row for row in result.rows] == [2]


@pytest.mark.parametrize(
    ("cells", "column"),
    [(["", "1", "甲"], "清单类型"), (["负面事项", " ", "甲"], "序号"), (["负面事项", "1", ""], "事项名称")],
)
def test_an_empty_required_cell_is_an_error(cells, column):
    result = read_catalog(tsv(cells), "a.tsv")

    error = only_error(result)
    assert (error.row, error.column) == (2, column)
    assert "未填写" in error.message
    assert result.rows == []


def test_a_duplicate_item_number_within_a_list_kind_names_both_rows():
    data = tsv(["负面事项", "7", "甲"], ["主责事项", "7", "乙"], ["负面事项", "7", "丙"])

    result = read_catalog(data, "a.tsv")

    error = only_error(result)
    assert (error.row, error.column) == (4, "序号")
    assert "第2行" in error.message and "负面事项" in error.message
    assert [row.row for row in result.rows] == [3]  # neither duplicate is trusted


def test_the_same_item_number_in_two_list_kinds_is_fine():
    result = read_catalog(tsv(["负面事项", "1", "甲"], ["出具证明事项", "1", "乙"]), "a.tsv")

    assert result.ok
    assert len(result.rows) == 2


def test_cells_at_their_length_limit_are_accepted():
    header = ["清单类型", "序号", "事项名称", "事项内容"]
    cells = ["负面事项", "1" * 20, "名" * 2000, "内" * 10000]

    assert read_catalog(tsv(cells, header=header), "a.tsv").ok


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("序号", "1" * 21, "最多20字"),
        ("事项名称", "名" * 2001, "最多2000字"),
        ("事项内容", "内" * 10001, "最多10000字"),
        ("依据", "依" * 10001, "最多10000字"),
        ("类别", "类" * 201, "最多200字"),
    ],
)
def test_an_over_long_cell_is_an_error(column, value, expected):
    header = ["清单类型", "序号", "事项名称", "事项内容", "依据", "类别"]
    cells = dict(zip(header, ["负面事项", "1", "甲", "", "", ""], strict=True)) | {column: value}

    result = read_catalog(tsv(list(cells.values()), header=header), "a.tsv")

    error = only_error(result)
    assert (error.row, error.column) == (2, column)
    assert expected in error.message


def test_a_row_with_more_cells_than_headers_is_an_error():
    result = read_catalog(tsv(["负面事项", "1", "甲", "多余的内容"]), "a.tsv")

    error = only_error(result)
    assert (error.row, error.column) == (2, "")
    assert "第4列" in error.message and "多余的内容" in error.message
    assert str(error).startswith("第2行：")
    assert result.rows == []


def test_trailing_empty_cells_beyond_the_header_are_ignored():
    assert read_catalog(tsv("负面事项\t1\t甲\t\t"), "a.tsv").ok


def test_every_problem_in_a_file_is_reported_not_only_the_first():
    data = tsv(
        ["负面清单", "1", "甲"], ["负面事项", "", "乙"], ["负面事项", "3", ""], ["负面事项", "4", "丁"]
    )

    result = read_catalog(data, "a.tsv")

    assert [(error.row, error.column) for error in result.errors] == [
        (2, "清单类型"),
        (3, "序号"),
        (4, "事项名称"),
    ]
    assert [row.row for row in result.rows] == [5]
    assert not result.ok


def test_a_gb18030_file_is_refused_with_a_hint_to_save_as_utf8():
    data = "清单类型\t序号\t事项名称\n负面事项\t1\t不得要求村级出具居民财产证明\n".encode("gb18030")

    error = only_error(read_catalog(data, "a.tsv"))

    assert error.row == 0
    assert "GB18030" in error.message and "另存为" in error.message and "UTF-8" in error.message


def test_a_file_in_another_encoding_says_where_reading_failed():
    data = tsv(["负面事项", "1", "甲"]) + b"\xff\xfe\xff\n"

    error = only_error(read_catalog(data, "a.tsv"))

    assert "UTF-8" in error.message and "第3行" in error.message
    assert "GB18030" not in error.message


def test_a_utf8_byte_order_mark_is_accepted():
    result = read_catalog(b"\xef\xbb\xbf" + tsv(["负面事项", "1", "甲"]), "a.txt")

    assert result.ok
    assert result.rows[0].list_kind == "negative"


def test_windows_line_endings_are_accepted():
    data = tsv(["负面事项", "1", "甲"], ["负面事项", "2", "乙"]).replace(b"\n", b"\r\n")

    result = read_catalog(data, "a.tsv")

    assert result.ok
    assert [row.name for row in result.rows] == ["甲", "乙"]


def test_a_workbook_named_tsv_is_recognised():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")

    error = only_error(read_catalog(buffer.getvalue(), "a.tsv"))

    assert ".xlsx" in error.message


@pytest.mark.parametrize("filename", ["清单.csv", "清单.xls", "清单", "清单.tsv.exe"])
def test_an_unsupported_file_type_is_refused(filename):
    error = only_error(read_catalog(tsv(["负面事项", "1", "甲"]), filename))

    assert error.row == 0
    assert ".xlsx" in error.message and ".tsv" in error.message


def test_the_file_type_is_chosen_case_insensitively():
    assert read_catalog(tsv(["负面事项", "1", "甲"]), "清单.TSV").ok


def test_a_cell_starting_with_equals_in_a_tsv_is_data():
    result = read_catalog(tsv(["负面事项", "1", "=SUM(A1:A3)"], ["负面事项", "-2", "+86 电话"]), "a.tsv")

    assert result.ok
    assert [(row.item_no, row.name) for row in result.rows] == [("1", "=SUM(A1:A3)"), ("-2", "+86 电话")]


def test_a_protective_quote_before_a_formula_character_is_removed_and_other_quotes_kept():
    data = tsv(["负面事项", "'-1", "'=1+1"], ["负面事项", "'2", "''@某人"], ["负面事项", "3", "'引号'"])

    result = read_catalog(data, "a.tsv")

    assert [(row.item_no, row.name) for row in result.rows] == [
        ("-1", "=1+1"),
        ("'2", "'@某人"),
        ("3", "'引号'"),
    ]


def test_a_missing_path_is_a_whole_file_error(tmp_path):
    error = only_error(read_catalog_path(tmp_path / "无此文件.xlsx"))

    assert error.row == 0
    assert "无此文件.xlsx" in error.message


def test_problems_print_as_one_chinese_line():
    assert str(Problem(0, "", "文件是空的。")) == "文件是空的。"
    assert str(Problem(4, "", "多了一列。")) == "第4行：多了一列。"
    assert str(Problem(5, "序号", "未填写序号。")) == "第5行「序号」：未填写序号。"


def test_headers_marked_required_with_a_star_are_recognised():
    result = read_catalog(tsv(["负面事项", "1", "甲"], header=["*清单类型", "＊序号", "事项名称*"]), "a.tsv")

    assert result.ok and result.warnings == []
