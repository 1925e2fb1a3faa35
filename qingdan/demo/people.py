"""The demo accounts: one person per role (two department clerks), placed in the right unit."""

from __future__ import annotations

from dataclasses import dataclass

from qingdan.orgs.choices import DivisionKind, Role
from qingdan.orgs.models import Division, Unit, User

from .divisions import DemoDivisions
from .units import DemoUnits

# A fixed password for every demo account, printed by `qingdan demo`. Not for real use.
DEMO_PASSWORD = "qingdan-demo-2026"

# The township whose dispatcher, village and community the demo accounts sit in.
DEMO_TOWNSHIP = "汀泗桥镇"
DEMO_SUBDISTRICT = "温泉街道"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit_name: str = ""  # a district unit; empty for the township and village accounts below
    place: str = ""  # "township", "village" or "community" of the demo township / subdistrict


DEMO_ACCOUNTS = [
    DemoAccount("bianban", "陈立新", Role.CATALOG_OFFICE, "区委编办"),
    DemoAccount("jianfuban", "刘晓燕", Role.REVIEWER, "区委社会工作部"),
    DemoAccount("nongye", "王建国", Role.DEPT_CLERK, "区农业农村局"),
    DemoAccount("chengguan", "周志强", Role.DEPT_CLERK, "区城市管理执法局"),
    DemoAccount("tingsiqiao", "黄丽华", Role.TOWNSHIP_DISPATCHER, place="township"),
    DemoAccount("cunwei", "程家明", Role.VILLAGE_CADRE, place="village"),
    DemoAccount("shequ", "舒雅琴", Role.VILLAGE_CADRE, place="community"),
    DemoAccount("jijian", "吴国平", Role.SUPERVISOR, "区纪委监委"),
    DemoAccount("xinxi", "徐静", Role.PLATFORM_ADMIN, "区数据局"),
]


@dataclass
class DemoPeople:
    users: list[User]
    created: int
    updated: int


def _first(divisions: list[Division], parent: Division, kind: str) -> Division:
    return next(d for d in divisions if d.parent_id == parent.pk and d.kind == kind)


def demo_places(divisions: DemoDivisions) -> dict[str, Division]:
    """The township, village and community the demo's grassroots accounts work in."""
    townships = {t.name: t for t in divisions.townships}
    township = townships[DEMO_TOWNSHIP]
    return {
        "township": township,
        "village": _first(divisions.villages, township, DivisionKind.VILLAGE),
        "community": _first(divisions.villages, townships[DEMO_SUBDISTRICT], DivisionKind.COMMUNITY),
    }


def _unit_of(account: DemoAccount, divisions: DemoDivisions, units: DemoUnits) -> Unit:
    if account.unit_name:
        return units.by_name[account.unit_name]
    place = demo_places(divisions)[account.place]
    if account.place == "township":
        return units.township_units[place.pk]
    return units.village_units[place.pk]


def load_people(divisions: DemoDivisions, units: DemoUnits) -> DemoPeople:
    """Create or reset the demo accounts: right unit and role, the demo password, not locked."""
    existing = {u.username: u for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])}
    users: list[User] = []
    created = updated = 0
    for account in DEMO_ACCOUNTS:
        wanted = {
            "full_name": account.full_name,
            "role": account.role,
            "unit_id": _unit_of(account, divisions, units).pk,
            "is_active": True,
            "failed_logins": 0,
            "locked_until": None,
        }
        user = existing.get(account.username) or User(username=account.username)
        changed = user.pk is None or any(getattr(user, k) != v for k, v in wanted.items())
        for key, value in wanted.items():
            setattr(user, key, value)
        if user.pk is None or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            changed = True
        if changed:
            created += user.pk is None
            updated += user.pk is not None
            user.save()
        users.append(user)
    return DemoPeople(users, created, updated)
