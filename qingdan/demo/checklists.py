"""Task checklists for the demo county, made through the checklist actions by the demo accounts.

汀泗桥镇 keeps its flood-control work (防汛抗旱) as a checklist, as seed 000's 双岗镇 does: last year's is
closed with its rows done; this year's was copied from it with the dates moved a year on and issued, so
some rows are under way, one is overdue and some are due within days. The township's leaders and staff
named on the rows are demo people without a password (nobody signs in as them); 黄丽华 (tingsiqiao)
keeps the checklists and 程家明 (cunwei) is responsible for a row.

Nothing is made when the township's office already has a checklist.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division, User
from qingdan.tasks import actions
from qingdan.tasks.dates import shift_date
from qingdan.tasks.models import Checklist

TOWNSHIP = "汀泗桥镇"
DISPATCHER = "tingsiqiao"
CADRE = "cunwei"

# username, full name: the township's leaders and staff named on the rows
PEOPLE = [
    ("tsq-liweidong", "李卫东"),  # 镇长
    ("tsq-zhouhongmei", "周红梅"),  # 分管应急的副镇长
    ("tsq-chenzhigang", "陈志刚"),  # 应急管理办公室
    ("tsq-liujianhua", "刘建华"),  # 水利站
]


@dataclass(frozen=True)
class DemoRow:
    area: str
    task: str
    measures: str
    lead: str
    cooperating: tuple[str, ...]
    responsible: str
    due_in: int  # days from today, in this year's checklist
    report_to: str
    progress: int  # reported in this year's checklist


ROWS = [
    DemoRow(
        "组织保障",
        "调整充实镇防汛抗旱指挥机构，明确镇村两级防汛责任人",
        "落实镇领导包村、村干部包组责任制，在镇村公示栏公布防汛责任人名单和联系电话。",
        "李卫东",
        ("周红梅",),
        "陈志刚",
        -20,
        "镇党委",
        100,
    ),
    DemoRow(
        "隐患排查",
        "开展汛前隐患排查整治",
        "对辖区河道、堤防、山塘、水库和地质灾害隐患点逐一排查，建立问题清单，明确整改责任人和时限，整改一处销号一处。",
        "周红梅",
        ("李卫东",),
        "刘建华",
        -5,
        "镇防汛抗旱指挥部",
        60,
    ),
    DemoRow(
        "隐患排查",
        "落实山塘水库安全度汛措施",
        "落实小型水库行政、技术、巡查“三个责任人”，汛期水位每日报告，超汛限水位立即报告。",
        "周红梅",
        (),
        "刘建华",
        2,
        "区水利和湖泊局",
        30,
    ),
    DemoRow(
        "物资保障",
        "储备防汛抢险物资",
        "储备编织袋、救生衣、冲锋舟、发电机等物资，建立台账，定点存放，专人管理。",
        "周红梅",
        ("黄丽华",),
        "陈志刚",
        1,
        "镇防汛抗旱指挥部",
        80,
    ),
    DemoRow(
        "队伍建设",
        "组建应急抢险队伍并开展演练",
        "镇组建不少于30人的应急抢险队，各村组建不少于10人的抢险小分队，汛前开展一次实战演练。",
        "李卫东",
        ("周红梅",),
        "陈志刚",
        15,
        "镇党委",
        20,
    ),
    DemoRow(
        "预案演练",
        "修订镇村两级防汛应急预案",
        "修订镇、村两级防汛应急预案和地质灾害隐患点转移避险方案，明确预警信号、转移路线和安置点。",
        "周红梅",
        (),
        "黄丽华",
        25,
        "镇防汛抗旱指挥部",
        0,
    ),
    DemoRow(
        "转移避险",
        "做好危险区群众转移避险准备",
        "对低洼易涝区、地质灾害隐患点周边群众逐户建档，落实“一户一卡”，明确转移责任人。",
        "周红梅",
        ("李卫东",),
        "程家明",
        30,
        "镇防汛抗旱指挥部",
        10,
    ),
    DemoRow(
        "值班值守",
        "落实汛期24小时值班值守",
        "汛期实行领导带班、干部值班，值班人员在岗在位，确保信息畅通、指令直达。",
        "李卫东",
        ("黄丽华",),
        "黄丽华",
        120,
        "镇党委",
        0,
    ),
    DemoRow(
        "信息报送",
        "及时准确报送汛情灾情",
        "按规定时限报送雨情、水情、险情和灾情信息，不得迟报、漏报、瞒报。",
        "李卫东",
        (),
        "黄丽华",
        150,
        "区防汛抗旱指挥部",
        0,
    ),
]


def _people() -> dict[str, User]:
    """The demo people by full name: the township office's accounts and 程家明, made when missing."""
    dispatcher = User.objects.get(username=DISPATCHER)
    unit = dispatcher.unit
    by_name = {dispatcher.full_name: dispatcher}
    cadre = User.objects.filter(username=CADRE).first()
    if cadre is not None:
        by_name[cadre.full_name] = cadre
    for username, full_name in PEOPLE:
        person = User.objects.filter(username=username).first()
        if person is None:
            person = User(username=username, full_name=full_name, role=Role.TOWNSHIP_DISPATCHER, unit=unit)
            person.set_unusable_password()
            person.save()
        by_name[full_name] = person
    return by_name


def _row_inputs(people: dict[str, User], today: datetime.date) -> list[actions.RowInput]:
    """Last year's rows: each deadline a year before this year's."""
    return [
        actions.RowInput(
            area=row.area,
            task=row.task,
            measures=row.measures,
            lead_leader=people[row.lead],
            cooperating_leaders=[people[name] for name in row.cooperating],
            responsible=people.get(row.responsible) or people["黄丽华"],
            deadline=shift_date(today + datetime.timedelta(days=row.due_in), years=-1),
            report_to=row.report_to,
        )
        for row in ROWS
    ]


def load_demo_checklists(county: Division) -> int:
    """Make last year's and this year's flood-control checklists of 汀泗桥镇; returns how many were made."""
    township = Division.objects.filter(county=county, name=TOWNSHIP).first()
    dispatcher = User.objects.filter(username=DISPATCHER).select_related("unit").first()
    if township is None or dispatcher is None or dispatcher.unit is None:
        return 0
    if Checklist.objects.filter(owner_unit=dispatcher.unit).exists():
        return 0
    today = timezone.localdate()
    people = _people()
    last_year = actions.create_checklist(
        user=dispatcher,
        title=f"{today.year - 1}年汀泗桥镇防汛抗旱任务清单",
        source_kind="meeting",
        source_title="全区防汛抗旱工作会议",
        source_date=shift_date(today - datetime.timedelta(days=40), years=-1),
        year=today.year - 1,
        rows=_row_inputs(people, today),
    )
    actions.issue_checklist(user=dispatcher, checklist=last_year)
    for row in last_year.rows.select_related("responsible"):
        actions.update_progress(user=row.responsible, row=row, percent=100, note="已按时完成。")
    actions.close_checklist(user=dispatcher, checklist=last_year, note="汛期结束，全部任务完成。")

    this_year = actions.copy_checklist(user=dispatcher, source=last_year, years=1)
    actions.issue_checklist(user=dispatcher, checklist=this_year)
    planned = {row.task: row.progress for row in ROWS}
    for row in this_year.rows.select_related("responsible"):
        if planned.get(row.task):
            actions.update_progress(
                user=row.responsible, row=row, percent=planned[row.task], note="正在推进。"
            )
    actions.send_alerts(today=today)
    return 2
