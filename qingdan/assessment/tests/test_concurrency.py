"""Two people adding indicators (or publishing while the cap is lowered) at the same moment never leave a
set above its limit. Real concurrent transactions with row locks, so PostgreSQL only:
    QINGDAN_TEST_DB_NAME=test_assessment DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/pytest qingdan/assessment/tests/test_concurrency.py
"""

import pytest
from django.db import connection

from qingdan.assessment import actions
from qingdan.assessment.models import AssessmentCap, Indicator
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.orgs.models import User
from qingdan.testing import race

from .conftest import THIS, make_data

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so two adds cannot race there; run on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def two_offices(catalog_office):
    second = User.objects.create_user("bianban2", role=Role.CATALOG_OFFICE, unit=catalog_office.unit)
    return catalog_office, second


def test_two_adds_at_the_limit_minus_one_leave_the_set_at_the_limit(
    scheme, department, primary_items, two_offices
):
    first, second = two_offices
    for item in primary_items[:3]:  # last year's set held 4: room for one more
        actions.add_indicator(user=first, scheme=scheme, data=make_data(item, department))
    outcomes = race(
        lambda: actions.add_indicator(
            user=first, scheme=scheme, data=make_data(primary_items[3], department)
        ),
        lambda: actions.add_indicator(
            user=second, scheme=scheme, data=make_data(primary_items[4], department)
        ),
    )
    assert sum(isinstance(o, Indicator) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ActionRefused) for o in outcomes) == 1, outcomes
    assert Indicator.objects.filter(scheme=scheme).count() == 4


def test_many_adds_at_once_never_pass_the_limit(scheme, department, primary_items, two_offices):
    first, second = two_offices
    outcomes = race(
        *(
            (
                lambda n=n: actions.add_indicator(
                    user=first if n % 2 else second,
                    scheme=scheme,
                    data=make_data(primary_items[n % 5], department, name=f"指标{n}"),
                )
            )
            for n in range(7)
        )
    )
    assert sum(isinstance(o, Indicator) for o in outcomes) == 4, outcomes
    assert Indicator.objects.filter(scheme=scheme).count() == 4


def test_lowering_the_cap_while_publishing_never_leaves_a_published_scheme_above_it(
    county, scheme, last_year, two_offices
):
    first, second = two_offices
    for previous in last_year.indicators.all():
        actions.keep_indicator(user=first, scheme=scheme, previous=previous)
    outcomes = race(
        lambda: actions.publish_scheme(user=first, scheme=scheme),
        lambda: actions.set_cap(user=second, county=county, year=THIS, cap=3),
    )
    scheme.refresh_from_db()
    cap = AssessmentCap.objects.get(county=county, year=THIS).cap
    assert scheme.is_published != (cap == 3), outcomes
    assert sum(isinstance(o, ActionRefused) for o in outcomes) == 1, outcomes
