"""Village assessment for the demo county, retelling Daye (seed 004).

  last year   the scheme as it was before the platform: 25 indicators for every village (written directly,
              as a ledger of the past: it holds kinds the actions now refuse), under a cap of 25
  this year   the county caps indicators at 10 and draws the scheme through the actions: per
              village type (城市社区 / 城郊村 / 园中村 / 农业村) nine of last year's
              indicators kept with new weights and one feature indicator of the type;
              招商引资 and 发展市场主体 dropped (not a village's duty), 13 photo-trail,
              sign and ledger indicators dropped (form over substance), one replaced by
              the feature indicator — 25 → 10 (−60 %)
  the year    one joint team of four departments visits every village once; orders and forms score
              themselves from the platform's records; results, rank and grade for every village; each
              village's cadres paid 30 % of pay by grade plus 15 % of the rise in operating income (the demo
              village's three cadres get ¥7,000 each, as 风桥村's did in 2023); one appeal waiting

Nothing is made when the county already has a scheme, so loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from qingdan.access import SYSTEM
from qingdan.assessment import actions, queries
from qingdan.assessment.actions import Cadre, IndicatorInput, Verified
from qingdan.assessment.choices import SchemeStatus, VillageType
from qingdan.assessment.models import AssessmentCap, Indicator, Result, Scheme
from qingdan.duties.models import DutyItem
from qingdan.orgs.choices import DivisionKind, Level, Role
from qingdan.orgs.models import Division, Unit, User

LAST_CAP, CAP = 25, 10
GOOD = [
    {"label": "好", "share": 100},
    {"label": "较好", "share": 80},
    {"label": "一般", "share": 60},
    {"label": "差", "share": 0},
]


@dataclass(frozen=True)
class Line:
    name: str
    item: int  # index into the county's primary duties (主责事项), wrapping round
    points: int
    department: str
    rule: str = "qualitative"
    target: int | None = None
    formula: str = ""
    evidence: str = "document"
    source: str = ""


# Nine indicators every type keeps from last year, with this year's weights (90 of the 100 points).
KEPT = [
    Line(
        "派单事项按期办结率",
        9,
        15,
        "区委社会工作部",
        "quantitative",
        100,
        "proportional",
        "platform_record",
        "orders_on_time",
    ),
    Line(
        "“一套表”按时报送率",
        5,
        10,
        "区数据局",
        "quantitative",
        100,
        "proportional",
        "platform_record",
        "forms_submitted",
    ),
    Line("村级组织建设和党员教育管理", 2, 10, "区委组织部"),
    Line("村集体经营性收入增长率（%）", 3, 15, "区农业农村局", "quantitative", 5, "proportional"),
    Line("村务公开和民主决策落实", 4, 10, "区民政局"),
    Line(
        "农村人居环境整治达标户比例（%）", 7, 10, "区农业农村局", "quantitative", 90, "proportional", "form"
    ),
    Line("矛盾纠纷化解率（%）", 8, 10, "区委政法委", "quantitative", 95, "proportional"),
    Line("移风易俗和文明乡风建设", 6, 5, "区文化和旅游局"),
    Line("老年人、残疾人和退役军人服务保障", 11, 5, "区退役军人事务局"),
]
# One feature indicator per type (个性化设置特色指标), 10 points.
FEATURE = {
    VillageType.URBAN_COMMUNITY: Line("物业服务矛盾协调化解", 8, 10, "区住房和城乡建设局"),
    VillageType.PERI_URBAN: Line("征迁安置和流动人口服务", 5, 10, "区民政局"),
    VillageType.PARK: Line("园区企业和务工人员服务", 5, 10, "区人力资源和社会保障局"),
    VillageType.AGRICULTURAL: Line(
        "耕地保护和集体土地发包规范率（%）", 3, 10, "区农业农村局", "quantitative", 100, "proportional"
    ),
}
REPLACED = "村级综合工作评价"  # replaced by this year's feature indicator of the village's type
NOT_A_VILLAGE_DUTY = ["招商引资任务完成情况", "发展市场主体数量"]
FORM_OVER_SUBSTANCE = [
    "人居环境整治拍照留痕",
    "党员活动拍照上传",
    "志愿服务活动照片",
    "村务公开栏拍照",
    "入户走访照片台账",
    "村部挂牌规范",
    "便民服务站挂牌",
    "各类协会挂牌",
    "党建材料台账",
    "安全生产检查台账",
    "防汛值班签到台账",
    "信访维稳工作台账",
    "扫黑除恶宣传照片",
]
WHY_NOT_A_DUTY = "村级组织不应承接的事项：主责之外不考核。"
WHY_FORM = "注重形式、不切实际：拍照留痕、加挂牌子、材料台账类指标一律取消。"
WHY_REPLACED = "并入本年按村类型设置的特色指标。"
TEAM_UNITS = ["区委组织部", "区委社会工作部", "区农业农村局", "区民政局"]


def village_type(village: Division, index: int) -> str:
    """Communities are urban; of the villages, villages of a subdistrict are peri-urban, and the rest
    are agricultural but for every fourth, which lies inside an industrial park."""
    if village.kind == DivisionKind.COMMUNITY:
        return VillageType.URBAN_COMMUNITY
    if village.parent is not None and village.parent.kind == DivisionKind.JIEDAO:
        return VillageType.PERI_URBAN
    return VillageType.PARK if index % 4 == 3 else VillageType.AGRICULTURAL


def _unit(units: dict[str, Unit], fallback: list[Unit], name: str, n: int) -> Unit:
    return units.get(name) or fallback[n % len(fallback)]


def _last_year(county: Division, year: int, items: list[DutyItem], units, fallback) -> Scheme:
    """Last year's scheme as it stood (published before the platform): 25 indicators of 4 points for
    every type, written directly because several are of kinds the actions now refuse."""
    scheme = Scheme.objects.create(
        county=county,
        division=county,
        year=year,
        title=f"{county.name}{year}年度村级综合考核方案",
        status=SchemeStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    names = [line.name for line in KEPT] + [REPLACED] + NOT_A_VILLAGE_DUTY + FORM_OVER_SUBSTANCE
    rows = []
    for kind in VillageType:
        for position, name in enumerate(names, start=1):
            line = KEPT[position - 1] if position <= len(KEPT) else None
            rows.append(
                Indicator(
                    scheme=scheme,
                    county=county,
                    village_type=kind,
                    position=position,
                    name=name,
                    duty_item=items[(line.item if line else position) % len(items)],
                    points=Decimal(4),
                    rule_kind=line.rule if line else "qualitative",
                    target=line.target if line else None,
                    formula=line.formula if line else "",
                    levels=[] if line and line.rule == "quantitative" else GOOD,
                    evidence=line.evidence if line else "document",
                    source=line.source if line else "",
                    department=_unit(units, fallback, line.department if line else "区委组织部", position),
                )
            )
    Indicator.objects.bulk_create(rows)
    return scheme


def _data(line: Line, kind: str, items, units, fallback, n: int) -> IndicatorInput:
    return IndicatorInput(
        name=line.name,
        village_type=kind,
        duty_item=items[line.item % len(items)],
        points=line.points,
        rule_kind=line.rule,
        target=line.target,
        formula=line.formula,
        levels=GOOD if line.rule == "qualitative" else [],
        evidence=line.evidence,
        source=line.source,
        department=_unit(units, fallback, line.department, n),
    )


def _this_year(county: Division, year: int, last: Scheme, items, units, fallback) -> Scheme:
    actor = SYSTEM
    actions.set_cap(user=actor, county=county, year=year, cap=CAP)
    scheme = actions.create_scheme(
        user=actor, division=county, year=year, title=f"{county.name}{year}年度村级考核方案"
    )
    previous = {(i.village_type, i.name): i for i in last.indicators.all()}
    for kind in VillageType:
        for n, line in enumerate(KEPT):
            kept = actions.keep_indicator(user=actor, scheme=scheme, previous=previous[(kind, line.name)])
            actions.update_indicator(
                user=actor, indicator=kept, data=_data(line, kind, items, units, fallback, n)
            )
        actions.add_indicator(
            user=actor, scheme=scheme, data=_data(FEATURE[kind], kind, items, units, fallback, 9)
        )
        reasons = {
            REPLACED: WHY_REPLACED,
            **dict.fromkeys(NOT_A_VILLAGE_DUTY, WHY_NOT_A_DUTY),
            **dict.fromkeys(FORM_OVER_SUBSTANCE, WHY_FORM),
        }
        for name, reason in reasons.items():
            actions.drop_indicator(user=actor, scheme=scheme, previous=previous[(kind, name)], reason=reason)
    return actions.publish_scheme(user=actor, scheme=scheme)


def _visit_day(year: int, today: datetime.date) -> datetime.date:
    planned = datetime.date(year, 11, 20)
    return planned if planned <= today else max(today, datetime.date(year, 1, 1))


def _values(rng: random.Random, indicators: list[Indicator], village: Division) -> list[Verified]:
    verified = []
    for indicator in indicators:
        if indicator.source:
            continue
        if indicator.rule_kind == "quantitative":
            value = Decimal(indicator.target or 0) * Decimal(rng.choice([60, 80, 90, 100, 110])) / 100
            verified.append(
                Verified(indicator, note="入户和查阅平台记录核实", value=value.quantize(Decimal("0.01")))
            )
        else:
            level = rng.choice(["好", "好", "较好", "较好", "一般"])
            verified.append(Verified(indicator, note="联合考核组实地核实", level=level))
    return verified


def _pay(rng: random.Random, result: Result, demo_village: Division | None) -> None:
    if result.village == demo_village:
        # 3 cadres × ¥7,000 = 15 % of a ¥140,000 rise (seed 004: 风桥村, 2023)
        last, rise = Decimal(360_000), Decimal(140_000)
    else:
        last = Decimal(rng.randrange(80, 600) * 1000)
        rise = Decimal(rng.randrange(-20, 120) * 1000)
    cadres = [
        Cadre("书记", Decimal(rng.randrange(48, 61) * 1000), "党组织书记"),
        Cadre("主任", Decimal(rng.randrange(40, 49) * 1000), "村（居）委会主任"),
        Cadre("委员", Decimal(rng.randrange(32, 40) * 1000), "两委委员"),
    ]
    cadres = [Cadre(f"{result.village.name[:2]}{c.name}", c.yearly_pay, c.post) for c in cadres]
    actions.record_pay(
        user=SYSTEM,
        result=result,
        income_last_year=last,
        income_this_year=max(last + rise, Decimal(0)),
        cadres=cadres,
    )


def load_demo_assessment(county: Division, *, today: datetime.date | None = None) -> int:
    """The demo's assessment (see the module's docstring); the number of villages with a result."""
    if Scheme.objects.filter(county=county).exists() or AssessmentCap.objects.filter(county=county).exists():
        return 0
    today = today or timezone.localdate()
    year = today.year
    items = list(queries.primary_items(county))
    fallback = list(queries.departments(county))
    if not items or len(fallback) < 2:
        return 0
    units = {unit.name: unit for unit in fallback}
    villages = list(
        Division.objects.filter(county=county, level=Level.VILLAGE).select_related("parent").order_by("code")
    )
    for n, village in enumerate(villages):
        actions.set_village_type(user=SYSTEM, village=village, village_type=village_type(village, n))
    actions.set_cap(user=SYSTEM, county=county, year=year - 1, cap=LAST_CAP)
    last = _last_year(county, year - 1, items, units, fallback)
    scheme = _this_year(county, year, last, items, units, fallback)

    team_units = [units[name] for name in TEAM_UNITS if name in units] or fallback[:4]
    team = actions.form_team(
        user=SYSTEM,
        county=county,
        year=year,
        name=f"{county.name}{year}年度村级联合考核组",
        units=team_units,
        members="组织部、社会工作部、农业农村局、民政局各一人",
    )
    rng = random.Random(int(county.code))
    by_type = {kind: list(scheme.indicators.filter(village_type=kind)) for kind in VillageType}
    kinds = queries.villages_by_type(county)
    for village in villages:
        actions.record_visit(
            user=SYSTEM,
            team=team,
            village=village,
            visited_on=_visit_day(year, today),
            note="一次性集中考核",
            preparation_hours=rng.choice([1, 1.5, 2, 3]),
            verified=_values(rng, by_type[VillageType(kinds[village.pk])], village),
        )
    results = actions.publish_results(user=SYSTEM, scheme=scheme, today=today)
    cadre = (
        User.objects.filter(
            role=Role.VILLAGE_CADRE, unit__division__county=county, unit__division__kind=DivisionKind.VILLAGE
        )
        .select_related("unit__division")
        .first()
    )
    demo_village = cadre.unit.division if cadre is not None and cadre.unit is not None else None
    for result in results:
        _pay(rng, result, demo_village)
    if cadre is not None:
        mine = next((r for r in results if r.village == demo_village), None)
        if mine is not None:
            actions.file_appeal(
                user=cadre,
                result=mine,
                reason="人居环境整治达标户数以镇里复核台账为准，请予核实。",
                today=today,
            )
    return len(results)
