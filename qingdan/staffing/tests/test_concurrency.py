"""Concurrent quota moves never drift the county's total or take a unit below zero.

An addition to a roster and a move of the unit's last vacancies at once never fill it above its quota.

Needs real concurrent transactions with row locks, so it runs on PostgreSQL only:
    QINGDAN_TEST_DB_NAME=test_staffing DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/pytest qingdan/staffing/tests/test_concurrency.py
"""

import pytest
from django.db import connection

from qingdan.errors import ActionRefused
from qingdan.staffing import actions
from qingdan.staffing.choices import Identity, QuotaKind
from qingdan.staffing.models import QuotaMove, StaffedUnit
from qingdan.staffing.queries import filled
from qingdan.testing import make_user, race

from .conftest import TODAY

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so two moves cannot race there; run on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


def total() -> int:
    return sum(StaffedUnit.objects.values_list("institution_quota", flat=True))


def test_moves_in_both_directions_at_once_neither_deadlock_nor_drift(
    catalog_office, county_unit, town_office, other_town_office
):
    second = make_user("bianban2", catalog_office.role, catalog_office.unit)
    before = total()

    def move(user, source, target, n):
        return lambda: actions.move_quotas(
            user=user,
            source=source,
            kind=QuotaKind.INSTITUTION,
            lines=[(target, n)],
            document=f"咸编办〔2025〕{n}号",
            moved_on=TODAY,
        )

    outcomes = race(
        *(move(catalog_office, town_office, other_town_office, 1) for _ in range(4)),
        *(move(second, other_town_office, town_office, 1) for _ in range(4)),
    )
    assert all(isinstance(o, QuotaMove) for o in outcomes), outcomes
    assert total() == before


def test_many_moves_from_one_unit_never_take_it_below_zero(
    catalog_office, county_unit, town_office, other_town_office
):
    second = make_user("bianban2", catalog_office.role, catalog_office.unit)
    before = total()
    outcomes = race(
        *(
            lambda user=user, target=target: actions.move_quotas(
                user=user,
                source=county_unit,
                kind=QuotaKind.INSTITUTION,
                lines=[(target, 7)],
                document="咸编办〔2025〕9号",
                moved_on=TODAY,
            )
            for user, target in [(catalog_office, town_office), (second, other_town_office)] * 3
        )
    )
    assert sum(isinstance(o, QuotaMove) for o in outcomes) == 2, outcomes
    assert all(isinstance(o, QuotaMove | ActionRefused) for o in outcomes), outcomes
    county_unit.refresh_from_db()
    assert county_unit.institution_quota == 6 and total() == before


def test_an_addition_and_a_move_of_the_last_vacancies_at_once_never_fill_above_the_quota(
    catalog_office, county_unit, town_office
):
    """The move takes every vacant institution quota of the county unit while a person is added into one.
    Both lock the unit in the same order, so one waits for the other and then sees its result: exactly
    one of them goes through, and the people in the quota never exceed it."""
    from .conftest import id_number

    second = make_user("bianban2", catalog_office.role, catalog_office.unit)
    for round_no in range(3):
        unit = StaffedUnit.objects.get(pk=county_unit.pk)
        vacant = unit.institution_quota - filled(unit, QuotaKind.INSTITUTION)
        outcomes = race(
            lambda unit=unit, vacant=vacant, round_no=round_no: actions.move_quotas(
                user=catalog_office,
                source=unit,
                kind=QuotaKind.INSTITUTION,
                lines=[(town_office, vacant)],
                document=f"咸编办〔2025〕{round_no}号",
                moved_on=TODAY,
            ),
            lambda unit=unit, round_no=round_no: actions.add_person(
                user=second,
                works_in=unit,
                name=f"新进{round_no}",
                identity=Identity.INSTITUTION,
                id_number=id_number(),
            ),
        )
        assert sum(isinstance(o, ActionRefused) for o in outcomes) == 1, outcomes
        unit.refresh_from_db()
        assert filled(unit, QuotaKind.INSTITUTION) <= unit.institution_quota
        # Give the unit vacancies back for the next round (the catalog office sets its quota again).
        actions.set_unit_quotas(
            user=catalog_office,
            unit=unit.unit,
            series=unit.series,
            administrative_quota=unit.administrative_quota,
            institution_quota=filled(unit, QuotaKind.INSTITUTION) + 2,
            leader_posts=unit.leader_posts,
        )
