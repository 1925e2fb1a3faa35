"""Cadres seconded to communities in the demo county (seed 004, Wuhan's programme at a district's scale).

  the programme     organised by 区委组织部 (its clerk: the demo account zuzhibu): 45岁以下, 副处级以下, full
                    time, year-end weights community 40 / street 30 / sending unit 30
  last year         a batch posted 1 March last year for a year; each was assessed at year end (the
                    excellent commended), then rotated on 28 February with a handover note to this year's
                    cadre of the same community
  this year         eight sending units nominate 36; five are refused by the rules (over 45, 正处级, not
                    released full time) and so never enter a batch; the rest are approved and posted to
                    communities tagged large, weak or new, each covering a compound or grid — two postings
                    still lack one and are flagged
  the three lists   the units' resources, the communities' needs (lifts, parking, care of the elderly …),
                    projects linking them: most done, with problems solved and services held
  records           a few work records per posting, attendance confirmed by the community for past months

Everything goes through qingdan.cadres.actions. The people the actions need (a clerk per sending unit, a
cadre per community, a dispatcher per street) are made here without a password, except zuzhibu. Nothing
is made when the county already has a programme, so loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone
from stdnum.cn import ric

from qingdan.access import SYSTEM
from qingdan.cadres import actions
from qingdan.cadres.choices import (
    Assessor,
    Education,
    Grade,
    GridKind,
    PostRole,
    ProjectStatus,
    Rank,
    RecordKind,
)
from qingdan.cadres.models import Cadre, Posting, Programme
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User

from .names import FAMILY_NAMES
from .people import DEMO_PASSWORD

ORGANISER = ("zuzhibu", "熊文斌", "区委组织部")
SENDING_UNITS = [
    "区农业农村局",
    "区城市管理执法局",
    "区住房和城乡建设局",
    "区民政局",
    "区司法局",
    "区卫生健康局",
    "区人力资源和社会保障局",
    "区市场监督管理局",
]
GIVEN = "晓明志强丽华建军海燕文静俊杰雪梅国栋婷婷立新春燕思远佳怡浩然雨萱子涵博文欣怡宇航梓萌"
POSITIONS = ["科员", "四级主任科员", "一级科员", "二级主任科员", "副科长", "科长", "办公室副主任"]
SPECIALTIES = ["法律", "财务", "规划建设", "社会工作", "卫生健康", "信息化", "农业技术", "群众工作"]
RESOURCES = {
    "区农业农村局": ["农产品展销对接", "庭院种植技术指导"],
    "区城市管理执法局": ["违停治理联合执法", "小区环境整治支持"],
    "区住房和城乡建设局": ["老旧小区改造技术指导", "加装电梯政策咨询"],
    "区民政局": ["养老服务站建设指导", "困难群众救助政策宣讲"],
    "区司法局": ["法律咨询志愿服务", "人民调解员培训"],
    "区卫生健康局": ["义诊巡诊", "家庭医生签约服务"],
    "区人力资源和社会保障局": ["就业岗位推送", "技能培训"],
    "区市场监督管理局": ["食品安全宣讲", "电梯安全检查"],
}
NEEDS = [
    ("老旧小区加装电梯", "区住房和城乡建设局"),
    ("新增小区停车位", "区城市管理执法局"),
    ("油烟噪音扰民调解", "区司法局"),
    ("高空抛物整治", "区城市管理执法局"),
    ("一老一小服务", "区民政局"),
    ("居民就业帮扶", "区人力资源和社会保障局"),
    ("老年人健康体检", "区卫生健康局"),
    ("电梯安全隐患排查", "区市场监督管理局"),
]
GRID_NAMES = ["幸福小区", "阳光花园", "桂花苑", "丹桂小区", "温泉花园", "第一网格", "第二网格", "第三网格"]
# (age, rank, full time): the five who fail the county's rules, and why.
REFUSED = [
    (47, Rank.STAFF, True),
    (46, Rank.SECTION, True),
    (38, Rank.DIVISION, True),
    (41, Rank.ABOVE, True),
    (35, Rank.STAFF, False),
]
NOMINATED = 36
POSTED_LAST_YEAR = 8


def _id_number(born: datetime.date, serial: int) -> str:
    body = f"422300{born:%Y%m%d}{serial:03d}"  # 咸宁地区, the code of the years these cadres were born
    return body + ric.calc_check_digit(body + "0")


def _person(username: str, full_name: str, role: str, unit: Unit, *, password: str | None = None) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, full_name=full_name, role=role, unit=unit)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user


def _name(rng: random.Random) -> str:
    return rng.choice(FAMILY_NAMES) + "".join(rng.sample(GIVEN, 2))


def _age_rank(rng: random.Random) -> tuple[int, str, str]:
    """Ages around Wuhan's average of 36.2, ranks below 副处级, nearly 30 % with a graduate degree."""
    age = max(27, min(45, round(rng.gauss(36, 4.5))))
    rank = rng.choice(
        [Rank.STAFF, Rank.STAFF, Rank.DEPUTY_SECTION, Rank.DEPUTY_SECTION, Rank.SECTION, Rank.CLERK]
    )
    education = (
        Education.MASTER
        if rng.random() < 0.29
        else rng.choice([Education.BACHELOR] * 5 + [Education.COLLEGE])
    )
    return age, rank, education


def _nominee(
    rng, serial: int, today: datetime.date, age: int, rank: str, education: str, full_time=True
) -> dict:
    born = today.replace(year=today.year - age - 1) + datetime.timedelta(days=rng.randint(30, 330))
    return {
        "name": _name(rng),
        "id_number": _id_number(born, serial),
        "phone": f"139{rng.randint(10_000_000, 99_999_999)}",
        "rank": rank,
        "education": education,
        "position": rng.choice(POSITIONS),
        "specialty": rng.choice(SPECIALTIES),
        "full_time": full_time,
        "today": today,
    }


def load_demo_cadres(county: Division) -> int:
    """The demo county's programme; returns the number of cadres selected (0 when already loaded)."""
    if Programme.objects.filter(county=county).exists():
        return 0
    rng = random.Random(14)
    today = timezone.localdate()
    units = {u.name: u for u in Unit.objects.filter(county=county, name__in=[ORGANISER[2], *SENDING_UNITS])}
    organiser = _person(
        ORGANISER[0], ORGANISER[1], Role.DEPT_CLERK, units[ORGANISER[2]], password=DEMO_PASSWORD
    )
    actions.set_up_programme(user=SYSTEM, county=county, organising_unit=units[ORGANISER[2]])
    clerks = {
        name: User.objects.filter(unit=units[name], role=Role.DEPT_CLERK).first()
        or _person(f"xuanpai{n:02d}", f"{name}选派联络员", Role.DEPT_CLERK, units[name])
        for n, name in enumerate(SENDING_UNITS, start=1)
    }
    communities = list(
        Division.objects.filter(county=county, level=Level.VILLAGE, kind=DivisionKind.COMMUNITY)
        .select_related("parent")
        .order_by("code")
    )
    hosts, streets = _grassroots(communities)

    # Need tags: the streets' communities are large, the towns' seats new or weak.
    for n, community in enumerate(communities):
        in_street = _street(community).kind == DivisionKind.JIEDAO
        actions.tag_community(
            user=organiser,
            community=community,
            is_large=in_street and n % 3 != 2,
            is_weak=n % 4 == 1,
            is_new=not in_street or n % 5 == 0,
            note="",
        )
    grids = {
        c.pk: [
            actions.add_grid(
                user=hosts[c.pk], community=c, name=GRID_NAMES[(n + k) % len(GRID_NAMES)], kind=kind
            )
            for k, kind in enumerate([GridKind.COMPOUND, GridKind.GRID])
        ]
        for n, c in enumerate(communities)
    }

    last_year, this_year = _batches(rng, clerks, organiser, today)
    this_start = datetime.date(today.year, 3, 1)
    last_start = this_start.replace(year=today.year - 1)
    last_end = this_start - datetime.timedelta(days=1)

    # Last year's cadres: posted, assessed at year end, rotated with a handover to this year's cadre.
    previous = {}
    for cadre, community in zip(last_year, communities, strict=False):
        posting = actions.post_cadre(
            user=organiser,
            cadre=cadre,
            community=community,
            role=PostRole.DEPUTY_SECRETARY,
            starts_on=last_start,
            ends_on=last_end,
            grids=grids[community.pk][:1],
        )
        _assess(rng, posting, last_start.year, hosts, streets, clerks)
        previous[community.pk] = posting
    excellent = [
        p.cadre
        for p in previous.values()
        if p.assessments.filter(year=last_start.year, grade=Grade.EXCELLENT).exists()
    ]
    if excellent:
        actions.commend(
            user=organiser,
            county=county,
            title=f"{last_start.year}年度优秀社区实践锻炼干部（第一批）",
            year=last_start.year,
            issued_on=datetime.date(today.year, 1, 20),
            cadres=excellent,
        )

    # This year's cadres: one per community, by need; the first ones follow last year's.
    postings: list[Posting] = []
    for n, (cadre, community) in enumerate(zip(this_year, communities, strict=False)):
        role = PostRole.DEPUTY_SECRETARY if n % 3 else PostRole.ASSISTANT_DIRECTOR
        before = previous.get(community.pk)
        if before is not None:
            rotated = actions.rotate(
                user=organiser,
                posting=before,
                ended_on=last_end,
                handover_note=f"{grids[community.pk][0].name}加装电梯已协调两栋，余下在征求意见；停车位方案已报街道。",
                next_cadre=cadre,
                next_role=role,
                next_ends_on=this_start.replace(year=today.year + 1) - datetime.timedelta(days=1),
            )
            assert rotated is not None  # a next cadre was named
            posting = rotated
        else:
            covered = (
                [] if n in (len(this_year) - 1, len(this_year) - 2) else grids[community.pk][n % 2 :][:1]
            )
            posting = actions.post_cadre(
                user=organiser,
                cadre=cadre,
                community=community,
                role=role,
                starts_on=this_start,
                ends_on=this_start.replace(year=today.year + 1) - datetime.timedelta(days=1),
                grids=covered,
            )
        postings.append(posting)
    _records(rng, postings, hosts, today)
    _lists(rng, postings, hosts, clerks, today)
    return len(last_year) + len(this_year)


def _grassroots(communities: list[Division]) -> tuple[dict[int, User], dict[int, User]]:
    """A cadre of each community and a dispatcher of each street: the demo's own where they exist."""
    hosts: dict[int, User] = {}
    streets: dict[int, User] = {}
    for n, community in enumerate(communities, start=1):
        unit = _unit_of(community, UnitKind.VILLAGE)
        hosts[community.pk] = User.objects.filter(
            unit__division=community, role=Role.VILLAGE_CADRE
        ).first() or _person(f"shequ{n:02d}", f"{community.name}书记", Role.VILLAGE_CADRE, unit)
        street = _street(community)
        if street.pk not in streets:
            office = _unit_of(street, UnitKind.TOWNSHIP)  # the street's government
            streets[street.pk] = User.objects.filter(
                unit__division=street, role=Role.TOWNSHIP_DISPATCHER
            ).first() or _person(
                f"jiedao{street.code[6:9]}", f"{street.name}党政办", Role.TOWNSHIP_DISPATCHER, office
            )
    return hosts, {c.pk: streets[_street(c).pk] for c in communities}


def _unit_of(division: Division, kind: str) -> Unit:
    """The division's own committee or government (the first made, whatever other units it holds)."""
    unit = Unit.objects.filter(division=division, kind=kind).order_by("pk").first()
    assert unit is not None  # the demo's units give every township and village one
    return unit


def _street(community: Division) -> Division:
    """The street (township) a community belongs to."""
    street = community.parent
    assert street is not None  # a village-level division always has its township
    return street


def _batches(
    rng, clerks: dict[str, User], organiser: User, today: datetime.date
) -> tuple[list[Cadre], list[Cadre]]:
    """Last year's batches (approved), this year's (five nominees refused by the rules, the rest approved)."""
    serial = 0
    chosen: dict[int, list[Cadre]] = {today.year - 1: [], today.year: []}
    counts = {today.year - 1: POSTED_LAST_YEAR, today.year: NOMINATED - len(REFUSED)}
    for year, count in counts.items():
        day = datetime.date(year, 1, 15)
        names = list(clerks)
        batches = {}
        for n in range(count):
            clerk = clerks[names[n % len(names)]]
            if clerk.pk not in batches:
                batches[clerk.pk] = actions.open_batch(user=clerk, year=year)
            serial += 1
            chosen[year].append(
                actions.nominate(
                    user=clerk, batch=batches[clerk.pk], **_nominee(rng, serial, day, *_age_rank(rng))
                )
            )
        if year == today.year:
            for n, (age, rank, full_time) in enumerate(REFUSED):
                clerk = clerks[names[n]]
                serial += 1
                try:
                    actions.nominate(
                        user=clerk,
                        batch=batches[clerk.pk],
                        **_nominee(rng, serial, day, age, rank, Education.BACHELOR, full_time=full_time),
                    )
                except ActionRefused:
                    pass  # refused by the county's rules, as it should be: nothing was kept
                else:
                    raise RuntimeError("a nominee outside the rules was accepted")
        for batch in batches.values():
            owner = batch.created_by
            actions.submit_batch(user=owner, batch=batch)
            actions.approve_batch(user=organiser, batch=batch, note="部务会研究确定")
    for cadres in chosen.values():
        for cadre in cadres:
            cadre.refresh_from_db()
    return chosen[today.year - 1], chosen[today.year]


def _assess(rng, posting, year: int, hosts, streets, clerks) -> None:
    base = rng.randint(72, 96)
    community = posting.community
    actions.score(
        user=hosts[community.pk],
        posting=posting,
        year=year,
        assessor=Assessor.COMMUNITY,
        value=min(100, base + 2),
    )
    actions.score(
        user=streets[community.pk], posting=posting, year=year, assessor=Assessor.STREET, value=base
    )
    actions.score(
        user=clerks[posting.cadre.sending_unit.name],
        posting=posting,
        year=year,
        assessor=Assessor.UNIT,
        value=max(60, base - 2),
    )


RECORD_TEXTS = {
    RecordKind.VISIT: "走访入户{n}户，收集加装电梯和停车方面的意见",
    RecordKind.MEDIATION: "协调化解油烟噪音扰民纠纷一起",
    RecordKind.SERVICE: "组织下沉党员开展“一老一小”志愿服务",
    RecordKind.MEETING: "牵头召开小区“三方联动”议事会",
}


def _records(rng, postings, hosts, today: datetime.date) -> None:
    for posting in postings:
        host = hosts[posting.community_id]
        for k, kind in enumerate(RECORD_TEXTS):
            day = today - datetime.timedelta(days=7 + 19 * k + rng.randint(0, 6))
            if day >= posting.starts_on:
                actions.record_work(
                    user=host,
                    posting=posting,
                    day=day,
                    kind=kind,
                    text_=RECORD_TEXTS[kind].format(n=rng.randint(6, 20)),
                )
        month = posting.starts_on
        while month.replace(day=1) < today.replace(day=1):
            leave = rng.choice([0, 0, 0, 1, 2])
            actions.confirm_attendance(
                user=host, posting=posting, month=month, days_present=21 - leave, days_leave=leave
            )
            month = (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _lists(rng, postings, hosts, clerks, today: datetime.date) -> None:
    resources = {
        unit: [actions.offer_resource(user=clerks[unit], title=title) for title in titles]
        for unit, titles in RESOURCES.items()
    }
    for n, posting in enumerate(postings):
        host = hosts[posting.community_id]
        picks = [NEEDS[(n + k) % len(NEEDS)] for k in range(2)]
        for k, (title, unit) in enumerate(picks):
            need = actions.list_need(user=host, community=posting.community, title=title)
            if (n + k) % 3 == 2:
                continue  # still open: no unit has answered it yet
            own = resources[posting.cadre.sending_unit.name][0]
            used = [resources[unit][k % 2]] + (
                [own] if own.sending_unit_id != resources[unit][0].sending_unit_id else []
            )
            project = actions.start_project(
                user=host,
                community=posting.community,
                title=f"{posting.community.name}{title}",
                needs=[need],
                resources=used,
                owner=posting.cadre.name,
                starts_on=posting.starts_on + datetime.timedelta(days=30 + 10 * k),
                ends_on=posting.starts_on + datetime.timedelta(days=200),
            )
            if (n + k) % 4 != 3:
                actions.update_project(
                    user=host,
                    project=project,
                    status=ProjectStatus.DONE,
                    outcome=f"{title}已落实",
                    problems_solved=rng.randint(1, 4),
                    services_held=rng.randint(2, 9),
                )
            else:
                actions.update_project(user=host, project=project, status=ProjectStatus.UNDER_WAY)
