"""Importing a village's ledger from .xlsx: every problem named by row and column, all or nothing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qingdan.burden.ledger.importer import read_ledger
from qingdan.burden.ledger.models import CadreBorrowing, DocumentReceived, Inspection, MeetingCalled
from qingdan.sheets.writing import table_workbook

from .conftest import THIS_MONTH, TODAY

HEADER = ["类别", "月份", "日期", "单位", "文号", "字数", "层级", "时长", "综合性会议", "人数", "天数", "村"]


def workbook(rows) -> bytes:
    return table_workbook("台账", [(name, 12) for name in HEADER], rows)


def good_rows(department) -> list[list[object]]:
    month = f"{THIS_MONTH:%Y-%m}"
    return [
        ["文件", month, "", department.name, "县农发〔2026〕1号", 1800, "", "", "", "", "", "甲村"],
        ["会议", "", TODAY.isoformat(), "农业农村局", "", "", "县级", 1.5, "否", "", "", ""],
        ["检查", "", TODAY.isoformat(), department.name, "", "", "", "", "", "", "", ""],
        ["借调", month, "", department.name, "", "", "", "", "", 1, 10, ""],
    ]


def test_a_good_sheet_reads_into_four_entries(village, department):
    result = read_ledger(workbook(good_rows(department)), "台账.xlsx", village=village)
    assert result.ok, [str(p) for p in result.problems]
    assert [row["entry"] for row in result.rows] == ["document", "meeting", "inspection", "borrowing"]


def test_every_bad_cell_is_named_by_row_and_column(village, department):
    rows = good_rows(department)
    rows[0][5] = -20  # negative characters
    rows[1][3] = "县不存在局"  # unknown issuer
    rows[2][2] = "2099-01-01"  # a future date
    rows[3][11] = "乙村"  # the wrong village
    result = read_ledger(workbook(rows), "台账.xlsx", village=village)
    problems = {(p.row, p.column): p.message for p in result.problems}
    assert set(problems) == {(2, "字数"), (3, "单位"), (4, "日期"), (5, "村")}
    assert "不能为负数" in problems[(2, "字数")]
    assert "县不存在局" in problems[(3, "单位")]
    assert "将来" in problems[(4, "日期")]
    assert "乙村" in problems[(5, "村")]
    assert not result.ok


def test_the_import_pages_commit_all_or_nothing(login, village_cadre, village, point, department):
    client = login(village_cadre)
    rows = good_rows(department)
    rows[3][9] = -1
    bad = SimpleUploadedFile("台账.xlsx", workbook(rows))
    answer = client.post(reverse("burden_ledger:import_upload"), {"village": village.pk, "file": bad})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "人数" in page and "不能为负数" in page
    assert client.post(reverse("burden_ledger:import_commit")).status_code == 302
    assert not DocumentReceived.objects.exists() and not CadreBorrowing.objects.exists()

    good = SimpleUploadedFile("台账.xlsx", workbook(good_rows(department)))
    answer = client.post(reverse("burden_ledger:import_upload"), {"village": village.pk, "file": good})
    assert answer.status_code == 200 and "4条记录可以导入" in answer.content.decode()
    assert client.post(reverse("burden_ledger:import_commit")).status_code == 302
    assert DocumentReceived.objects.count() == 1 and MeetingCalled.objects.count() == 1
    assert Inspection.objects.count() == 1 and CadreBorrowing.objects.count() == 1


def test_a_supervisor_may_not_import(login, supervisor, point):
    assert login(supervisor).get(reverse("burden_ledger:import_upload")).status_code == 403


def test_an_outsider_cannot_import_into_another_village(
    login, outsider, other_point, village, point, department
):
    good = SimpleUploadedFile("台账.xlsx", workbook(good_rows(department)))
    answer = login(outsider).post(
        reverse("burden_ledger:import_upload"), {"village": village.pk, "file": good}
    )
    assert answer.status_code == 400  # 甲村 is not among the villages the outsider may choose
    assert not DocumentReceived.objects.exists()


def test_the_template_reads_back_as_two_entries(login, village_cadre, village, point, county):
    from qingdan.orgs.choices import UnitKind
    from qingdan.orgs.models import Unit

    Unit.objects.create(name="区农业农村局", kind=UnitKind.DEPARTMENT, division=county, county=county)
    Unit.objects.create(name="区民政局", kind=UnitKind.DEPARTMENT, division=county, county=county)
    answer = login(village_cadre).get(reverse("burden_ledger:import_template"))
    assert answer.status_code == 200
    result = read_ledger(answer.content, "template.xlsx", village=village)
    assert [row["entry"] for row in result.rows] == ["document", "meeting"], [str(p) for p in result.problems]
