"""Two reviewers approving the same order at the same moment leave exactly one approval.

Needs real concurrent transactions with row locks, so it runs on PostgreSQL only.
"""

import pytest
from django.db import connection

from qingdan.admission import actions
from qingdan.admission.choices import OrderStatus
from qingdan.admission.models import Assignment, ReviewEntry, WorkOrder
from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.testing import make_user, race

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so two approvals cannot race there; run on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english"),
]


@pytest.fixture
def order_to_race(catalogs, make_order, dept_clerk, village, community):
    order = make_order(targets=[(village, False), (community, False)])
    return actions.submit_order(user=dept_clerk, order=order)


def test_two_reviewers_approving_at_once_leave_one_approval(order_to_race, county_reviewer):
    second_reviewer = make_user("jianfuban2", Role.REVIEWER, county_reviewer.unit)
    outcomes = race(
        lambda: actions.approve_order(user=county_reviewer, order=order_to_race, note="同意"),
        lambda: actions.approve_order(user=second_reviewer, order=order_to_race, note="同意"),
    )
    approved = [o for o in outcomes if isinstance(o, WorkOrder)]
    refused = [o for o in outcomes if isinstance(o, ActionRefused)]
    assert len(approved) == 1 and len(refused) == 1, outcomes
    assert "not awaiting review" in refused[0].message
    assert ReviewEntry.objects.filter(order=order_to_race, step="approve").count() == 1
    assert Assignment.objects.filter(order=order_to_race).count() == 1  # 甲村 and 甲社区 share 甲镇
    assert AuditEvent.objects.filter(action="admission.approve_order").count() == 1
    assert WorkOrder.objects.get(pk=order_to_race.pk).status == OrderStatus.APPROVED


def test_an_approval_racing_a_refusal_leaves_one_decision(order_to_race, county_reviewer):
    outcomes = race(
        lambda: actions.approve_order(user=county_reviewer, order=order_to_race),
        lambda: actions.refuse_order(user=county_reviewer, order=order_to_race, reason="超出清单"),
    )
    assert sum(isinstance(o, ActionRefused) for o in outcomes) == 1, outcomes
    decisions = ReviewEntry.objects.filter(order=order_to_race).exclude(step="submit")
    assert decisions.count() == 1
    order = WorkOrder.objects.get(pk=order_to_race.pk)
    assert (
        order.status == {"approve": OrderStatus.APPROVED, "refuse": OrderStatus.REFUSED}[decisions.get().step]
    )
    assert Assignment.objects.filter(order=order_to_race).exists() == (order.status == OrderStatus.APPROVED)
