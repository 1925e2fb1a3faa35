"""The demo county's units: district departments and offices, township governments, village committees."""

from __future__ import annotations

from dataclasses import dataclass

from qingdan.orgs.choices import DivisionKind, UnitKind
from qingdan.orgs.models import Division, Unit

from .divisions import DemoDivisions
from .sync import sync

DEPT, OFFICE, INST, AGENCY = UnitKind.DEPARTMENT, UnitKind.OFFICE, UnitKind.INSTITUTION, UnitKind.AGENCY

# (name, short name, kind) of the units that sit in the district itself.
DISTRICT_UNITS = [
    ("区委编办", "编办", OFFICE),
    ("区委社会工作部", "社会工作部", OFFICE),
    ("区纪委监委", "纪委监委", OFFICE),
    ("区委组织部", "组织部", OFFICE),
    ("区委政法委", "政法委", OFFICE),
    ("区人民武装部", "人武部", OFFICE),
    ("区发展和改革局", "发改局", DEPT),
    ("区教育局", "教育局", DEPT),
    ("区公安分局", "公安分局", AGENCY),
    ("区民政局", "民政局", DEPT),
    ("区司法局", "司法局", DEPT),
    ("区财政局", "财政局", DEPT),
    ("区人力资源和社会保障局", "人社局", DEPT),
    ("区自然资源和规划局", "自然资源和规划局", DEPT),
    ("市生态环境局咸安分局", "生态环境分局", AGENCY),
    ("区住房和城乡建设局", "住建局", DEPT),
    ("区城市管理执法局", "城管执法局", DEPT),
    ("区交通运输局", "交通运输局", DEPT),
    ("区水利和湖泊局", "水利和湖泊局", DEPT),
    ("区农业农村局", "农业农村局", DEPT),
    ("区林业局", "林业局", DEPT),
    ("区文化和旅游局", "文旅局", DEPT),
    ("区卫生健康局", "卫健局", DEPT),
    ("区退役军人事务局", "退役军人事务局", DEPT),
    ("区应急管理局", "应急管理局", DEPT),
    ("区市场监督管理局", "市场监管局", DEPT),
    ("区统计局", "统计局", DEPT),
    ("区医疗保障局", "医保局", DEPT),
    ("区数据局", "数据局", DEPT),
    ("区信息中心", "信息中心", INST),
]


@dataclass
class DemoUnits:
    by_name: dict[str, Unit]  # district units by name
    township_units: dict[int, Unit]  # township government by division pk
    village_units: dict[int, Unit]  # village or community committee by division pk
    created: int
    updated: int


def township_unit_name(township: Division) -> str:
    """汀泗桥镇人民政府, 大幕乡人民政府, 温泉街道办事处."""
    if township.kind == DivisionKind.JIEDAO:
        return f"{township.name}办事处"
    return f"{township.name}人民政府"


def village_unit_names(village: Division) -> tuple[str, str]:
    """(name, short name): 张家湾村村民委员会 / 张家湾村委会, 金桂社区居民委员会 / 金桂社区居委会."""
    if village.kind == DivisionKind.COMMUNITY:
        return f"{village.name}居民委员会", f"{village.name}居委会"
    return f"{village.name}村民委员会", f"{village.name}委会"


def load_units(divisions: DemoDivisions) -> DemoUnits:
    county = divisions.county

    def row(name: str, short: str, kind: str, division: Division) -> dict:
        return {
            "division_id": division.pk,
            "name": name,
            "short_name": short,
            "kind": kind,
            "county_id": county.pk,
            "is_active": True,
        }

    rows = [row(name, short, kind, county) for name, short, kind in DISTRICT_UNITS]
    rows += [row(township_unit_name(t), "", UnitKind.TOWNSHIP, t) for t in divisions.townships]
    rows += [row(*village_unit_names(v), UnitKind.VILLAGE, v) for v in divisions.villages]
    result = sync(Unit.objects.filter(county=county), ["division_id", "name"], rows)
    units = result.by_key
    return DemoUnits(
        by_name={name: units[(county.pk, name)] for name, _short, _kind in DISTRICT_UNITS},
        township_units={t.pk: units[(t.pk, township_unit_name(t))] for t in divisions.townships},
        village_units={v.pk: units[(v.pk, village_unit_names(v)[0])] for v in divisions.villages},
        created=result.created,
        updated=result.updated,
    )
