"""Helpers every app's tests share: the fixed personas, the "nothing was written" check, a media folder
of the test's own, and small values tests keep needing.

qingdan/conftest.py turns these into pytest fixtures for every test (county, township, village_cadre,
outsider …, nothing_written, media_root, english); a new app's tests use the fixtures, and build more
people or places with the functions here when a test needs them.

The test county
    测试市 (city)
      └─ 测试县 (county)
           ├─ 甲镇 (township) ── 甲村 (village), 甲社区 (community)
           └─ 乙乡 (township) ── 乙村 (village)

Personas (one per role, plus an outsider from the neighbouring township)
    catalog_office 县委编办 · county_reviewer 县委社会工作部 · dept_clerk 县农业农村局 ·
    township_dispatcher 甲镇党政办 · village_cadre 甲村村委会 · supervisor 县纪委监委 ·
    platform_admin 县信息中心 · outsider 乙村村委会 (sees none of 甲镇)

nothing_written()   `with nothing_written() as refused: <action>` — the action is refused with
                    ActionRefused, and nothing changed: no row of any model, no file under MEDIA_ROOT, no
                    callback queued for after the commit (notifications, jobs)
snapshot()          every table and file, to compare around a refused request (a page, not an action)
race(*calls)        PostgreSQL race tests: each call in its own thread and database connection, all
                    released at once by a barrier; the list of what each returned or raised
use_media_root(settings, folder)   point MEDIA_ROOT at a folder of the test's own
id_number(serial)   a valid 18-character ID number (GB 11643 check digit)
in_days(n)          the local date n days from today
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.test import TestCase
from django.utils import timezone, translation
from stdnum.cn import ric

from qingdan.errors import ActionRefused
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User

PASSWORD = "correct-horse-battery"


# --- places ---------------------------------------------------------------------------------------


def make_division(code: str, name: str, level: str, kind: str, parent=None, county=None) -> Division:
    return Division.objects.create(code=code, name=name, level=level, kind=kind, parent=parent, county=county)


def make_unit(name: str, kind: str, division: Division) -> Unit:
    """A unit seated in `division`, of that division's county."""
    return Unit.objects.create(name=name, kind=kind, division=division, county=division.county)


def county() -> Division:
    """测试县, under 测试市; a county is its own county."""
    city = make_division("429900000000", "测试市", Level.CITY, DivisionKind.CITY)
    made = make_division("429901000000", "测试县", Level.COUNTY, DivisionKind.COUNTY, parent=city)
    made.county = made
    made.save()
    return made


def township(county: Division) -> Division:
    return make_division("429901100000", "甲镇", Level.TOWNSHIP, DivisionKind.ZHEN, county, county)


def village(township: Division) -> Division:
    return make_division(
        "429901100001", "甲村", Level.VILLAGE, DivisionKind.VILLAGE, township, township.county
    )


def community(township: Division) -> Division:
    return make_division(
        "429901100002", "甲社区", Level.VILLAGE, DivisionKind.COMMUNITY, township, township.county
    )


def other_township(county: Division) -> Division:
    return make_division("429901200000", "乙乡", Level.TOWNSHIP, DivisionKind.XIANG, county, county)


def other_village(other_township: Division) -> Division:
    return make_division(
        "429901200001", "乙村", Level.VILLAGE, DivisionKind.VILLAGE, other_township, other_township.county
    )


def department(county: Division) -> Unit:
    return make_unit("县农业农村局", UnitKind.DEPARTMENT, county)


def other_department(county: Division) -> Unit:
    return make_unit("县自然资源局", UnitKind.DEPARTMENT, county)


# --- people ---------------------------------------------------------------------------------------


def make_user(username: str, role: str, unit: Unit, **extra) -> User:
    """A user of `unit` with the test password; `full_name` defaults to the username."""
    user = User(username=username, full_name=extra.pop("full_name", username), role=role, unit=unit, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def catalog_office(county: Division) -> User:
    return make_user("bianban", Role.CATALOG_OFFICE, make_unit("县委编办", UnitKind.OFFICE, county))


def county_reviewer(county: Division) -> User:
    return make_user("jianfuban", Role.REVIEWER, make_unit("县委社会工作部", UnitKind.OFFICE, county))


def dept_clerk(department: Unit) -> User:
    return make_user("nongye", Role.DEPT_CLERK, department)


def township_dispatcher(township: Division) -> User:
    return make_user(
        "jiazhen", Role.TOWNSHIP_DISPATCHER, make_unit("甲镇党政办", UnitKind.TOWNSHIP, township)
    )


def village_cadre(village: Division) -> User:
    return make_user("jiacun", Role.VILLAGE_CADRE, make_unit("甲村村委会", UnitKind.VILLAGE, village))


def supervisor(county: Division) -> User:
    return make_user("jijian", Role.SUPERVISOR, make_unit("县纪委监委", UnitKind.OFFICE, county))


def platform_admin(county: Division) -> User:
    return make_user("xinxi", Role.PLATFORM_ADMIN, make_unit("县信息中心", UnitKind.INSTITUTION, county))


def outsider(other_village: Division) -> User:
    """A village cadre of 乙村, in a different township: sees none of 甲镇."""
    return make_user("yicun", Role.VILLAGE_CADRE, make_unit("乙村村委会", UnitKind.VILLAGE, other_village))


# --- nothing written ------------------------------------------------------------------------------


def database_snapshot() -> dict[str, tuple[int, str]]:
    """Every model's row count and a digest of all its rows, by model label."""
    tables: dict[str, tuple[int, str]] = {}
    existing = set(connection.introspection.table_names())  # an app whose migration is not written yet
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed or model._meta.db_table not in existing:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        tables[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return tables


def media_snapshot() -> list[tuple[str, int]]:
    """Every file under MEDIA_ROOT, with its size."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    files = (path for path in root.rglob("*") if path.is_file())
    return sorted((str(path.relative_to(root)), path.stat().st_size) for path in files)


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))


def snapshot() -> tuple[dict, list]:
    """Every table and every file under MEDIA_ROOT, to compare before and after a refused request:
    `before = snapshot(); <request>; assert snapshot() == before`."""
    return database_snapshot(), media_snapshot()


@contextmanager
def nothing_written() -> Iterator[pytest.ExceptionInfo[ActionRefused]]:
    """`with nothing_written() as refused: <action>` — the block must raise ActionRefused and leave every
    table, every file under MEDIA_ROOT and the after-commit queue as they were."""
    rows, files = database_snapshot(), media_snapshot()
    with (
        TestCase.captureOnCommitCallbacks(execute=True) as callbacks,
        pytest.raises(ActionRefused) as refused,
    ):
        yield refused
    assert callbacks == [], "a callback was queued for after the commit"
    assert changed_tables(rows, database_snapshot()) == [], "rows changed"
    assert media_snapshot() == files, "files changed under MEDIA_ROOT"


# --- races ---------------------------------------------------------------------------------------------


def race(*calls: Callable[[], object], wait: float = 10, join: float = 30) -> list[object]:
    """Run each call in its own thread (so its own database connection), all released together by a
    barrier, and return what each returned or raised, in the order of the calls.

    For PostgreSQL tests marked django_db(transaction=True): the calls' transactions really overlap, so
    row locks and constraints are what keeps the outcome right. A call still running after `join`
    seconds is left with the outcome None. Each thread speaks the caller's language (languages are per
    thread) and closes its connections when done."""
    language = translation.get_language()
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(i: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=wait)
            with translation.override(language):
                outcomes[i] = call()
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=join)
    return outcomes


# --- media and small values -----------------------------------------------------------------------


def use_media_root(settings, folder: Path) -> Path:
    """Point MEDIA_ROOT (through pytest-django's `settings` fixture) at `folder`; returns it."""
    settings.MEDIA_ROOT = folder
    return folder


def id_number(serial: int, birth: str = "19900101", area: str = "420102") -> str:
    """A valid 18-character ID number (GB 11643 check digit)."""
    body = f"{area}{birth}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads the first 17 of 18 characters


def in_days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)
