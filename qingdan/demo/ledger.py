"""The light ledger for the demo county (咸安区), entered through the ledger's actions.

Four villages of 汀泗桥镇 and one community of 温泉街道 are monitoring points since January last year.
Their ledgers tell the reform the seeds print:

  汀泗桥镇 (seed 000, Tongyu)   its points received about 50 fewer documents and were called to 18 fewer
                                meetings this year than in the same months of last year
  the demo village (seed 001)   15 government apps on two phones before the clean-up, 4 after it
  the demo village (Jingmen)    14 signs at its service centre, 8 removed and 2 merged: "一横四竖一方" met
  the demo village (Hubei)      a bank and a court demanded certificates the village's lists forbid
  the caps of the 2024 rules    a 7,800-character document, a department sending more documents than last
                                year, a second comprehensive meeting: violations waiting for the reviewer

Nothing is made when the county already has monitoring points, so loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from qingdan.burden.ledger import actions, checks
from qingdan.burden.ledger.models import LedgerMonth, MonitoringPoint
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division, Unit, User

TOWNSHIP, SUBDISTRICT = "汀泗桥镇", "温泉街道"
POINTS_IN_TOWN = 4
# Per point and month, the documents and meetings of last year and of this year in the same months:
# with 11 months over: last year 133 documents and 44 meetings, this year 83 documents and 26 meetings.
DOCUMENT_SENDERS = [
    "区农业农村局",
    "区民政局",
    "区卫生健康局",
    "区自然资源和规划局",
    "区委组织部",
    "区应急管理局",
]
MEETING_CALLERS = ["区农业农村局", "区民政局", "区委组织部", "区水利和湖泊局"]
# seed 001: a village secretary with 15-16 apps on two phones; four kept after the clean-up.
APPS = [
    ("区农业农村局", "防返贫监测", True),
    ("区农业农村局", "农村集体资产管理", False),
    ("区农业农村局", "高标准农田巡查", False),
    ("区民政局", "社会救助入户核查", True),
    ("区民政局", "养老服务巡访", False),
    ("区卫生健康局", "健康随访", True),
    ("区卫生健康局", "爱国卫生打卡", False),
    ("区应急管理局", "安全隐患排查", False),
    ("区应急管理局", "防汛值守", False),
    ("区自然资源和规划局", "耕地保护巡查", True),
    ("区自然资源和规划局", "卫片核查", False),
    ("区林业局", "林长巡林", False),
    ("区水利和湖泊局", "河长巡河", False),
    ("区委组织部", "党员学习积分", False),
    ("区文化和旅游局", "文明实践打卡", False),
]
# Jingmen: (name, kind, where, room, disposition).
SIGNS = [
    ("汀泗桥镇某村党群服务中心", "mark", "horizontal", "", "keep"),
    ("为民服务中心", "mark", "horizontal", "", "remove"),
    ("村党支部委员会", "mark", "vertical", "", "keep"),
    ("村民委员会", "mark", "vertical", "", "keep"),
    ("村务监督委员会", "mark", "vertical", "", "keep"),
    ("村股份经济合作社", "mark", "vertical", "", "keep"),
    ("综治中心", "service", "vertical", "", "merge"),
    ("新时代文明实践站", "publicity", "vertical", "", "merge"),
    ("创建国家卫生城市工作站", "inspection", "vertical", "", "remove"),
    ("党员先锋岗", "mark", "square", "", "keep"),
    ("退役军人服务站", "service", "square", "", "remove"),
    ("便民服务大厅", "service", "room", "一楼大厅", "keep"),
    ("工作制度上墙（12项）", "rules", "room", "会议室", "remove"),
    ("迎检资料室", "trail", "room", "会议室", "remove"),
]
CERTIFICATES = [
    ("bank", "区农村商业银行", "亲属关系证明", 2),
    ("bank", "区农村商业银行", "居民身份信息证明", 4),
    ("court", "区人民法院", "无犯罪记录证明", 6),
    ("department", "区民政局", "入党外调政审等发展党员证明", 8),
]


def _months(year: int, last_month: int) -> list[datetime.date]:
    return [datetime.date(year, n, 1) for n in range(1, last_month + 1)]


def _day(month: datetime.date, n: int) -> datetime.date:
    return month.replace(day=min(3 + 5 * n, 28))


def _unit(county: Division, name: str) -> Unit:
    return Unit.objects.get(county=county, name=name)


def _point_villages(county: Division) -> tuple[list[Division], Division | None]:
    town = Division.objects.get(county=county, level=Level.TOWNSHIP, name=TOWNSHIP)
    villages = list(
        Division.objects.filter(parent=town, kind=DivisionKind.VILLAGE).order_by("code")[:POINTS_IN_TOWN]
    )
    subdistrict = Division.objects.filter(county=county, level=Level.TOWNSHIP, name=SUBDISTRICT).first()
    community = (
        Division.objects.filter(parent=subdistrict, kind=DivisionKind.COMMUNITY).order_by("code").first()
        if subdistrict
        else None
    )
    return villages, community


def _keeper(village: Division, dispatcher: User | None) -> User | None:
    """The village's own cadre when the demo has one, else the township office (it may enter for it)."""
    own = User.objects.filter(unit__division=village, role="village_cadre", is_active=True).first()
    return own or dispatcher


def _town_ledger(county, village, user, index: int, months_last, months_this) -> None:
    """Per village: last year 3 documents and 1 meeting a month, this year 2 and 1 (with a few gaps)."""
    for year_months, documents, meetings in ((months_last, 3, 1), (months_this, 2, 1)):
        for m, month in enumerate(year_months):
            this_year = month.year == months_this[0].year
            # This year the town holds 18 fewer meetings: the last 20 (village, month) slots stay empty
            # and the demo village is called to two comprehensive meetings (see _caps).
            if this_year and index * len(year_months) + m >= POINTS_IN_TOWN * len(year_months) - 20:
                meetings_now = 0
            else:
                meetings_now = meetings
            # ... and about 50 fewer documents: one village also received one fewer in 9 of its months.
            documents_now = 1 if this_year and index == 1 and m < 9 else documents
            for n in range(documents_now):
                sender = DOCUMENT_SENDERS[(index + m + n) % len(DOCUMENT_SENDERS)]
                actions.record_document(
                    user=user,
                    village=village,
                    month=month,
                    issuer=_unit(county, sender),
                    number=f"{sender.removeprefix('区')[:2]}发〔{month.year}〕{m * 3 + n + 1}号",
                    characters=1200 + 300 * ((index + n + m) % 7),
                    pages=2 + (n + m) % 4,
                )
            for _n in range(meetings_now):
                caller = MEETING_CALLERS[(index + m) % len(MEETING_CALLERS)]
                actions.record_meeting(
                    user=user,
                    village=village,
                    held_on=_day(month, index),
                    issuer=_unit(county, caller),
                    level="county",
                    hours="1.5" if this_year else "2.5",
                )
            if m % 4 == 1:
                actions.record_inspection(
                    user=user,
                    village=village,
                    held_on=_day(month, 2),
                    issuer=_unit(county, "区应急管理局"),
                    kind="check",
                )
            if not this_year and m in (5, 6) and index == 0:
                actions.record_borrowing(
                    user=user,
                    village=village,
                    month=month,
                    issuer=_unit(county, "区委组织部"),
                    cadres=1,
                    days=20,
                )
            if not (this_year and index == POINTS_IN_TOWN - 1 and m >= len(year_months) - 2):
                actions.submit_month(user=user, village=village, month=month)


def load_demo_ledger(county: Division) -> int:
    """The demo's monitoring points and their ledgers; returns how many points were marked (0 when the
    county already has points). The caps are checked once, at the end."""
    if MonitoringPoint.objects.filter(county=county).exists():
        return 0
    with checks.batch():
        return _load(county)


def _load(county: Division) -> int:
    office = User.objects.filter(username="bianban").first()
    if office is None:
        return 0
    today = timezone.localdate()
    this_year, last_year = today.year, today.year - 1
    last_full = today.month - 1 or 1  # the months of this year that are over (January when it is January)
    villages, community = _point_villages(county)
    dispatcher = User.objects.filter(username="tingsiqiao").first()
    points = [*villages, *([community] if community else [])]
    for village in points:
        actions.mark_point(user=office, village=village, since=datetime.date(last_year, 1, 1))
    months_last, months_this = _months(last_year, last_full), _months(this_year, last_full)
    for index, village in enumerate(villages):
        user = _keeper(village, dispatcher)
        if user is not None:
            _town_ledger(county, village, user, index, months_last, months_this)
    demo_village = villages[0]
    cadre = _keeper(demo_village, dispatcher)
    if cadre is None:
        return len(points)
    _caps(county, demo_village, cadre, months_last, months_this)
    _apps(county, demo_village, cadre, last_year, months_this)
    _signs(demo_village, cadre, today)
    for kind, who, what, m in CERTIFICATES:
        month = months_this[min(m, len(months_this)) - 1]
        issuer = _unit(county, who) if kind == "department" else None
        actions.record_certificate(
            user=cadre,
            village=demo_village,
            month=month,
            demander_kind=kind,
            demander=who,
            purpose=what,
            issuer=issuer,
        )
    if community is not None:
        keeper = _keeper(community, dispatcher)
        if keeper is not None:
            for month in months_this[:-1]:
                actions.submit_month(user=keeper, village=community, month=month)
    return len(points)


def _caps(county, village, user, months_last, months_this) -> None:
    """A long document, a department sending more than last year, a second comprehensive meeting."""
    first = months_this[0]
    actions.record_document(
        user=user,
        village=village,
        month=first,
        issuer=_unit(county, "区农业农村局"),
        number=f"咸农发〔{first.year}〕27号",
        characters=7800,
        pages=11,
    )
    for n in range(3):
        actions.record_document(
            user=user,
            village=village,
            month=months_this[min(n + 2, len(months_this) - 1)],
            issuer=_unit(county, "区城市管理执法局"),
            number=f"咸城管发〔{first.year}〕{n + 4}号",
            characters=1600,
        )
    actions.record_document(
        user=user,
        village=village,
        month=months_last[0],
        issuer=_unit(county, "区城市管理执法局"),
        number=f"咸城管发〔{months_last[0].year}〕2号",
        characters=1500,
    )
    for n, month in enumerate((months_this[0], months_this[-1])):
        actions.record_meeting(
            user=user,
            village=village,
            held_on=_day(month, 3 + n),
            issuer=_unit(county, "区民政局"),
            level="county",
            hours="3",
            comprehensive=True,
        )


def _apps(county, village, user, last_year: int, months_this) -> None:
    """seed 001: 15 apps from January last year; 11 dropped when the county cleaned them up."""
    clean_up = months_this[min(2, len(months_this) - 1)]
    for issuer, name, kept in APPS:
        tool = actions.add_tool(
            user=user,
            village=village,
            kind="app",
            name=name,
            issuer=_unit(county, issuer),
            used_from=datetime.date(last_year, 1, 1),
        )
        if not kept and clean_up > tool.used_from:
            actions.drop_tool(user=user, tool=tool, month=clean_up)
    for issuer, name in (("区委组织部", "村党支部工作群"), ("区应急管理局", "防汛值班群")):
        actions.add_tool(
            user=user,
            village=village,
            kind="chat_group",
            name=name,
            issuer=_unit(county, issuer),
            used_from=datetime.date(last_year, 1, 1),
        )


def _signs(village, user, today: datetime.date) -> None:
    decided = today.replace(day=1) - datetime.timedelta(days=20)
    for name, kind, place, room, disposition in SIGNS:
        name = name.replace("汀泗桥镇某村", village.name)
        sign = actions.add_sign(user=user, village=village, name=name, kind=kind, place=place, room=room)
        actions.dispose_sign(user=user, sign=sign, disposition=disposition, on=decided)


def entered_months(county: Division) -> int:
    return LedgerMonth.objects.filter(county=county, submitted_at__isnull=False).count()
