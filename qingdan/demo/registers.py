"""The demo county's data dictionary and base registers (一套表), entered through the importer and actions.

    the dictionary   42 approved elements a department would ask for: village figures (户籍人口, 常住人口,
                     户数, 面积, 耕地面积, 村干部人数, 村集体经济收入 …) and resident attributes (性别,
                     出生日期, 联系电话, 是否低保, 残疾等级 …), plus two proposals and one mapped element
    village profiles every village and community of the county, as of the end of last year and as of a
                     month ago (the history shows the change)
    residents        the demo village (about 360 people) and the demo community (about 240), generated
                     in households with valid ID numbers (the area code in use in the birth year, the
                     GB 11643 check digit computed), imported from a .tsv with their attributes; the
                     two registers' village figures agree with them

Everything is generated from fixed seeds. Elements are added when missing; profiles and residents only
when the county has none yet, so loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric

from qingdan import access
from qingdan.audit.actions import record
from qingdan.forms.choices import ElementKind, ElementStatus, Register, ValueSource
from qingdan.forms.models import DataElement
from qingdan.orgs.choices import DivisionKind, Level, Role
from qingdan.orgs.models import Division, Unit, User
from qingdan.registers import importer
from qingdan.registers.models import Resident, VillageFact

K = ElementKind
V, R = Register.VILLAGE, Register.RESIDENTS


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    kind: str
    register: str
    unit: str = ""
    choices: tuple[str, ...] = ()
    personal: bool = False
    no_future: bool = False
    min_value: int | None = None
    description: str = ""


VILLAGE_TYPES = ("集聚提升类", "城郊融合类", "特色保护类", "搬迁撤并类")
DISABILITY = ("无", "一级", "二级", "三级", "四级")
HEALTH = ("健康", "慢性病", "大病", "残疾")
EDUCATION = ("小学及以下", "初中", "高中/中专", "大专", "本科及以上")
EDUCATION_WEIGHTS = ((60, 30, 8, 1, 1), (20, 50, 20, 6, 4), (3, 30, 30, 20, 17))  # born <1960, <1980, later
RELATION = ("户主", "配偶", "子女", "父母", "孙子女", "其他")
POLITICS = ("中共党员", "共青团员", "群众")
ETHNICITY = ("汉族", "土家族", "苗族", "其他")

ELEMENTS = (
    # the village profile
    Element("V001", "户籍人口", K.INTEGER, V, "人", min_value=0),
    Element("V002", "常住人口", K.INTEGER, V, "人", min_value=0),
    Element("V003", "户数", K.INTEGER, V, "户", min_value=0),
    Element("V004", "村民小组数", K.INTEGER, V, "个", min_value=0),
    Element("V005", "面积", K.NUMBER, V, "平方公里", min_value=0),
    Element("V006", "耕地面积", K.NUMBER, V, "亩", min_value=0),
    Element("V007", "林地面积", K.NUMBER, V, "亩", min_value=0),
    Element("V008", "村干部人数", K.INTEGER, V, "人", min_value=0),
    Element("V009", "党员人数", K.INTEGER, V, "人", min_value=0),
    Element("V010", "村集体经济收入", K.NUMBER, V, "万元", description="上一年度村集体经营性收入"),
    Element("V011", "农村居民人均可支配收入", K.NUMBER, V, "元", min_value=0),
    Element("V012", "低保户数", K.INTEGER, V, "户", min_value=0),
    Element("V013", "低保人数", K.INTEGER, V, "人", min_value=0),
    Element("V014", "特困供养人数", K.INTEGER, V, "人", min_value=0),
    Element("V015", "60岁以上老人数", K.INTEGER, V, "人", min_value=0),
    Element("V016", "80岁以上老人数", K.INTEGER, V, "人", min_value=0),
    Element("V017", "残疾人数", K.INTEGER, V, "人", min_value=0),
    Element("V018", "外出务工人数", K.INTEGER, V, "人", min_value=0),
    Element("V019", "脱贫户数", K.INTEGER, V, "户", min_value=0),
    Element("V020", "防止返贫监测户数", K.INTEGER, V, "户", min_value=0),
    Element("V021", "村庄类型", K.CHOICE, V, choices=VILLAGE_TYPES),
    Element("V022", "是否有村卫生室", K.BOOLEAN, V),
    # the residents register: the resident's own fields
    Element("R001", "姓名", K.TEXT, R, personal=True),
    Element("R002", "身份证号", K.ID_NUMBER, R, personal=True),
    Element("R003", "户号", K.TEXT, R),
    Element("R004", "联系电话", K.PHONE, R, personal=True),
    # the residents register: attributes with history
    Element("R005", "性别", K.CHOICE, R, choices=("男", "女")),
    Element("R006", "出生日期", K.DATE, R, personal=True, no_future=True),
    Element("R007", "民族", K.CHOICE, R, choices=ETHNICITY),
    Element("R008", "与户主关系", K.CHOICE, R, choices=RELATION),
    Element("R009", "文化程度", K.CHOICE, R, choices=EDUCATION),
    Element("R010", "政治面貌", K.CHOICE, R, choices=POLITICS),
    Element("R011", "是否低保", K.BOOLEAN, R, personal=True),
    Element("R012", "是否特困供养", K.BOOLEAN, R, personal=True),
    Element("R013", "是否脱贫户", K.BOOLEAN, R),
    Element("R014", "残疾等级", K.CHOICE, R, choices=DISABILITY, personal=True),
    Element("R015", "健康状况", K.CHOICE, R, choices=HEALTH, personal=True),
    Element("R016", "是否独居", K.BOOLEAN, R),
    Element("R017", "是否外出务工", K.BOOLEAN, R),
    Element("R018", "务工地点", K.TEXT, R),
    Element("R019", "参加城乡居民医保", K.BOOLEAN, R),
    Element("R020", "参加城乡居民养老保险", K.BOOLEAN, R),
)
# Department proposals waiting for the catalog office, and one mapped onto an existing element.
PROPOSALS = (
    ("P0001", "撂荒耕地面积", K.NUMBER, "亩", "区农业农村局"),
    ("P0002", "高标准农田面积", K.NUMBER, "亩", "区农业农村局"),
)
MAPPED = ("P0003", "村总人口", K.INTEGER, "人", "区民政局", "V001")


@transaction.atomic
def load_dictionary(county: Division) -> int:
    """Add the demo's elements the county does not have yet (by code): how many were added."""
    have = set(DataElement.objects.filter(county=county).values_list("code", flat=True))
    made = [
        DataElement(
            county=county,
            code=e.code,
            name=e.name,
            kind=e.kind,
            unit=e.unit,
            choices=list(e.choices),
            min_value=e.min_value,
            no_future_date=e.no_future,
            register=e.register,
            is_personal=e.personal,
            description=e.description,
            status=ElementStatus.APPROVED,
        )
        for e in ELEMENTS
        if e.code not in have
    ]
    DataElement.objects.bulk_create(made)
    units = {u.name: u for u in Unit.objects.filter(county=county)}
    proposed = 0
    for code, name, kind, unit, by in PROPOSALS:
        if code not in have:
            DataElement.objects.create(
                county=county,
                code=code,
                name=name,
                kind=kind,
                unit=unit,
                register="",
                status=ElementStatus.PROPOSED,
                proposed_by=units.get(by),
            )
            proposed += 1
    code, name, kind, unit, by, target = MAPPED
    if code not in have:
        DataElement.objects.create(
            county=county,
            code=code,
            name=name,
            kind=kind,
            unit=unit,
            status=ElementStatus.MAPPED,
            proposed_by=units.get(by),
            mapped_to=DataElement.objects.get(county=county, code=target),
        )
        proposed += 1
    if made or proposed:
        record(
            actor=None,
            actor_name="qingdan demo",
            action="forms.load_demo_dictionary",
            obj=county,
            changes={"elements": [None, len(made) + proposed]},
        )
    return len(made) + proposed


# --- ID numbers ----------------------------------------------------------------------------------

# The area codes of 咸安区 through the years (an ID number carries the code in use when it was issued;
# stdnum checks it against the birth year): 咸宁县 until 1983, 咸宁市 (county-level) 1983–1998, then 咸安区.
XIANAN_AREAS = ((1983, "422321"), (1998, "422301"), (9999, "421202"))


def area_for(birth_year: int) -> str:
    return next(code for last_year, code in XIANAN_AREAS if birth_year < last_year)


def id_number_for(area: str, birth: datetime.date, sequence: int) -> str:
    """A valid 18-digit ID number: area, birth date, a 3-digit sequence (odd for men), the check digit."""
    body = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


# --- people --------------------------------------------------------------------------------------

FAMILY_NAMES = "张刘王陈李杨黄周吴徐胡朱何郭罗宋谢唐冯程曹袁邓彭余汪田熊甘舒贺柯阮童钱潘丁万"
MEN = "国建志明伟强军华平文超勇杰涛斌辉刚健峰磊春林海波金德福祥荣"
WOMEN = "秀英桂兰芳丽娟敏静霞燕红玲梅琴萍莉凤翠莲娥琼珍华云春"
WORK_PLACES = ("武汉", "深圳", "东莞", "广州", "上海", "咸宁城区", "长沙", "苏州")


@dataclass
class Person:
    name: str
    id_number: str
    household: str
    phone: str
    tags: list[str]
    attributes: dict[str, str]

    @property
    def birth(self) -> datetime.date:
        return datetime.date.fromisoformat(self.attributes["出生日期"])


def _name(rng: random.Random, family: str, male: bool) -> str:
    chars = MEN if male else WOMEN
    return family + "".join(rng.choice(chars) for _ in range(rng.choice((1, 2, 2))))


def _birth(rng: random.Random, today: datetime.date, age_low: int, age_high: int) -> datetime.date:
    age = rng.randint(age_low, age_high)
    return today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))


def _age(birth: datetime.date, today: datetime.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


class _People:
    """Households of a village, each a family name, a head, often a spouse, children, an old parent."""

    def __init__(self, seed: int, today: datetime.date, prefix: str):
        self.rng = random.Random(seed)
        self.today = today
        self.prefix = prefix
        self.used: set[str] = set()
        self.people: list[Person] = []

    def _id(self, birth: datetime.date, male: bool) -> str:
        while True:
            sequence = self.rng.randrange(1, 999)
            if sequence % 2 != male:  # odd for men, even for women
                sequence = sequence + 1 if sequence < 998 else sequence - 1
            number = id_number_for(area_for(birth.year), birth, sequence)
            if number not in self.used:
                self.used.add(number)
                return number

    def add(self, household: str, family: str, relation: str, male: bool, birth: datetime.date, hh: dict):
        rng, age = self.rng, _age(birth, self.today)
        name = _name(rng, family if relation != "配偶" else rng.choice(FAMILY_NAMES), male)
        disability = rng.choices(DISABILITY, weights=(94, 1, 1, 2, 2))[0]
        health = "残疾" if disability != "无" else rng.choices(HEALTH[:3], weights=(80, 17, 3))[0]
        away = 18 <= age <= 55 and rng.random() < 0.35
        tags = []
        if hh["dibao"]:
            tags.append("低保")
        if hh["tekun"]:
            tags.append("五保")
        if disability != "无":
            tags.append("残疾")
        if hh["alone"] and age >= 70:
            tags.append("独居老人")
        if hh["tuopin"]:
            tags.append("脱贫户")
        if male and 25 <= age <= 60 and rng.random() < 0.03:
            tags.append("退役军人")
        era = 0 if birth.year < 1960 else 1 if birth.year < 1980 else 2
        education = rng.choices(EDUCATION, weights=EDUCATION_WEIGHTS[era])[0]
        if 14 <= age <= 28 and rng.random() < 0.4:
            politics = "共青团员"
        else:
            politics = "中共党员" if age >= 22 and rng.random() < 0.07 else "群众"
        attributes = {
            "性别": "男" if male else "女",
            "出生日期": birth.isoformat(),
            "民族": rng.choices(ETHNICITY, weights=(97, 1, 1, 1))[0],
            "与户主关系": relation,
            "文化程度": education if age >= 7 else "小学及以下",
            "政治面貌": politics,
            "是否低保": "是" if hh["dibao"] else "否",
            "是否特困供养": "是" if hh["tekun"] else "否",
            "是否脱贫户": "是" if hh["tuopin"] else "否",
            "残疾等级": disability,
            "健康状况": health,
            "是否独居": "是" if hh["alone"] else "否",
            "是否外出务工": "是" if away else "否",
            "务工地点": rng.choice(WORK_PLACES) if away else "",
            "参加城乡居民医保": "是" if rng.random() < 0.97 else "否",
            "参加城乡居民养老保险": "是" if age >= 16 and rng.random() < 0.9 else "否",
        }
        phone = ""
        if 16 <= age <= 80:
            phone = f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"
        self.people.append(Person(name, self._id(birth, male), household, phone, tags, attributes))

    def household(self, number: int) -> None:
        rng, today = self.rng, self.today
        family = rng.choice(FAMILY_NAMES)
        household = f"{self.prefix}{number:04d}"
        alone = rng.random() < 0.08
        hh = {
            "dibao": rng.random() < 0.06,
            "tekun": alone and rng.random() < 0.3,
            "tuopin": rng.random() < 0.08,
            "alone": alone,
        }
        if alone:
            self.add(household, family, "户主", rng.random() < 0.4, _birth(rng, today, 70, 92), hh)
            return
        head_birth = _birth(rng, today, 30, 78)
        head_male = rng.random() < 0.85
        self.add(household, family, "户主", head_male, head_birth, hh)
        if rng.random() < 0.85:
            spouse_birth = head_birth + datetime.timedelta(days=rng.randint(-1500, 1500))
            self.add(household, family, "配偶", not head_male, min(spouse_birth, today), hh)
        head_age = _age(head_birth, today)
        for _child in range(rng.choice((0, 1, 1, 2, 2, 3)) if head_age < 70 else rng.choice((0, 1))):
            child_age = max(0, head_age - rng.randint(22, 34))
            self.add(
                household, family, "子女", rng.random() < 0.52, _birth(rng, today, child_age, child_age), hh
            )
        if head_age < 55 and rng.random() < 0.35:
            parent_age = min(head_age + rng.randint(22, 30), 95)
            self.add(
                household, family, "父母", rng.random() < 0.45, _birth(rng, today, parent_age, parent_age), hh
            )


def demo_people(village: Division, count: int, today: datetime.date) -> list[Person]:
    """About `count` people of a village in households, always the same for the same village and day."""
    people = _People(int(village.code), today, village.code[-3:])
    number = 1
    while len(people.people) < count:
        people.household(number)
        number += 1
    return people.people


ATTRIBUTE_COLUMNS = [e.name for e in ELEMENTS if e.register == R and e.code >= "R005"]
BASE_COLUMNS = ["姓名", "身份证号", "户号", "联系电话", "标签"]


def residents_tsv(people: list[Person]) -> bytes:
    lines = ["\t".join(BASE_COLUMNS + ATTRIBUTE_COLUMNS)]
    for p in people:
        cells = [p.name, p.id_number, p.household, p.phone, "、".join(p.tags)]
        lines.append("\t".join(cells + [p.attributes[name] for name in ATTRIBUTE_COLUMNS]))
    return ("\n".join(lines) + "\n").encode()


# --- village figures -----------------------------------------------------------------------------


def _figures(rng: random.Random, village: Division, people: list[Person] | None, today) -> dict[str, str]:
    """One village's profile; counted from its people when the register holds them."""
    community = village.kind == DivisionKind.COMMUNITY
    counts: dict[str, int]
    if people:
        ages = [_age(p.birth, today) for p in people]
        counts = {
            "户籍人口": len(people),
            "户数": len({p.household for p in people}),
            "低保户数": len({p.household for p in people if "低保" in p.tags}),
            "低保人数": sum("低保" in p.tags for p in people),
            "特困供养人数": sum("五保" in p.tags for p in people),
            "60岁以上老人数": sum(age >= 60 for age in ages),
            "80岁以上老人数": sum(age >= 80 for age in ages),
            "残疾人数": sum("残疾" in p.tags for p in people),
            "外出务工人数": sum(p.attributes["是否外出务工"] == "是" for p in people),
            "脱贫户数": len({p.household for p in people if "脱贫户" in p.tags}),
        }
    else:
        registered = rng.randint(3000, 9000) if community else rng.randint(900, 3600)
        households = registered // rng.randint(3, 4)
        counts = {
            "户籍人口": registered,
            "户数": households,
            "低保户数": int(households * rng.uniform(0.03, 0.07)),
            "特困供养人数": int(registered * rng.uniform(0.002, 0.008)),
            "60岁以上老人数": int(registered * rng.uniform(0.18, 0.28)),
            "残疾人数": int(registered * rng.uniform(0.04, 0.07)),
            "外出务工人数": 0 if community else int(registered * rng.uniform(0.2, 0.4)),
            "脱贫户数": 0 if community else int(households * rng.uniform(0.04, 0.12)),
        }
        counts["低保人数"] = int(counts["低保户数"] * rng.uniform(1.5, 2.3))
        counts["80岁以上老人数"] = int(counts["60岁以上老人数"] * rng.uniform(0.12, 0.2))
    registered, away = counts["户籍人口"], counts["外出务工人数"]
    living = registered + (rng.randint(200, 2000) if community else -int(away * 0.8))
    area = rng.uniform(0.6, 3) if community else rng.uniform(4, 18)
    counts.update(
        {
            "常住人口": max(living, 0),
            "村民小组数": 0 if community else rng.randint(6, 16),
            "耕地面积": 0 if community else int(area * rng.uniform(180, 420)),
            "林地面积": 0 if community else int(area * rng.uniform(300, 900)),
            "村干部人数": rng.randint(5, 7) if community else rng.randint(4, 6),
            "党员人数": int(registered * rng.uniform(0.025, 0.045)),
            "农村居民人均可支配收入": rng.randint(16_000, 24_000),
            "防止返贫监测户数": 0 if community else rng.randint(1, 8),
        }
    )
    figures = {name: str(value) for name, value in counts.items()}
    kind = "城郊融合类" if community else rng.choices(VILLAGE_TYPES, weights=(60, 15, 15, 10))[0]
    figures.update(
        {
            "面积": f"{area:.2f}",
            "村集体经济收入": f"{rng.uniform(8, 60) if community else rng.uniform(5, 45):.1f}",
            "村庄类型": kind,
            "是否有村卫生室": "是" if community or rng.random() < 0.9 else "否",
        }
    )
    return figures


def _earlier(figures: dict[str, str], rng: random.Random) -> dict[str, str]:
    """The same village a year earlier: counts a little different, the rest as now."""
    older = dict(figures)
    for name in ("户籍人口", "常住人口", "60岁以上老人数", "外出务工人数", "党员人数"):
        value = int(figures[name])
        older[name] = str(max(0, value + rng.randint(-value // 40 - 1, value // 60 + 1)))
    older["村集体经济收入"] = f"{float(figures['村集体经济收入']) * rng.uniform(0.8, 1.0):.1f}"
    older["农村居民人均可支配收入"] = str(
        int(int(figures["农村居民人均可支配收入"]) * rng.uniform(0.92, 0.97))
    )
    return older


def _load_profiles(
    county: Division, elements: dict[str, DataElement], people: dict[int, list[Person]], today
):
    villages = Division.objects.filter(county=county, level=Level.VILLAGE).order_by("code")
    now_as_of = today - datetime.timedelta(days=30)
    last_year_end = datetime.date(now_as_of.year - 1, 12, 31)
    facts: list[VillageFact] = []
    for village in villages:
        rng = random.Random(int(village.code) * 7)
        current = _figures(rng, village, people.get(village.pk), today)
        for as_of, figures in ((last_year_end, _earlier(current, rng)), (now_as_of, current)):
            facts.extend(
                VillageFact(
                    village=village,
                    county=county,
                    element=elements[name],
                    value=value,
                    as_of=as_of,
                    source=ValueSource.IMPORT,
                )
                for name, value in figures.items()
            )
    VillageFact.objects.bulk_create(facts, batch_size=1000)
    record(
        actor=None,
        actor_name="qingdan demo",
        action="forms.import_village_facts",
        obj=county,
        changes={"figures": [None, len(facts)], "villages": [None, villages.count()]},
    )
    return len(facts)


# --- loading -------------------------------------------------------------------------------------

DEMO_TOWNSHIP = "汀泗桥镇"
DEMO_SUBDISTRICT = "温泉街道"
DEMO_COUNTS: dict[str, int] = {DivisionKind.VILLAGE: 360, DivisionKind.COMMUNITY: 240}


def demo_registers_places(county: Division) -> list[Division]:
    """The village and community whose residents the demo registers: the demo cadres' own."""
    places = []
    for township_name, kind in (
        (DEMO_TOWNSHIP, DivisionKind.VILLAGE),
        (DEMO_SUBDISTRICT, DivisionKind.COMMUNITY),
    ):
        township = Division.objects.filter(county=county, level=Level.TOWNSHIP, name=township_name).first()
        if township is None:
            continue
        place = Division.objects.filter(parent=township, kind=kind).order_by("code").first()
        if place is not None:
            places.append(place)
    return places


def _actor(county: Division):
    return (
        User.objects.filter(role=Role.CATALOG_OFFICE, unit__county=county, is_active=True)
        .order_by("id")
        .first()
        or access.SYSTEM
    )


def load_demo_registers(
    county: Division, *, places: list[Division] | None = None, today: datetime.date | None = None
) -> dict[str, int]:
    """The dictionary, the village profiles and the residents of `places` (default: the demo cadres'
    village and community), as the module says: how many elements, figures and residents were made."""
    today = today or timezone.localdate()
    made = {"elements": load_dictionary(county), "figures": 0, "residents": 0}
    elements = {e.name: e for e in DataElement.objects.filter(county=county, status=ElementStatus.APPROVED)}
    people: dict[int, list[Person]] = {}
    if not Resident.objects.filter(county=county).exists():
        actor = _actor(county)
        for place in demo_registers_places(county) if places is None else places:
            people[place.pk] = demo_people(place, DEMO_COUNTS[place.kind], today)
            read = importer.read_residents(
                residents_tsv(people[place.pk]), f"{place.name}人员花名册.tsv", village=place, today=today
            )
            if not read.ok:  # the generated register is consistent; stop rather than load half of it
                raise RuntimeError("; ".join(str(p) for p in read.errors[:5]))
            counts = importer.import_residents(
                user=actor, village_or_township=place, rows=read.rows, filename=f"{place.name}人员花名册.tsv"
            )
            made["residents"] += counts.created
    if not VillageFact.objects.filter(county=county).exists():
        made["figures"] = _load_profiles(county, elements, people, today)
    return made
