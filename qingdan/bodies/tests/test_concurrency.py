"""Two people setting up bodies at the same moment at cap−1 leave the county at the cap, never above.

Needs real concurrent transactions with row locks, so it runs on PostgreSQL only:
    QINGDAN_TEST_DB_NAME=test_bodies DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/pytest qingdan/bodies/tests/test_concurrency.py
"""

import pytest
from django.db import connection

from qingdan.audit.models import AuditEvent
from qingdan.bodies import actions
from qingdan.bodies.models import BodyCap, CoordinationBody
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.testing import make_user, race

from .conftest import active_count, fields, make_bodies

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so two set-ups cannot race there; run on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def two_offices(catalog_office):
    return catalog_office, make_user("bianban2", Role.CATALOG_OFFICE, catalog_office.unit)


def set_up(user, county, unit, name):
    return lambda: actions.set_up_body(user=user, division=county, **fields(unit, name=name))


@pytest.mark.parametrize("cap_row", [False, True], ids=["cap row made in the race", "cap row set before"])
def test_two_set_ups_at_cap_minus_one_leave_the_county_at_the_cap(county, department, two_offices, cap_row):
    make_bodies(county, 24, lead_unit=department)
    first, second = two_offices
    if cap_row:
        actions.set_cap(user=first, county=county, level="county", cap=25)
    assert BodyCap.objects.exists() == cap_row
    outcomes = race(
        set_up(first, county, department, "县新能源产业发展领导小组"),
        set_up(second, county, department, "县数字经济发展领导小组"),
    )
    made = [o for o in outcomes if isinstance(o, CoordinationBody)]
    refused = [o for o in outcomes if isinstance(o, ActionRefused)]
    assert len(made) == 1 and len(refused) == 1, outcomes
    assert "撤一设一" in refused[0].message
    assert active_count(county) == 25
    assert BodyCap.objects.filter(county=county, level="county").count() == 1
    assert AuditEvent.objects.filter(action="bodies.set_up_body").count() == 1


def test_many_set_ups_at_once_never_pass_the_cap(county, department, two_offices):
    make_bodies(county, 22, lead_unit=department)
    first, second = two_offices
    outcomes = race(
        *(
            set_up(first if n % 2 else second, county, department, f"县第{n}专项工作领导小组")
            for n in range(6)
        )
    )
    assert sum(isinstance(o, CoordinationBody) for o in outcomes) == 3, outcomes
    assert all(isinstance(o, CoordinationBody | ActionRefused) for o in outcomes), outcomes
    assert active_count(county) == 25
