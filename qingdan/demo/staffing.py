"""Township structure and staffing for the demo county, entered through the staffing actions.

  the district   a Shanxi-style reform (seed 002): departments 36 → 22, institutions 179 → 40, institution
                 quotas 1,944 → 970, section-level posts 151 → 128, enforcement teams 9 → 1, township quotas
                 +139; the +139 also moved down as quotas in one act; a turnover pool of over-quota staff,
                 two of whom have left it (retired, moved)
  汀泗桥镇        a Quzhou-style town (seed 003): six main modules and eleven sub-modules published by the
                 district, four sub-modules chosen, offices set as the seed names them, 62 positions
                 carrying the town's duty items, 62 people of every identity each placed in one primary
                 position, module leads from the leadership, the county's four-part scoring rule

Names and ID numbers are generated (qingdan.demo.registers). Nothing is made when the district already has
a reform, so loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from qingdan.orgs.choices import Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User
from qingdan.staffing import actions
from qingdan.staffing.actions import MappingRow, UnitRow
from qingdan.staffing.choices import Identity, PoolExit, QuotaKind, Series
from qingdan.staffing.models import OfficeTemplate, Reform, StaffedUnit, TownModule
from qingdan.staffing.queries import township_items

from .registers import FAMILY_NAMES, _name, area_for, id_number_for

TOWN = "汀泗桥镇"
DEPARTMENTS = (  # noqa: SIM905 (a word list reads better as one string)
    "办公室 组织部 宣传部 统战部 政法委 编办 发展和改革局 教育局 科技局 经济和信息化局 公安局 民政局 司法局 "
    "财政局 人力资源和社会保障局 自然资源局 生态环境局 住房和城乡建设局 交通运输局 水利局 农业农村局 "
    "商务局 文化局 旅游局 卫生健康局 退役军人事务局 应急管理局 审计局 市场监督管理局 统计局 医疗保障局 "
    "林业局 信访局 城市管理局 粮食局 扶贫办"
).split()
MERGED_INTO = {  # the 14 departments merged away, and where they went
    "办公室": "组织部",
    "编办": "组织部",
    "统战部": "宣传部",
    "科技局": "经济和信息化局",
    "司法局": "政法委",
    "人力资源和社会保障局": "民政局",
    "旅游局": "文化局",
    "林业局": "自然资源局",
    "粮食局": "发展和改革局",
    "扶贫办": "农业农村局",
    "统计局": "发展和改革局",
    "医疗保障局": "卫生健康局",
    "信访局": "政法委",
    "城市管理局": "住房和城乡建设局",
}
INSTITUTION_KINDS = ("服务中心", "事务中心", "监测站", "保障中心", "管理所")
ENFORCEMENT_TEAMS = ("城管", "国土", "环保", "农业", "交通", "文化", "水政", "安监", "市场")
MODULES = {
    "大党建": ["党建统领"],
    "大协调": ["综合督考"],
    "大治理": ["基层治理", "平安法治"],
    "大执法": ["综合执法"],
    "大经济": ["农业农村", "工业经济", "招商引资"],
    "大服务": ["文旅服务中心", "便民服务", "社会事务"],
}
CHOSEN = ("农业农村", "文旅服务中心", "综合执法", "基层治理")
OFFICES = ("党建办", "综合督考办", "社会治理办", "综合信息指挥室", "经济发展办", "政务服务中心")
POSITIONS_PER_MODULE = (8, 6, 7, 6, 7, 6, 6, 5, 6, 5)  # 62 in the ten modules the town works in
IDENTITIES = (
    [Identity.ADMINISTRATIVE] * 28
    + [Identity.INSTITUTION] * 22
    + [Identity.CONTRACT] * 8
    + [Identity.DISPATCHED] * 4
)


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if n < extra else 0) for n in range(parts)]


def _reform(user: User, county: Division, townships: list[Division], today: datetime.date) -> Reform:
    kept = [d for d in DEPARTMENTS if d not in MERGED_INTO]
    institutions = [f"区{d}{kind}" for d in DEPARTMENTS for kind in INSTITUTION_KINDS][:179]
    before_posts, after_posts = _split(151, 36), _split(128, 22)
    before_quota, after_quota = _split(1944, 179), _split(970, 40)
    added = _split(139, len(townships))
    before = [UnitRow(f"区{d}", "department", 12, 0, before_posts[n]) for n, d in enumerate(DEPARTMENTS)]
    before += [UnitRow(name, "institution", 0, before_quota[n], 0) for n, name in enumerate(institutions)]
    before += [UnitRow(f"区{t}执法大队", "enforcement", 10, 0, 0) for t in ENFORCEMENT_TEAMS]
    before += [UnitRow(t.name, "township", 20, 30, 0) for t in townships]
    after = [UnitRow(f"区{d}", "department", 14, 0, after_posts[n]) for n, d in enumerate(kept)]
    after += [UnitRow(name, "institution", 0, after_quota[n], 0) for n, name in enumerate(institutions[:40])]
    after += [UnitRow("区综合行政执法局", "enforcement", 60, 0, 0)]
    after += [UnitRow(t.name, "township", 20, 30 + added[n], 0) for n, t in enumerate(townships)]
    mappings = [
        MappingRow(f"区{d}", "merged" if d in MERGED_INTO else "kept", [f"区{MERGED_INTO.get(d, d)}"])
        for d in DEPARTMENTS
    ]
    mappings += [MappingRow(name, "kept", [name]) for name in institutions[:40]]
    mappings += [
        MappingRow(name, "abolished") if n % 3 == 0 else MappingRow(name, "merged", [institutions[n % 40]])
        for n, name in enumerate(institutions[40:])
    ]
    mappings += [MappingRow(f"区{t}执法大队", "merged", ["区综合行政执法局"]) for t in ENFORCEMENT_TEAMS]
    mappings += [MappingRow(t.name, "kept", [t.name]) for t in townships]
    return actions.record_reform(
        user=user,
        county=county,
        name="区县机构改革（小县大部制）",
        document="咸编发〔2019〕12号",
        decided_on=today.replace(year=today.year - 6, month=3, day=1),
        before=before,
        after=after,
        mappings=mappings,
    )


class _People:
    """Generated people: a name and a valid ID number each, the same every run."""

    def __init__(self, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.today = today
        self.serial = 0

    def next(self) -> tuple[str, str, str]:
        rng = self.rng
        male = rng.random() < 0.55
        birth = self.today - datetime.timedelta(days=rng.randint(24, 58) * 365 + rng.randint(0, 364))
        self.serial += 1
        sequence = self.serial * 2 + (1 if male else 0)
        number = id_number_for(area_for(birth.year), birth, sequence % 1000)
        phone = f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"
        return _name(rng, rng.choice(FAMILY_NAMES), male), number, phone


def _pool(user: User, county_unit: StaffedUnit, people: _People, today: datetime.date) -> None:
    for n in range(8):
        name, number, phone = people.next()
        person = actions.add_person(
            user=user,
            works_in=county_unit,
            name=name,
            identity=Identity.INSTITUTION,
            id_number=number,
            phone=phone,
        )
        since = today - datetime.timedelta(days=400 - n * 20)
        actions.send_to_pool(
            user=user, person=person, since=since, duty=("乡村振兴专班", "信访化解专班")[n % 2]
        )
        if n < 2:
            actions.leave_pool(
                user=user,
                person=person,
                on=since + datetime.timedelta(days=200),
                reason=(PoolExit.RETIRED, PoolExit.MOVED)[n],
            )


def _templates() -> list[OfficeTemplate]:
    from qingdan.access import SYSTEM

    five = actions.set_template(
        user=SYSTEM,
        county=None,
        name="五办三中心",
        offices=["党政综合办", "党建工作办", "经济发展办", "社会事务办", "平安法治办"],
        centres=["便民服务中心", "综合行政执法中心", "网格化服务管理中心"],
    )
    six = actions.set_template(
        user=SYSTEM,
        county=None,
        name="六办三中心",
        offices=[
            "党政综合办",
            "党建工作办",
            "经济发展办",
            "社会事务办",
            "平安法治办",
            "自然资源和生态环境办",
        ],
        centres=["便民服务中心", "综合行政执法中心", "网格化服务管理中心"],
    )
    return [five, six]


def _town(
    office: User, leader_user: User, town: Division, county: Division, modules, people: _People, senders
):
    units = []
    for name in OFFICES:
        unit, _made = Unit.objects.get_or_create(
            division=town, name=f"{town.name}{name}", defaults={"kind": UnitKind.TOWNSHIP, "county": county}
        )
        units.append(
            actions.set_unit_quotas(
                user=office,
                unit=unit,
                series=Series.GOVERNMENT,
                administrative_quota=6,
                institution_quota=5,
                leader_posts=2,
            )
        )
    template = actions.set_template(
        user=office,
        county=county,
        name="衢州式模块化乡镇（六办）",
        offices=list(OFFICES[:5]),
        centres=[OFFICES[5]],
    )
    actions.choose_template(user=office, township=town, template=template)
    chosen = actions.choose_modules(user=leader_user, township=town, subs=[modules[n] for n in CHOSEN])
    town_modules = sorted(chosen, key=lambda tm: tm.module.order)
    staff = []
    for n, identity in enumerate(IDENTITIES):
        name, number, phone = people.next()
        staff.append(
            actions.add_person(
                user=leader_user,
                works_in=units[n % len(units)],
                name=name,
                identity=identity,
                id_number=number,
                phone=phone,
                is_leader=n < 7,
                sending_unit=senders[n % len(senders)] if identity == Identity.DISPATCHED else None,
            )
        )
    for n, tm in enumerate(town_modules):
        actions.set_module_lead(user=leader_user, town_module=tm, person=staff[n % 7])
    items = list(township_items(town).order_by("list_kind", "position"))
    carried = items[: max(len(items) - 3, 0)]  # three items left for the town to give a position
    made = 0
    for tm, count in zip(town_modules, POSITIONS_PER_MODULE, strict=True):
        for k in range(count):
            share = carried[made::62] if carried else []
            position = actions.create_position(
                user=leader_user,
                town_module=tm,
                name=f"{tm.module.name}岗{k + 1}",
                points=70 + (made * 7) % 30,
                items=share,
                is_offered=made % 5 == 0,
            )
            actions.place_person(user=leader_user, person=staff[made], position=position)
            made += 1
    return made


def load_demo_staffing(county: Division, *, township_name: str = TOWN) -> int:
    """The reform, the quotas moved down, the pool and the modular town; the number of positions made."""
    if Reform.objects.filter(county=county).exists():
        return 0
    office = User.objects.filter(role=Role.CATALOG_OFFICE, unit__division=county).order_by("pk").first()
    town = Division.objects.filter(county=county, level=Level.TOWNSHIP, name=township_name).first()
    town_user = User.objects.filter(role=Role.TOWNSHIP_DISPATCHER, unit__division=town).order_by("pk").first()
    if office is None or town is None or town_user is None:
        return 0
    today = timezone.localdate()
    townships = list(Division.objects.filter(county=county, level=Level.TOWNSHIP).order_by("code"))
    _reform(office, county, townships, today)
    # The +139 moved down in one act: from the district's agricultural bureau to every township government.
    source_unit = Unit.objects.filter(county=county, name="区农业农村局").first() or office.unit
    assert source_unit is not None  # the catalog office found above has a unit
    source = actions.set_unit_quotas(
        user=office,
        unit=source_unit,
        series=Series.GOVERNMENT,
        administrative_quota=40,
        institution_quota=200,
        leader_posts=5,
    )
    receivers = []
    for township in townships:
        government = Unit.objects.filter(division=township, kind=UnitKind.TOWNSHIP).order_by("pk").first()
        if government is not None:
            receivers.append(
                actions.set_unit_quotas(
                    user=office,
                    unit=government,
                    series=Series.GOVERNMENT,
                    administrative_quota=20,
                    institution_quota=30,
                    leader_posts=9,
                )
            )
    actions.move_quotas(
        user=office,
        source=source,
        kind=QuotaKind.INSTITUTION,
        lines=list(zip(receivers, _split(139, len(receivers)), strict=True)),
        document="咸编办〔2020〕8号",
        moved_on=today.replace(year=today.year - 5, month=6, day=1),
    )
    people = _People(county.pk, today)
    _pool(office, source, people, today)
    _templates()
    modules = {m.name: m for m in actions.publish_modules(user=office, county=county, catalogue=MODULES)}
    actions.set_scoring_rule(
        user=office,
        county=county,
        year=today.year,
        position_weight=40,
        module_weight=40,
        team_weight=20,
        special_cap=10,
        township_weight=70,
    )
    senders = list(Unit.objects.filter(county=county, kind=UnitKind.DEPARTMENT).order_by("name")[:4]) or [
        source_unit
    ]
    made = _town(office, town_user, town, county, modules, people, senders)
    assert TownModule.objects.filter(township=town).count() == 10
    return made
