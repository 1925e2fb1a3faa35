"""Reading any spreadsheet file: the formats, the encodings, the refusals in Chinese."""

import codecs
import io
import subprocess
import sys

import pytest
import xlsxwriter

from qingdan.sheets import Problem, load_grid, load_rows
from qingdan.sheets.headers import HeaderNames, find_header
from qingdan.sheets.problems import Problems


def workbook(rows, formula_at=None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    if formula_at:
        sheet.write_formula(*formula_at, "=1+1", None, 2)
    book.close()
    return buffer.getvalue()


def test_tsv_csv_and_xlsx_give_the_same_text_cells():
    rows = [["姓名", "人数"], ["张三", "3"]]
    tsv = "\n".join("\t".join(row) for row in rows).encode()
    csv = "姓名,人数\r\n张三,3\r\n".encode()
    xlsx = workbook([["姓名", "人数"], ["张三", 3]])
    for data, name in ((tsv, "a.tsv"), (csv, "a.csv"), (xlsx, "a.XLSX")):
        grid = load_grid(data, name)
        assert not isinstance(grid, Problem), name
        assert grid.cells == rows, name


def test_a_csv_cell_may_hold_commas_and_line_breaks_in_quotes():
    grid = load_grid('名称,备注\r\n"甲,乙","两\n行"\r\n'.encode(), "a.csv")
    assert grid.cells[1] == ["甲,乙", "两\n行"]


@pytest.mark.parametrize("name", ["a.tsv", "a.csv"])
def test_a_gb18030_text_file_is_refused_with_a_hint_to_save_as_utf8(name):
    problem = load_grid("姓名\t人数\n张三\t3\n".encode("gb18030"), name)
    assert isinstance(problem, Problem)
    assert "GB18030" in problem.message and "UTF-8" in problem.message


def test_a_binary_file_named_tsv_is_refused_in_chinese():
    problem = load_grid(b"\x00\x01\x02binary", "a.tsv")
    assert isinstance(problem, Problem) and "二进制" in problem.message


def test_utf16_with_a_mark_and_utf8_with_a_mark_are_read():
    for data in (codecs.BOM_UTF16_LE + "甲\t乙\n".encode("utf-16-le"), codecs.BOM_UTF8 + "甲\t乙\n".encode()):
        assert load_grid(data, "a.tsv").cells == [["甲", "乙"]]


def test_an_unknown_suffix_and_an_empty_file_are_refused():
    assert "不支持" in load_grid(b"x", "a.doc").message
    assert "空" in load_grid(b"  \n", "a.tsv").message
    assert "不支持" in load_grid(b"x", "a.csv", suffixes=(".xlsx",)).message


def test_formula_cells_are_listed_by_row_and_reference():
    grid = load_grid(workbook([["名称"], ["甲"]], formula_at=(1, 1)), "a.xlsx")
    assert grid.formulas == {2: [(1, "B2")]}


def test_rows_of_a_tsv_are_split_lazily_with_their_row_numbers():
    rows = load_rows(b"a\tb\n\nc\td\n", "a.tsv")
    assert rows.total == 3
    assert list(rows.rows) == [(1, ["a", "b"]), (2, [""]), (3, ["c", "d"])]


def test_the_header_is_found_below_title_rows_and_the_iterator_goes_on_after_it():
    rows = iter([(1, ["附件1"]), (2, [""]), (3, ["序号", "名称"]), (4, ["1", "甲"])])
    header = find_header(rows, lambda cells: "名称" in cells)
    assert (header.row_no, header.first_row_no, header.matched, header.skipped_titles) == (3, 1, True, True)
    assert next(rows) == (4, ["1", "甲"])


def test_without_a_matching_row_the_first_non_blank_row_is_the_header():
    header = find_header([(1, [" "]), (2, ["甲"]), (3, ["乙"])], lambda cells: False)
    assert (header.row_no, header.matched) == (2, False)
    assert find_header([(1, [""])], lambda cells: True) is None


def test_header_names_ignore_spaces_stars_width_and_notes_and_follow_aliases():
    names = HeaderNames({"机构名称": "名称"}, width_fold=True, drop_note=True)
    assert names(" 机构 名称* ") == "名称"
    assert names("性质(常设/临时)") == "性质"
    assert names("ＡＢ") == "AB"


def test_problems_stop_at_the_cap_with_one_line_saying_so_but_keep_counting():
    problems = Problems(limit=3)
    for row in range(2, 12):
        problems.add(row, "姓名", "未填写")
    assert len(problems) == 4 and problems.count == 10
    assert "超过3处" in str(list(problems)[-1])
    assert str(next(iter(problems))) == "第2行「姓名」：未填写"


def test_the_reading_part_imports_nothing_from_django():
    code = (
        "import sys, qingdan.sheets, qingdan.sheets.cells, qingdan.sheets.writing; "
        "print(sorted(m for m in sys.modules if m.startswith('django')))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
