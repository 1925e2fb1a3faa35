"""Figures per department and per village, and each village's load this month, counted in the reader's scope.

The scenario: 县农业农村局 files four orders —
  A to 甲村: approved, dispatched to 甲村, completed            (money 5000)
  B to 甲村 and 甲社区: returned once, resubmitted, approved, dispatched to both: 甲村 open, 甲社区
    overdue                                                     (money 3000)
  C to 甲镇 and all its villages: refused                       (money 1000, not committed)
  D: a draft, never submitted
and 县自然资源局 one, E to 乙村, awaiting review. 甲村 files two complaints against 县农业农村局.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from qingdan.admission import actions, queries
from qingdan.admission.models import VillageTask
from qingdan.orgs.choices import Role
from qingdan.testing import in_days, make_user

from .conftest import REFUSE_TEXT

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def scenario(
    catalogs,
    make_order,
    dept_clerk,
    other_department,
    county_reviewer,
    township_dispatcher,
    village_cadre,
    township,
    village,
    community,
    other_village,
):
    def submit(order, user=dept_clerk):
        return actions.submit_order(user=user, order=order)

    a = submit(make_order(title="A", support_money_yuan=5000))
    b = submit(make_order(title="B", support_money_yuan=3000, targets=[(village, False), (community, False)]))
    c = submit(make_order(title="C", text=REFUSE_TEXT, support_money_yuan=1000, targets=[(township, True)]))
    make_order(title="D")
    other_clerk = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    submit(make_order(user=other_clerk, title="E", targets=[(other_village, False)]), user=other_clerk)

    actions.return_order(user=county_reviewer, order=b, reason="请写明经费")
    submit(b)
    for order in (a, b):
        actions.approve_order(user=county_reviewer, order=order)
    actions.refuse_order(user=county_reviewer, order=c, reason="负面清单")

    [task_a] = actions.dispatch(user=township_dispatcher, assignment=a.assignments.get(), villages=[village])
    actions.complete_task(user=village_cadre, task=task_a, note="完成")
    actions.dispatch(user=township_dispatcher, assignment=b.assignments.get(), villages=[village, community])
    VillageTask.objects.filter(order=b, village=community).update(deadline=in_days(-1))

    actions.file_complaint(user=village_cadre, kind="over_list", what="超出清单", order=a)
    actions.file_complaint(
        user=village_cadre, kind="bypass", what="电话要求报数", against_unit=a.department, channel="phone"
    )
    return {"a": a, "b": b, "c": c}


def figures(row):
    return {name: getattr(row, name) for name in queries.COUNTED}


def test_the_reviewer_sees_every_departments_figures(
    scenario, county_reviewer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        rows = queries.department_figures(county_reviewer)
    assert [row.subject.name for row in rows] == ["县农业农村局", "县自然资源局"]
    assert figures(rows[0]) == {
        "submitted": 3,
        "returned": 1,
        "refused": 1,
        "approved": 2,
        "dispatched": 3,
        "completed": 1,
        "overdue": 1,
        "complaints": 2,
        "money_committed": Decimal("8000.00"),
    }
    assert figures(rows[1])["submitted"] == 1 and figures(rows[1])["approved"] == 0


def test_the_reviewer_sees_every_villages_figures(scenario, county_reviewer, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # the seventh: the money of orders that reach one village alone
        rows = {row.subject.name: figures(row) for row in queries.village_figures(county_reviewer)}
    assert list(rows) == ["甲村", "甲社区", "乙村"]
    assert rows["甲村"] == {
        "submitted": 3,
        "returned": 1,
        "refused": 1,
        "approved": 2,
        "dispatched": 2,
        "completed": 1,
        "overdue": 0,
        "complaints": 2,
        "money_committed": Decimal("5000.00"),  # A reaches 甲村 alone; B's 3000 is shared, not split
    }
    assert rows["甲社区"] == {
        "submitted": 2,
        "returned": 1,
        "refused": 1,
        "approved": 1,
        "dispatched": 1,
        "completed": 0,
        "overdue": 1,
        "complaints": 0,
        "money_committed": Decimal("0"),  # only B, shared with 甲村: the order does not say how to split it
    }
    assert rows["乙村"]["submitted"] == 1 and rows["乙村"]["dispatched"] == 0


def test_totals_add_up_the_rows(scenario, county_reviewer):
    total = queries.totals(queries.department_figures(county_reviewer))
    assert total.subject is None
    assert (total.submitted, total.approved, total.money_committed) == (4, 2, Decimal("8000.00"))


def test_committed_money_is_counted_once_per_order_by_village_as_by_department(scenario, county_reviewer):
    # By hand: A 5000 (甲村) + B 3000 (甲村 and 甲社区) = 8000; C was refused, E is not approved.
    villages = queries.village_figures(county_reviewer)
    departments = queries.department_figures(county_reviewer)
    assert queries.village_totals(county_reviewer, villages).money_committed == Decimal("8000.00")
    assert queries.totals(departments).money_committed == Decimal("8000.00")
    assert sum(row.money_committed for row in villages) == Decimal("5000.00")


def test_a_township_counts_money_once_for_its_own_villages(scenario, township_dispatcher):
    villages = queries.village_figures(township_dispatcher)
    assert queries.village_totals(township_dispatcher, villages).money_committed == Decimal("8000.00")


def test_a_clerk_counts_only_their_own_department(scenario, dept_clerk):
    rows = queries.department_figures(dept_clerk)
    assert [row.subject.name for row in rows] == ["县农业农村局"]
    villages = {row.subject.name: row.submitted for row in queries.village_figures(dept_clerk)}
    assert villages["乙村"] == 0 and villages["甲村"] == 3


def test_a_township_counts_only_what_reached_it(scenario, township_dispatcher):
    [row] = queries.department_figures(township_dispatcher)
    assert (row.submitted, row.approved, row.refused, row.dispatched, row.complaints) == (2, 2, 0, 3, 2)
    assert [r.subject.name for r in queries.village_figures(township_dispatcher)] == ["甲村", "甲社区"]


def test_an_outsider_counts_nothing_of_ours(scenario, outsider):
    assert queries.department_figures(outsider) == []
    assert [(r.subject.name, r.submitted, r.dispatched) for r in queries.village_figures(outsider)] == [
        ("乙村", 0, 0)
    ]
    assert queries.village_load(outsider) == []


def test_each_villages_load_this_month(scenario, county_reviewer, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rows = queries.village_load(county_reviewer)
    assert [(r.village.name, r.open, r.done, r.total) for r in rows] == [
        ("甲村", 1, 1, 2),
        ("甲社区", 1, 0, 1),
    ]


def test_work_finished_last_month_is_no_load_this_month(scenario, county_reviewer):
    last_month = timezone.now().replace(day=1) - datetime.timedelta(days=3)
    VillageTask.objects.filter(order=scenario["a"]).update(sent_at=last_month, completed_at=last_month)
    rows = queries.village_load(county_reviewer)
    assert [(r.village.name, r.open, r.done) for r in rows] == [("甲村", 1, 0), ("甲社区", 1, 0)]


def test_open_work_sent_last_month_is_still_load(scenario, county_reviewer):
    last_month = timezone.now().replace(day=1) - datetime.timedelta(days=3)
    VillageTask.objects.filter(order=scenario["b"]).update(sent_at=last_month)
    rows = queries.village_load(county_reviewer)
    assert [(r.village.name, r.open) for r in rows] == [("甲村", 1), ("甲社区", 1)]


def test_month_bounds_cover_the_whole_month():
    start, end = queries.month_bounds(datetime.date(2026, 12, 15))
    assert (start.date(), end.date()) == (datetime.date(2026, 12, 1), datetime.date(2027, 1, 1))
    assert timezone.is_aware(start)
