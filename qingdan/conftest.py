"""Fixed personas for every test: one per role, plus an outsider from a neighbouring township.

county 测试县
  ├─ 甲镇 (township) ── 甲村 (village), 甲社区 (community)
  └─ 乙乡 (township) ── 乙村 (village)
"""

import os

import pytest

from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_screening_cache():
    """Each test starts with no catalog index in memory (ids repeat between tests)."""
    from qingdan.duties.screening import clear_cache

    clear_cache()
    yield
    clear_cache()


def _division(code, name, level, kind, parent=None, county=None):
    return Division.objects.create(code=code, name=name, level=level, kind=kind, parent=parent, county=county)


@pytest.fixture
def county(db):
    city = _division("429900000000", "测试市", Level.CITY, DivisionKind.CITY)
    c = _division("429901000000", "测试县", Level.COUNTY, DivisionKind.COUNTY, parent=city)
    c.county = c
    c.save()
    return c


@pytest.fixture
def township(county):
    return _division("429901100000", "甲镇", Level.TOWNSHIP, DivisionKind.ZHEN, county, county)


@pytest.fixture
def village(township, county):
    return _division("429901100001", "甲村", Level.VILLAGE, DivisionKind.VILLAGE, township, county)


@pytest.fixture
def community(township, county):
    return _division("429901100002", "甲社区", Level.VILLAGE, DivisionKind.COMMUNITY, township, county)


@pytest.fixture
def other_township(county):
    return _division("429901200000", "乙乡", Level.TOWNSHIP, DivisionKind.XIANG, county, county)


@pytest.fixture
def other_village(other_township, county):
    return _division("429901200001", "乙村", Level.VILLAGE, DivisionKind.VILLAGE, other_township, county)


def _unit(name, kind, division, county):
    return Unit.objects.create(name=name, kind=kind, division=division, county=county)


def make_user(username, role, unit, **extra):
    user = User(username=username, full_name=extra.pop("full_name", username), role=role, unit=unit, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def department(county):
    return _unit("县农业农村局", UnitKind.DEPARTMENT, county, county)


@pytest.fixture
def other_department(county):
    return _unit("县自然资源局", UnitKind.DEPARTMENT, county, county)


@pytest.fixture
def catalog_office(county):
    return make_user("bianban", Role.CATALOG_OFFICE, _unit("县委编办", UnitKind.OFFICE, county, county))


@pytest.fixture
def county_reviewer(county):
    return make_user("jianfuban", Role.REVIEWER, _unit("县委社会工作部", UnitKind.OFFICE, county, county))


@pytest.fixture
def dept_clerk(department):
    return make_user("nongye", Role.DEPT_CLERK, department)


@pytest.fixture
def township_dispatcher(township, county):
    return make_user(
        "jiazhen", Role.TOWNSHIP_DISPATCHER, _unit("甲镇党政办", UnitKind.TOWNSHIP, township, county)
    )


@pytest.fixture
def village_cadre(village, county):
    return make_user("jiacun", Role.VILLAGE_CADRE, _unit("甲村村委会", UnitKind.VILLAGE, village, county))


@pytest.fixture
def supervisor(county):
    return make_user("jijian", Role.SUPERVISOR, _unit("县纪委监委", UnitKind.OFFICE, county, county))


@pytest.fixture
def platform_admin(county):
    return make_user("xinxi", Role.PLATFORM_ADMIN, _unit("县信息中心", UnitKind.INSTITUTION, county, county))


@pytest.fixture
def outsider(other_village, county):
    """A village cadre of 乙村, in a different township: sees none of 甲镇."""
    return make_user(
        "yicun", Role.VILLAGE_CADRE, _unit("乙村村委会", UnitKind.VILLAGE, other_village, county)
    )


@pytest.fixture
def login(client):
    """Sign a persona in on the test client: `login(village_cadre)` returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
