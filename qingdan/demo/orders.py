"""Work orders for the demo county, made through the admission actions by the demo accounts.

The order texts are real requests that departments pushed onto villages (demo_requests.tsv, copied
from shared/data/screening/requests_dev.tsv with their sources). What happens to each:

  动物防疫 (r054)     农业农村局 → approved → 汀泗桥镇 dispatches to three villages; one completes
  动物疫病监测 (r055)  农业农村局 → approved → 汀泗桥镇 dispatches; the village reports progress;
                     向阳湖镇 has not dispatched yet
  统计调查 (r062)     农业农村局 → returned: the department must say what it does itself
  城市管理执法 (r009)  城管执法局 → refused, citing the negative list
  卫星图斑 (r030)     农业农村局 → not listed: waits in the reviewer's queue (refuse or amend the list)
  a complaint        程家明's village: a phone demand from 城管执法局 that bypassed the platform (r008)

An order whose screening does not allow the planned step is left waiting for review instead, so the
demo loads whatever the screener decides. Nothing is made when the county already has orders.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from qingdan.admission import actions
from qingdan.admission.choices import Decision
from qingdan.admission.models import Assignment, WorkOrder
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division, User

REQUESTS_FILE = Path(__file__).resolve().parent / "data" / "requests.tsv"
TOWNSHIP = "汀泗桥镇"
OTHER_TOWNSHIP = "向阳湖镇"
SUBDISTRICT = "温泉街道"


def demo_requests() -> dict[str, str]:
    """Request id → text, from the real requests kept beside this file."""
    with REQUESTS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["text"] for row in csv.DictReader(handle, delimiter="\t")}


def _in_days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@dataclass
class Cast:
    nongye: User
    chengguan: User
    reviewer: User
    dispatcher: User
    cadre: User
    township: Division
    villages: list[Division]  # of 汀泗桥镇, the cadre's first
    other_village: Division  # in 向阳湖镇
    communities: list[Division]  # of 温泉街道


def _villages_of(township: Division) -> list[Division]:
    """Villages (村) before communities (社区), each by code."""
    below = Division.objects.filter(parent=township, level=Level.VILLAGE).order_by("code")
    return sorted(below, key=lambda d: d.kind == DivisionKind.COMMUNITY)


def _cast(county: Division) -> Cast | None:
    people = {u.username: u for u in User.objects.filter(unit__county=county, is_active=True)}
    needed = ("nongye", "chengguan", "jianfuban", "tingsiqiao", "cunwei")
    if any(name not in people for name in needed):
        return None
    townships = {d.name: d for d in Division.objects.filter(county=county, level=Level.TOWNSHIP)}
    cadre = people["cunwei"]
    township = townships[TOWNSHIP]
    home = cadre.division
    if home is None:
        return None
    villages = [home] + [v for v in _villages_of(township) if v != home]
    return Cast(
        nongye=people["nongye"],
        chengguan=people["chengguan"],
        reviewer=people["jianfuban"],
        dispatcher=people["tingsiqiao"],
        cadre=cadre,
        township=township,
        villages=villages,
        other_village=_villages_of(townships[OTHER_TOWNSHIP])[0],
        communities=[v for v in _villages_of(townships[SUBDISTRICT]) if v.kind == DivisionKind.COMMUNITY],
    )


def _file(clerk: User, *, targets, attachments=(), **fields) -> WorkOrder:
    order = actions.create_order(user=clerk, targets=targets, attachments=attachments, **fields)
    return actions.submit_order(user=clerk, order=order)


def _approve(cast: Cast, order: WorkOrder) -> bool:
    if order.verdict not in (Decision.ALLOW, Decision.COOPERATE):
        return False  # left in the reviewer's queue
    actions.approve_order(user=cast.reviewer, order=order, note="符合清单,同意派发。请部门按承诺落实支持。")
    return True


def _dispatch(cast: Cast, order: WorkOrder, villages: list[Division], note: str):
    assignment = Assignment.objects.get(order=order, township=cast.township)
    return actions.dispatch(user=cast.dispatcher, assignment=assignment, villages=villages, note=note)


def load_demo_orders(county: Division) -> int:
    """Make the demo's work orders and a complaint; returns how many orders were made (0 if any exist)."""
    if WorkOrder.objects.filter(county=county).exists():
        return 0
    cast = _cast(county)
    if cast is None:
        return 0
    texts = demo_requests()
    made = 0

    plan = SimpleUploadedFile(
        "动物防疫工作实施方案.txt",
        "一、区农业农村局派出动物防疫员入村开展强制免疫。\n二、村委会负责通知养殖户并协助登记。\n".encode(),
    )
    epidemic = _file(
        cast.nongye,
        title="开展春季动物防疫宣传和强制免疫",
        text=texts["r054"],
        deadline=_in_days(30),
        department_does="区农业农村局派出动物防疫员入村入户实施强制免疫,提供疫苗、耗材和宣传资料,负责免疫档案录入。",
        grassroots_must="村委会通知辖区养殖户做好免疫准备,协助防疫员入户,张贴宣传资料。",
        support_money_yuan=Decimal("30000"),
        support_people=6,
        support_training="村级防疫协管员培训一次(半天)",
        support_equipment="宣传展板、疫苗冷藏箱",
        targets=[(v, False) for v in cast.villages[:3]],
        attachments=[plan],
    )
    made += 1
    if _approve(cast, epidemic):
        tasks = _dispatch(cast, epidemic, cast.villages[:3], "请各村于截止日前完成通知和协助工作。")
        first = next(task for task in tasks if task.village == cast.cadre.division)
        actions.receive_task(user=cast.cadre, task=first)
        actions.report_progress(user=cast.cadre, task=first, progress=60, note="已通知全村42户养殖户。")
        actions.complete_task(user=cast.cadre, task=first, note="防疫员已完成入户免疫,宣传资料已张贴。")

    monitoring = _file(
        cast.nongye,
        title="协助开展动物疫病监测和检疫",
        text=texts["r055"],
        deadline=_in_days(45),
        department_does="区动物疫病预防控制中心负责采样、检测和检疫出证。",
        grassroots_must="村委会协助通知养殖场户配合采样,发现异常及时报告。",
        support_people=2,
        support_training="疫情报告知识培训",
        targets=[(cast.villages[0], False), (cast.other_village, False)],
    )
    made += 1
    if _approve(cast, monitoring):
        [task] = _dispatch(cast, monitoring, [cast.villages[0]], "")
        actions.receive_task(user=cast.cadre, task=task)
        actions.report_progress(user=cast.cadre, task=task, progress=30, note="已通知3家规模养殖场配合采样。")

    statistics = _file(
        cast.nongye,
        title="协助开展农业经营主体统计调查",
        text=texts["r062"],
        deadline=_in_days(40),
        department_does="区农业农村局提供调查表。",
        grassroots_must="社区完成辖区全部经营主体的入户调查和数据填报。",
        support_money_yuan=Decimal("2000"),
        targets=[(c, False) for c in cast.communities[:2]],
    )
    made += 1
    actions.return_order(
        user=cast.reviewer,
        order=statistics,
        reason="统计调查由部门牵头,社区只能协助。请写明部门自身承担的入户调查工作,以及社区协助的具体内容。",
    )

    enforcement = _file(
        cast.chengguan,
        title="社区开展城市管理执法工作",
        text=texts["r009"],
        deadline=_in_days(20),
        department_does="区城市管理执法局提供执法文书样式。",
        grassroots_must="社区作为责任主体,对辖区占道经营、违规广告开展执法。",
        support_training="执法业务培训一次",
        targets=[(c, False) for c in cast.communities[:3]],
    )
    made += 1
    actions.refuse_order(
        user=cast.reviewer,
        order=enforcement,
        reason="行政执法是部门职责,不得要求社区作为责任主体开展。",
        cited_item="负面事项:66 不得要求村(社区)作为责任主体开展行政执法工作",
    )

    _file(
        cast.nongye,
        title="卫星遥感疑似变化图斑实地核查举证",
        text=texts["r030"],
        deadline=_in_days(25),
        department_does="区农业农村局下发图斑清单和举证要求。",
        grassroots_must="村委会派人到每个图斑现场拍照、填写举证表并上传。",
        support_money_yuan=Decimal("5000"),
        targets=[(v, False) for v in cast.villages[:2]],
    )
    made += 1

    chengguan_unit = cast.chengguan.unit
    actions.file_complaint(
        user=cast.cadre,
        kind="bypass",
        what=f"区城市管理执法局工作人员电话通知:{texts['r008']},要求本周内上报整治台账。",
        against_unit=chengguan_unit,
        against_name="区城市管理执法局市容科",
        happened_on=_in_days(-5),
        channel="phone",
    )
    return made
