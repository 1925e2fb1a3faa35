"""Two organisers posting the same cadre at the same moment to two communities leave one posting.

Needs real concurrent transactions with row locks, so it runs on PostgreSQL only:
    QINGDAN_TEST_DB_NAME=test_cadres DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/pytest qingdan/cadres/tests/test_concurrency.py
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from qingdan.cadres import actions
from qingdan.cadres.choices import PostRole
from qingdan.cadres.models import Posting
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.testing import race

from .conftest import TODAY, make_user

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises all writers; run on PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_postings_of_one_cadre_at_once_leave_one(selected, community, far_community, organiser):
    second = make_user("zuzhibu2", Role.DEPT_CLERK, organiser.unit)

    def post(user, where):
        return lambda: actions.post_cadre(
            user=user,
            cadre=selected,
            community=where,
            role=PostRole.DEPUTY_SECRETARY,
            starts_on=TODAY,
            ends_on=TODAY + datetime.timedelta(days=300),
        )

    outcomes = race(post(organiser, community), post(second, far_community))
    assert sum(isinstance(o, Posting) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ActionRefused) for o in outcomes) == 1, outcomes
    assert Posting.objects.filter(cadre=selected).count() == 1
