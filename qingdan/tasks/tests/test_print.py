"""The printed checklist (PDF, read back with pypdf) and the .xlsx export (read back with calamine)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from qingdan.tasks import actions, pdf, queries
from qingdan.tasks.sheet import checklist_workbook
from qingdan.testing import in_days

pytestmark = pytest.mark.django_db

HEADERS = [
    "序号",
    "工作方面",
    "工作任务",
    "工作措施",
    "牵头领导",
    "配合领导",
    "具体责任人",
    "完成时限",
    "汇报对象",
]
LONG = "加强巡查值守，" * 150 + "以上措施全部落实到人【措施完】"


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def long_checklist(make_checklist, row, township_dispatcher):
    rows = [
        row(area=f"第{n // 10 + 1}方面", task=f"第{n}项任务：组织开展汛前检查", deadline=in_days(n))
        for n in range(1, 41)
    ]
    rows[4].measures = LONG  # taller than what is left of its page
    return make_checklist(rows=rows)


def printed(checklist, user) -> bytes:
    return pdf.checklist_pdf(checklist, queries.rows_of(checklist, user))


def test_the_pdf_is_a4_landscape_with_title_source_and_the_eight_columns(long_checklist, township_dispatcher):
    data = printed(long_checklist, township_dispatcher)
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape, in points
    first = squeeze(reader.pages[0].extract_text())
    assert first.startswith("2025年甲镇防汛抗旱任务清单")
    assert "任务来源：全县防汛抗旱工作会议（2025-03-20）" in first
    assert "牵头单位：甲镇党政办" in first
    assert squeeze(" ".join(HEADERS)) in first
    assert (
        "第1项任务：组织开展汛前检查" in first and "王书记" in first and "赵镇长" in first and "李明" in first
    )


def test_every_page_repeats_the_header_row_and_is_numbered(long_checklist, township_dispatcher):
    pages = pages_of(printed(long_checklist, township_dispatcher))
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        flat = squeeze(text)
        assert squeeze(" ".join(HEADERS)) in flat, f"page {number} has no header row"
        assert f"第{number}页共{total}页" in flat
    assert squeeze(pages[1]).startswith(squeeze(" ".join(HEADERS)))  # page 2 opens with the header


def test_nothing_is_cut_off(long_checklist, township_dispatcher):
    flat = squeeze("".join(pages_of(printed(long_checklist, township_dispatcher))))
    for n in range(1, 41):
        assert f"第{n}项任务：组织开展汛前检查" in flat
    assert flat.count("对辖区河道、堤防、山塘水库逐一排查，建立问题清单，限期整改。") == 39
    assert "加强巡查值守，加强巡查值守，" in flat and "以上措施全部落实到人【措施完】" in flat
    # Every character of the long measures is printed, though a page break may fall inside a phrase.
    assert flat.count("巡") == 150 and flat.count("值") == 150


def test_rows_of_one_area_share_one_merged_cell(long_checklist, township_dispatcher):
    rows = pdf.merge_areas(queries.rows_of(long_checklist, township_dispatcher))
    assert [r.area_span for r in rows[:11]] == [9, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0]
    html = pdf.html(long_checklist, rows)
    assert html.count('rowspan="10"') == 3 and html.count('rowspan="9"') == 1


def test_the_page_footer_is_chinese():
    assert pdf.page_counter() == '"第 " counter(page) " 页 共 " counter(pages) " 页"'


def test_the_xlsx_export_round_trips_through_the_import(active, township_dispatcher, make_checklist):
    rows = queries.rows_of(active, township_dispatcher)
    data = checklist_workbook(active, rows)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        workbook_xml = book.read("xl/workbook.xml").decode()
        styles = book.read("xl/styles.xml").decode()
    assert "<f>" not in sheet
    assert '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' in sheet  # A4, one page wide
    assert '<pageSetUpPr fitToPage="1"/>' in sheet
    assert "_xlnm.Print_Titles" in workbook_xml and "$4:$4" in workbook_xml  # the header row repeats
    assert "第 &amp;P 页 共 &amp;N 页" in sheet
    assert 'wrapText="1"' in styles  # long text wraps inside its cell
    cells = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert cells[0][0] == "2025年甲镇防汛抗旱任务清单"
    assert cells[3] == HEADERS
    assert cells[4][1:] == [
        "防汛准备",
        "开展汛前隐患排查",
        "对辖区河道、堤防、山塘水库逐一排查，建立问题清单，限期整改。",
        "王书记",
        "赵镇长",
        "李明",
        in_days(30).isoformat(),
        "镇防汛办",
    ]

    again = make_checklist(rows=[])
    upload = io.BytesIO(data)
    actions.import_rows(user=township_dispatcher, checklist=again, file=upload, name="导出.xlsx")
    copied = again.rows.get()
    original = active.rows.get()
    for field in ("area", "task", "measures", "lead_leader", "responsible", "deadline", "report_to"):
        assert getattr(copied, field) == getattr(original, field), field
    assert list(copied.cooperating_leaders.all()) == list(original.cooperating_leaders.all())
