"""Fixtures for every test: the fixed personas (one per role, plus an outsider from a neighbouring
township), `nothing_written`, a media folder of the test's own, and English messages on demand.

The places and people are built by qingdan/testing.py (see its docstring for the test county):

county 测试县
  ├─ 甲镇 (township) ── 甲村 (village), 甲社区 (community)
  └─ 乙乡 (township) ── 乙村 (village)
"""

import os

import pytest
from django.utils import translation

from qingdan import testing

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def _fresh_screening_cache():
    """Each test starts with no catalog index in memory (ids repeat between tests)."""
    from qingdan.duties.screening import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its files under a folder of its own, never into var/media."""
    return testing.use_media_root(settings, tmp_path / "media")


@pytest.fixture
def nothing_written(media_root):
    """`with nothing_written() as refused: <action>` — refused, and no row, file or queued callback
    changed (see qingdan.testing.nothing_written)."""
    return testing.nothing_written


@pytest.fixture
def english():
    """Messages as their English msgids, so tests do not depend on the translation."""
    with translation.override("en"):
        yield


@pytest.fixture
def county(db):
    return testing.county()


@pytest.fixture
def township(county):
    return testing.township(county)


@pytest.fixture
def village(township):
    return testing.village(township)


@pytest.fixture
def community(township):
    return testing.community(township)


@pytest.fixture
def other_township(county):
    return testing.other_township(county)


@pytest.fixture
def other_village(other_township):
    return testing.other_village(other_township)


@pytest.fixture
def department(county):
    return testing.department(county)


@pytest.fixture
def other_department(county):
    return testing.other_department(county)


@pytest.fixture
def catalog_office(county):
    return testing.catalog_office(county)


@pytest.fixture
def county_reviewer(county):
    return testing.county_reviewer(county)


@pytest.fixture
def dept_clerk(department):
    return testing.dept_clerk(department)


@pytest.fixture
def township_dispatcher(township):
    return testing.township_dispatcher(township)


@pytest.fixture
def village_cadre(village):
    return testing.village_cadre(village)


@pytest.fixture
def supervisor(county):
    return testing.supervisor(county)


@pytest.fixture
def platform_admin(county):
    return testing.platform_admin(county)


@pytest.fixture
def outsider(other_village):
    """A village cadre of 乙村, in a different township: sees none of 甲镇."""
    return testing.outsider(other_village)


@pytest.fixture
def login(client):
    """Sign a persona in on the test client: `login(village_cadre)` returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
