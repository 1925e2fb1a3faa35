"""Fixtures for task checklists: the people a township names on its rows, and checklists ready to use.

leader          王书记, of 甲镇党政办 (the township_dispatcher's unit): leads rows
helper          赵镇长, of 甲镇党政办: cooperates
worker          李明, of 甲村村委会 (the village_cadre's unit): responsible for rows
row(...)        a RowInput: 李明 responsible, 王书记 leading, due in 30 days unless told otherwise
make_checklist  a checklist of 甲镇党政办 made through the actions; issue=True puts it in force
xlsx(rows)      an .xlsx file in the import layout (a title above the header, as townships write them)
"""

from __future__ import annotations

import datetime
import io

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.orgs.choices import Role
from qingdan.tasks import actions
from qingdan.tasks.actions import RowInput
from qingdan.tasks.models import Checklist
from qingdan.testing import in_days, make_user

HEADER = [
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


@pytest.fixture
def leader(township_dispatcher):
    return make_user("wangshuji", Role.TOWNSHIP_DISPATCHER, township_dispatcher.unit, full_name="王书记")


@pytest.fixture
def helper(township_dispatcher):
    return make_user("zhaozhenzhang", Role.TOWNSHIP_DISPATCHER, township_dispatcher.unit, full_name="赵镇长")


@pytest.fixture
def worker(village_cadre):
    return make_user("liming", Role.VILLAGE_CADRE, village_cadre.unit, full_name="李明")


@pytest.fixture
def row(leader, worker, helper):
    def _row(**fields) -> RowInput:
        values = {
            "area": "防汛准备",
            "task": "开展汛前隐患排查",
            "measures": "对辖区河道、堤防、山塘水库逐一排查，建立问题清单，限期整改。",
            "lead_leader": leader,
            "cooperating_leaders": [helper],
            "responsible": worker,
            "deadline": in_days(30),
            "report_to": "镇防汛办",
        }
        values.update(fields)
        return RowInput(**values)

    return _row


@pytest.fixture
def make_checklist(township_dispatcher, row):
    def _make(*, user=None, rows=None, issue=False, **fields) -> Checklist:
        user = user or township_dispatcher
        values = {
            "title": "2025年甲镇防汛抗旱任务清单",
            "source_title": "全县防汛抗旱工作会议",
            "source_kind": "meeting",
            "source_date": datetime.date(2025, 3, 20),
            "year": 2025,
        }
        values.update(fields)
        checklist = actions.create_checklist(user=user, rows=rows if rows is not None else [row()], **values)
        if issue:
            checklist = actions.issue_checklist(user=user, checklist=checklist)
        return checklist

    return _make


@pytest.fixture
def active(make_checklist):
    return make_checklist(issue=True)


def workbook(
    rows: list[list], *, header: list[str] | None = None, title: str = "甲镇防汛抗旱任务清单", merge=()
):
    """An .xlsx file: a title row, the header, then `rows`; `merge` lists (first_row, last_row, col) to
    merge vertically (0-based indexes into `rows`)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("清单")
    sheet.write(0, 0, title)
    for col, text in enumerate(header or HEADER):
        sheet.write_string(1, col, text)
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values):
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    r,
                    col,
                    datetime.datetime.combine(value, datetime.time()),
                    book.add_format({"num_format": "yyyy-mm-dd"}),
                )
            elif value is not None:
                sheet.write_string(r, col, str(value))
    for first, last, col in merge:
        sheet.merge_range(first + 2, col, last + 2, col, rows[first][col])
    book.close()
    return SimpleUploadedFile(
        "清单.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
