"""Reading an existing ledger of coordination bodies: every bad row named, nothing partial."""

from __future__ import annotations

import codecs
import dataclasses
import datetime
import io

import pytest
import xlsxwriter
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from qingdan.audit.models import AuditEvent
from qingdan.bodies import actions
from qingdan.bodies.importer import BadDate, parse_date, read_ledger
from qingdan.bodies.ledger import HEADER, ledger_rows, ledger_tsv, ledger_xlsx, township_ledger_rows
from qingdan.bodies.models import CoordinationBody
from qingdan.errors import ActionRefused

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def county_ledger(county, department, other_department):
    return ledger_rows(county_name=county.name, unit_names=[department.name, other_department.name])


def one_row(**changes) -> dict[str, str]:
    row = {
        "名称": "县防汛抗旱指挥部",
        "类型": "指挥部",
        "设立时间": "2019-03-01",
        "设立文件": "测政办发〔2019〕5号",
        "牵头单位": "县农业农村局",
        "性质(常设/阶段性/临时)": "常设",
        "状态": "在册",
    }
    return {**row, **changes}


def read(rows, county, *, filename="台账.tsv", header=HEADER):
    return read_ledger(ledger_tsv(rows, header), filename, division=county, today=TODAY)


def texts(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_realistic_county_ledger_of_150_bodies_reads_cleanly(county, department, other_department):
    result = read_ledger(
        ledger_xlsx(county_ledger(county, department, other_department), title="测试县议事协调机构台账"),
        "台账.xlsx",
        division=county,
        today=TODAY,
    )
    assert result.ok, texts(result.errors)
    assert (len(result.rows), result.active, result.revoked) == (150, 25, 125)
    assert min(row.set_up_on for row in result.rows).year == 1990
    assert any("表头上方" in text or "标题" in text for text in texts(result.warnings))
    farming = [row for row in result.rows if row.lead_unit_name == "县农业农村局"]
    assert farming and all(row.lead_unit == department for row in farming)
    gone = [row for row in result.rows if row.lead_unit_name == "县扶贫开发办公室"]
    assert gone and gone[0].lead_unit is None
    assert any("县扶贫开发办公室" in text and "按原文保留" in text for text in texts(result.warnings))
    assert any("只填了年月" in text for text in texts(result.warnings))  # 1993年6月 and the like


def test_the_tsv_and_the_xlsx_of_one_ledger_read_the_same(county, department, other_department):
    rows = county_ledger(county, department, other_department)
    from_tsv = read_ledger(ledger_tsv(rows), "a.tsv", division=county, today=TODAY)
    from_xlsx = read_ledger(ledger_xlsx(rows), "a.xlsx", division=county, today=TODAY)
    assert from_tsv.rows == from_xlsx.rows


@pytest.mark.parametrize("bad_date", [None, "2019-13-45"], ids=["good ledger", "ledger with a bad date"])
def test_a_ledger_with_a_byte_order_mark_reads_exactly_as_one_without(
    county, department, other_department, bad_date
):
    rows = county_ledger(county, department, other_department)
    if bad_date:
        rows.append(one_row(名称="县某临时指挥部", 设立时间=bad_date))
    data = ledger_tsv(rows)
    without = read_ledger(data, "台账.tsv", division=county, today=TODAY)

    with_mark = read_ledger(codecs.BOM_UTF8 + data, "台账.tsv", division=county, today=TODAY)

    assert with_mark == without
    if bad_date:
        assert [(p.row, p.column) for p in without.errors] == [(152, "设立时间")]
    else:
        assert without.ok and len(without.rows) == 150


def test_importing_the_ledger_enters_every_body_in_one_act(
    catalog_office, county, department, other_department
):
    result = read(county_ledger(county, department, other_department), county)
    count = actions.import_ledger(user=catalog_office, division=county, rows=result.rows, filename="台账.tsv")
    assert count == 150
    assert CoordinationBody.objects.filter(county=county, status="active").count() == 25
    revoked = CoordinationBody.objects.filter(status="revoked")
    assert revoked.count() == 125 and not revoked.filter(revocation_document="").exists()
    kept = CoordinationBody.objects.get(name="县委农村工作领导小组")
    assert kept.lead_unit == department and kept.basis_class == "mirror"
    assert (
        department in kept.member_units.all()
        or other_department in kept.member_units.all()
        or (kept.other_members)
    )
    [event] = AuditEvent.objects.all()
    assert event.action == "bodies.import_ledger"
    assert event.note == "台账.tsv：共 150 个机构，在册 25 个，已撤销 125 个。"


def test_a_ledger_read_again_after_import_skips_what_is_registered(
    catalog_office, county, department, other_department
):
    rows = county_ledger(county, department, other_department)
    actions.import_ledger(user=catalog_office, division=county, rows=read(rows, county).rows)
    again = read(rows, county)
    assert again.ok and again.rows == [] and len(again.skipped) == 150
    assert "已在册" in texts(again.warnings)[-1] or any("已在册" in t for t in texts(again.warnings))
    with pytest.raises(ActionRefused):
        actions.import_ledger(user=catalog_office, division=county, rows=again.rows)
    assert CoordinationBody.objects.count() == 150


def test_a_township_ledger_of_revoked_bodies_imports_into_the_township(catalog_office, township):
    result = read(township_ledger_rows(township_name=township.name, total=40), township)
    assert result.ok, texts(result.errors)
    assert result.revoked == 40
    actions.import_ledger(user=catalog_office, division=township, rows=result.rows)
    assert CoordinationBody.objects.filter(division=township, status="revoked").count() == 40


def test_a_ledger_above_the_cap_warns_how_many_must_go(county, department, other_department):
    rows = county_ledger(county, department, other_department)
    for row in rows[25:30]:
        row.update({"状态": "在册", "撤销时间": "", "撤销文件": ""})
    result = read(rows, county)
    assert result.ok
    assert "导入后测试县在册议事协调机构 30 个，超过上限 25 个，须撤销 5 个" in texts(result.warnings)[-1]


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        (
            {"性质(常设/阶段性/临时)": "临时", "结束时间": "2018-12-31"},
            "结束时间",
            "结束时间（2018-12-31）早于设立时间（2019-03-01）。",
        ),
        ({"状态": "已撤销", "撤销时间": "2024-03-20"}, "撤销文件", "已撤销的机构须填写撤销文件的文号。"),
        ({"状态": "已撤销", "撤销文件": "测编发〔2024〕3号"}, "撤销时间", "已撤销的机构须填写撤销时间。"),
        (
            {"状态": "已撤销", "撤销时间": "2018-01-01", "撤销文件": "x"},
            "撤销时间",
            "撤销时间（2018-01-01）早于设立时间（2019-03-01）。",
        ),
        ({"撤销文件": "测编发〔2024〕3号", "状态": "在册"}, "状态", "状态为在册，却填了撤销时间或撤销文件。"),
        ({"名称": ""}, "名称", "未填写名称。"),
        ({"设立时间": ""}, "设立时间", "未填写日期。"),
        (
            {"设立时间": "2019年13月1日"},
            "设立时间",
            "「2019年13月1日」不是日期，请写成 2019-03-01 或 2019年3月1日。",
        ),
        ({"设立时间": "去年"}, "设立时间", "「去年」不是日期，请写成 2019-03-01 或 2019年3月1日。"),
        ({"设立时间": "2027-01-01"}, "设立时间", "「2027-01-01」晚于今天。"),
        ({"设立时间": "1066-10-14"}, "设立时间", "「1066-10-14」早得不合常理，请核对。"),
        ({"类型": "议事会"}, "类型", "未知的类型「议事会」"),
        ({"性质(常设/阶段性/临时)": "长久"}, "性质", "未知的性质「长久」，应为常设、阶段性或临时。"),
        ({"状态": "休眠"}, "状态", "未知的状态「休眠」，应为在册或已撤销。"),
        ({"保留依据类别": "领导重视"}, "保留依据类别", "未知的保留依据类别「领导重视」"),
        ({"名称": "县" * 201}, "名称", "内容过长（201字），最多200字。"),
    ],
)
def test_every_bad_cell_is_named_by_row_and_column_and_nothing_is_kept(
    county, department, change, column, message
):
    good = one_row(名称="县安全生产委员会")
    result = read([good, one_row(**change)], county)
    assert not result.ok and result.rows == []
    problem = next(p for p in result.errors if p.column == column)
    assert problem.row == 3  # the header is row 1, the good row 2
    assert message in problem.message, texts(result.errors)
    assert str(problem).startswith(f"第3行「{column}」：")


def test_an_unknown_lead_unit_is_a_warning_and_its_name_is_kept(county, department):
    result = read([one_row(牵头单位="县防汛办")], county)
    assert result.ok
    [row] = result.rows
    assert row.lead_unit is None and row.lead_unit_name == "县防汛办"
    [warning] = [p for p in result.warnings if p.column == "牵头单位"]
    assert warning.message == "「县防汛办」不是测试县的单位，已按原文保留。"


def test_units_are_found_by_their_names_with_or_without_the_county(county, department, other_department):
    result = read(
        [one_row(牵头单位="农业农村局", 成员单位="测试县自然资源局、县农业农村局，县气象局")],
        county,
    )
    [row] = result.rows
    assert row.lead_unit == department
    assert row.members == (other_department, department)
    assert row.other_members == "县气象局"


def test_a_kind_left_empty_is_read_from_the_name(county, department):
    [row] = read([one_row(类型="", 名称="县河湖长制工作领导小组")], county).rows
    assert row.kind == "leading_group"


def test_two_rows_of_the_same_body_are_an_error(county, department):
    result = read([one_row(), one_row(名称="测试县防汛抗旱指挥部")], county)
    [problem] = result.errors
    assert (problem.row, problem.column) == (3, "名称") and "第2行" in problem.message


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["名称", "类型"], "缺少必填列「设立时间」"),
        (["名称", "设立时间", "设立时间"], "「设立时间」出现了两次"),
    ],
)
def test_a_bad_header_is_refused_before_any_row(county, header, message):
    result = read([one_row()], county, header=header)
    assert not result.ok and result.rows == []
    assert any(message in text for text in texts(result.errors)), texts(result.errors)


def test_an_unknown_column_is_a_warning(county, department):
    result = read([one_row(负责人="张三")], county, header=[*HEADER, "负责人"])
    assert result.ok
    assert any("负责人" in text and "不会导入" in text for text in texts(result.warnings))


def workbook_with_formula() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for col, text in enumerate(["名称", "设立时间", "牵头单位"]):
        sheet.write_string(0, col, text)
    sheet.write_string(1, 0, "县防汛抗旱指挥部")
    sheet.write_formula(1, 1, "=DATE(2019,3,1)", None, 43525)
    sheet.write_string(1, 2, "县农业农村局")
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.tsv", "文件是空的"),
        (b"name\tx\n", "a.csv", ".xlsx"),
        ("名称\t设立时间\n县防汛抗旱指挥部\t2019-03-01\n".encode("gb18030"), "a.tsv", "GB18030"),
        (b"PK\x03\x04 broken", "a.xlsx", "文件已损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "a.xlsx", "旧版 Excel"),
        ("名称\t设立时间\n".encode(), "a.tsv", "表头下面没有任何机构"),
        (None, "a.xlsx", "含公式"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message(county, department, data, filename, message):
    result = read_ledger(
        workbook_with_formula() if data is None else data, filename, division=county, today=TODAY
    )
    assert not result.ok and result.rows == []
    assert any(message in text for text in texts(result.errors)), texts(result.errors)


def test_a_row_the_database_refuses_leaves_nothing_behind(
    catalog_office, county, department, other_department
):
    rows = read(county_ledger(county, department, other_department), county).rows
    broken = dataclasses.replace(rows[100], ends_on=datetime.date(1980, 1, 1))  # past the reader's checks
    with pytest.raises(IntegrityError):
        actions.import_ledger(user=catalog_office, division=county, rows=[*rows[:100], broken])
    assert not CoordinationBody.objects.exists() and not AuditEvent.objects.exists()


def test_only_the_catalog_office_imports(supervisor, dept_clerk, county, department):
    rows = read([one_row()], county).rows
    for user in (supervisor, dept_clerk):
        with pytest.raises(PermissionDenied):
            actions.import_ledger(user=user, division=county, rows=rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-03-01", (datetime.date(2019, 3, 1), "day")),
        ("2019-03-01 00:00:00", (datetime.date(2019, 3, 1), "day")),
        ("2003.5.12", (datetime.date(2003, 5, 12), "day")),
        ("2003/05/12", (datetime.date(2003, 5, 12), "day")),
        ("1998年7月1日", (datetime.date(1998, 7, 1), "day")),
        ("20190301", (datetime.date(2019, 3, 1), "day")),
        ("43525", (datetime.date(2019, 3, 1), "day")),
        ("1995年3月", (datetime.date(1995, 3, 1), "month")),
        ("1995.3", (datetime.date(1995, 3, 1), "month")),
        ("1992年", (datetime.date(1992, 1, 1), "year")),
    ],
)
def test_ledger_dates_are_read_in_the_ways_offices_write_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2019-02-30", "三月", "2019年13月", "19-3-1"])
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(BadDate):
        parse_date(text)
