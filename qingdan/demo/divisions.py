"""The demo county's divisions: 咸安区 with its 13 real townships, and generated villages and communities.

Township names and codes are real (qingdan/orgs/data/demo_county.json). Villages and communities are
made up, with codes in the statistical convention: the township's 9 digits, then 001–199 for
communities (居民委员会) and 201–399 for villages (村民委员会).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division

from .names import community_names, village_names
from .sync import sync

COUNTY_FILE = Path(__file__).resolve().parent / "data" / "demo_county.json"

# How many communities and villages each township gets: (communities, villages). 154 in all.
VILLAGE_COUNTS = {
    "温泉街道": (10, 2),
    "浮山街道": (6, 4),
    "永安街道": (7, 5),
    "汀泗桥镇": (2, 11),
    "向阳湖镇": (1, 10),
    "官埠桥镇": (1, 11),
    "横沟桥镇": (2, 12),
    "贺胜桥镇": (2, 11),
    "双溪桥镇": (1, 12),
    "马桥镇": (1, 10),
    "桂花镇": (1, 11),
    "高桥镇": (1, 11),
    "大幕乡": (1, 8),
}
DEFAULT_COUNTS = (1, 10)

TOWNSHIP_SUFFIXES = (("街道", DivisionKind.JIEDAO), ("镇", DivisionKind.ZHEN), ("乡", DivisionKind.XIANG))


@dataclass
class DemoDivisions:
    county: Division
    townships: list[Division]
    villages: list[Division]  # villages and communities, by code
    created: int
    updated: int


def township_kind(name: str) -> DivisionKind:
    for suffix, kind in TOWNSHIP_SUFFIXES:
        if name.endswith(suffix):
            return kind
    raise ValueError(f"not a township name: {name}")


def township_seat(name: str) -> str:
    """The seat a township is named after: 汀泗桥镇 → 汀泗桥, 温泉街道 → 温泉."""
    for suffix, _kind in TOWNSHIP_SUFFIXES:
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


def read_county_file(path: Path = COUNTY_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def village_rows(
    township_code: str, township_name: str, used: set[str]
) -> list[tuple[str, str, DivisionKind]]:
    """(code, name, kind) of the communities and villages under one township, always the same."""
    communities, villages = VILLAGE_COUNTS.get(township_name, DEFAULT_COUNTS)
    seed = int(township_code[:9])
    seat = township_seat(township_name) if township_kind(township_name) != DivisionKind.JIEDAO else ""
    prefix = township_code[:9]
    rows = [
        (f"{prefix}{serial:03d}", name, DivisionKind.COMMUNITY)
        for serial, name in enumerate(community_names(seed, communities, used, seat=seat), start=1)
    ]
    rows += [
        (f"{prefix}{serial:03d}", name, DivisionKind.VILLAGE)
        for serial, name in enumerate(village_names(seed, villages, used), start=201)
    ]
    return rows


def _sync_level(rows: list[dict]) -> tuple[list[Division], int, int]:
    result = sync(Division.objects.filter(code__in=[r["code"] for r in rows]), ["code"], rows)
    return [result.by_key[(r["code"],)] for r in rows], result.created, result.updated


def _row(code, name, level, kind, parent, county) -> dict:
    return {
        "code": code,
        "name": name,
        "level": level,
        "kind": kind,
        "parent_id": parent.pk if parent else None,
        "county_id": county.pk if county else None,
    }


def load_divisions(data: dict | None = None) -> DemoDivisions:
    """Create or update the province, city, county, townships and villages of the demo county."""
    data = data or read_county_file()
    created = updated = 0

    def level(rows: list[dict]) -> list[Division]:
        nonlocal created, updated
        objects, c, u = _sync_level(rows)
        created, updated = created + c, updated + u
        return objects

    p, c, k = data["province"], data["city"], data["county"]
    [province] = level([_row(p["code"], p["name"], Level.PROVINCE, DivisionKind.PROVINCE, None, None)])
    [city] = level([_row(c["code"], c["name"], Level.CITY, DivisionKind.CITY, province, None)])
    county_row = _row(k["code"], k["name"], Level.COUNTY, DivisionKind.COUNTY, city, None)
    del county_row["county_id"]  # a county is its own county: set below, once it has a key
    [county] = level([county_row])
    if county.county_id != county.pk:
        county.county = county
        county.save(update_fields=["county"])
    townships = level(
        [
            _row(t["code"], t["name"], Level.TOWNSHIP, township_kind(t["name"]), county, county)
            for t in data["townships"]
        ]
    )
    used: set[str] = set()
    villages = level(
        [
            _row(code, name, Level.VILLAGE, kind, township, county)
            for township in townships
            for code, name, kind in village_rows(township.code, township.name, used)
        ]
    )
    return DemoDivisions(county, townships, villages, created, updated)
