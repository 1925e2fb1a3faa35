import codecs
import io
import re
import zipfile

import pytest

from qingdan.duties.sheet import COLUMNS, ItemRow, read_catalog, read_catalog_path, write_tsv, write_xlsx

from .build import SAMPLE

TRICKY = [
    "=1+1",
    "+86 027",
    "-1",
    "@某人",
    "'=已加引号",
    "''-两个引号",
    "'普通引号",
    '=HYPERLINK("http://x")',
]


def item(row: int, **values: str) -> ItemRow:
    fields = dict.fromkeys((field for _, field in COLUMNS), "") | {"list_kind": "negative", "name": "甲"}
    return ItemRow(row=row, **(fields | {"item_no": str(row - 1)} | values))


def tricky_rows() -> list[ItemRow]:
    rows = [
        item(2 + index, category=value, content=value, source=value) for index, value in enumerate(TRICKY)
    ]
    rows.append(item(len(rows) + 2, item_no="-5", name="-开头的事项"))
    rows.append(item(len(rows) + 2, list_kind="withdrawn", item_no="1", name="@", working_method="+"))
    return rows


def workbook_bytes(rows) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(rows, buffer)
    return buffer.getvalue()


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_export_then_import_gives_identical_rows_even_for_formula_like_values():
    rows = tricky_rows()
    rows.append(item(len(rows) + 2, basis="多行\n依据", content="-多行\n内容"))

    result = read_catalog(workbook_bytes(rows), "导出.xlsx")

    assert result.ok, [str(error) for error in result.errors]
    assert result.rows == rows


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"sample catalog not found at {SAMPLE}")
def test_the_hubei_catalog_survives_an_export_and_import():
    rows = read_catalog_path(SAMPLE).rows

    assert read_catalog(workbook_bytes(rows), "导出.xlsx").rows == rows


def test_the_exported_workbook_holds_no_formula_and_quotes_formula_like_values(tmp_path):
    path = tmp_path / "导出.xlsx"
    write_xlsx(tricky_rows(), path)

    xml = sheet_xml(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()

    assert not re.search(r"<f[\s/>]", xml)
    assert re.findall(r"<c [^>]*>", xml) and all('t="s"' in cell for cell in re.findall(r"<c [^>]*>", xml))
    assert "<t>'=1+1</t>" in strings and "<t>'-5</t>" in strings and "<t>'''-两个引号</t>" in strings
    assert "<t>'普通引号</t>" in strings  # no formula character after the quote: left alone


def test_the_exported_workbook_is_ready_to_filter_and_print():
    data = workbook_bytes([item(2)])
    xml = sheet_xml(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()

    assert 'ySplit="1"' in xml  # header row frozen
    assert '<autoFilter ref="A1:K2"/>' in xml
    assert 'orientation="landscape"' in xml and 'paperSize="9"' in xml and 'fitToHeight="0"' in xml
    assert "<fitToPage" in xml or 'fitToPage="1"' in xml
    assert "_xlnm.Print_Titles" in workbook and "$1:$1" in workbook  # header repeated on every page
    assert 'name="履职事项清单"' in workbook
    assert 'wrapText="1"' in archive_text(data, "xl/styles.xml")


def archive_text(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode()


def test_the_header_row_lists_all_eleven_columns_in_file_order():
    data = workbook_bytes([])
    strings = archive_text(data, "xl/sharedStrings.xml")

    assert re.findall(r"<t>([^<]*)</t>", strings) == [header for header, _ in COLUMNS]


def test_rows_may_be_mappings_keyed_by_field_or_by_chinese_header():
    rows = [
        {"list_kind": "primary", "item_no": "1", "name": "宣传宪法"},
        {"清单类型": "出具证明事项", "序号": 2, "事项名称": "出生证明", "来源": None},
    ]

    result = read_catalog(workbook_bytes(rows), "a.xlsx")

    assert [(row.list_kind, row.item_no, row.name, row.source) for row in result.rows] == [
        ("primary", "1", "宣传宪法", ""),
        ("certificate", "2", "出生证明", ""),
    ]


def test_a_tsv_export_reads_back_as_identical_rows():
    rows = tricky_rows()
    buffer = io.BytesIO()

    write_tsv(rows, buffer)

    lines = buffer.getvalue().decode("utf-8-sig").split("\n")
    assert lines[0] == "\t".join(header for header, _ in COLUMNS)
    assert read_catalog(buffer.getvalue(), "a.tsv").rows == rows


def test_a_tsv_export_starts_with_one_utf8_byte_order_mark_so_excel_reads_the_chinese(tmp_path):
    rows = [item(2, name="居民财产证明"), item(3, name="出生证明")]
    path = tmp_path / "导出.tsv"

    with path.open("wb") as file:
        write_tsv(rows, file)

    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert not data[len(codecs.BOM_UTF8) :].startswith(codecs.BOM_UTF8)
    assert data[len(codecs.BOM_UTF8) :].decode("utf-8").startswith("清单类型\t")
    result = read_catalog_path(path)
    assert result.ok and result.warnings == []
    assert result.rows == rows


def test_a_tsv_export_keeps_one_line_per_row():
    rows = [item(2, name="名称\t含制表符", content="第一行\r\n第二行\n第三行\r第四行")]
    buffer = io.BytesIO()

    write_tsv(rows, buffer)

    lines = buffer.getvalue().decode("utf-8").split("\n")
    assert len(lines) == 3 and lines[-1] == ""
    assert lines[1].count("\t") == 10
    [row] = read_catalog(buffer.getvalue(), "a.tsv").rows
    assert (row.name, row.content) == ("名称 含制表符", "第一行 第二行 第三行 第四行")


def test_a_tsv_can_be_written_to_a_text_stream():
    stream = io.StringIO()

    write_tsv([item(2, item_no="=1")], stream)

    assert stream.getvalue().startswith("\ufeff清单类型\t")
    assert stream.getvalue().splitlines()[1].startswith("负面事项\t'=1\t")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "UTF_8_SIG"])
def test_a_tsv_written_to_a_text_file_has_exactly_one_byte_order_mark(tmp_path, encoding):
    rows = [item(2, name="居民财产证明")]
    path = tmp_path / "导出.tsv"

    with path.open("w", encoding=encoding, newline="") as file:
        write_tsv(rows, file)

    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + "清单类型".encode())
    assert read_catalog_path(path).rows == rows
