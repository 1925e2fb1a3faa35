"""Each role's home page runs a fixed number of queries: the same with one item in each of its lists as
with twenty (more than a list shows).

Deadlines are moved into the past with a plain update (an action refuses a past deadline), so that the
overdue lists fill as they would after a while.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import VillageTask
from qingdan.bodies.tests.conftest import make_bodies
from qingdan.duties import actions as duty_actions
from qingdan.forms.actions import admission as form_admission
from qingdan.forms.actions import submissions
from qingdan.tasks import actions as task_actions
from qingdan.tasks.models import ChecklistRow
from qingdan.testing import in_days
from qingdan.web import workbench

from .conftest import section
from .test_workbench_county import apply_amendment

SIZES = [1, 20]


@pytest.fixture
def approved_orders(catalogs, make_order, dept_clerk, county_reviewer):
    """approved_orders(n): n orders of 县农业农村局 approved for 甲村."""

    def make(n: int, title: str = "动物防疫宣传"):
        orders = []
        for i in range(n):
            order = make_order(title=f"{title}{i + 1}")
            actions.submit_order(user=dept_clerk, order=order)
            orders.append(actions.approve_order(user=county_reviewer, order=order))
        return orders

    return make


@pytest.fixture
def sent_tasks(approved_orders, township_dispatcher, village):
    """sent_tasks(n): n orders dispatched to 甲村, not received yet."""

    def make(n: int, title: str = "动物防疫宣传"):
        tasks = []
        for order in approved_orders(n, title):
            assignment = order.assignments.get()
            tasks += actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[village])
        return tasks

    return make


def answered_complaints(n: int, village_cadre, county_reviewer) -> None:
    for i in range(n):
        complaint = actions.file_complaint(
            user=village_cadre,
            kind="bypass",
            what=f"电话要求上报台账{i + 1}",
            against_name="县城管局某科室",
            channel="phone",
        )
        actions.handle_complaint(
            user=county_reviewer, complaint=complaint, upheld=bool(i % 2), outcome="已处理"
        )


def measured(client, user, django_assert_max_num_queries, limit: int) -> str:
    client.force_login(user)
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


def full(html: str, key: str, n: int) -> None:
    """The section holds at most CAP items, and says how many there are."""
    part = section(html, key)
    assert part.count('<li class="card') == min(n, workbench.CAP), key
    assert f'<span class="count">{n}</span>' in part, key


@pytest.mark.parametrize("n", SIZES)
def test_the_village_home_runs_a_fixed_number_of_queries(
    n,
    sent_tasks,
    make_checklist,
    row,
    make_form,
    dept_clerk,
    county_reviewer,
    village_cadre,
    client,
    django_assert_max_num_queries,
):
    sent_tasks(n, "待接收")
    for task in sent_tasks(n, "办理中"):
        actions.receive_task(user=village_cadre, task=task)
    checklist = make_checklist(
        rows=[row(responsible=village_cadre, task=f"第{i}项") for i in range(2 * n)], issue=True
    )
    for line in list(checklist.rows.order_by("position"))[:n]:
        task_actions.update_progress(user=village_cadre, row=line, percent=50, note="过半")
    for i in range(n):
        form = make_form(title=f"表{i + 1}")
        form_admission.submit_form(user=dept_clerk, form=form)
        form_admission.approve_form(user=county_reviewer, form=form)
    answered_complaints(n, village_cadre, county_reviewer)

    html = measured(client, village_cadre, django_assert_max_num_queries, 22)
    full(html, "to-receive", 2 * n)
    for link in (f"{reverse('admission:task_list')}?status=sent", reverse("tasks:my_rows")):
        assert f'href="{link}"' in section(html, "to-receive")  # each full list behind the section
    full(html, "under-way", 2 * n)
    full(html, "forms-due", n)
    full(html, "complaints-answered", n)


@pytest.mark.parametrize("n", SIZES)
def test_the_township_home_runs_a_fixed_number_of_queries(
    n,
    approved_orders,
    sent_tasks,
    make_checklist,
    row,
    township_dispatcher,
    client,
    django_assert_max_num_queries,
):
    approved_orders(n, "待派发")
    late = sent_tasks(n, "逾期")
    VillageTask.objects.filter(pk__in=[t.pk for t in late]).update(deadline=in_days(-2))
    for i in range(n):
        checklist = make_checklist(title=f"清单{i + 1}", rows=[row(deadline=in_days(3))], issue=True)
        ChecklistRow.objects.filter(checklist=checklist).update(deadline=in_days(-1))

    html = measured(client, township_dispatcher, django_assert_max_num_queries, 18)
    full(html, "to-dispatch", n)
    assert f'href="{reverse("admission:assignment_list")}?status=pending"' in section(html, "to-dispatch")
    full(html, "villages-overdue", n)
    full(html, "checklists-overdue", n)


@pytest.fixture
def submitted_orders(catalogs, make_order, dept_clerk):
    """submitted_orders(n, title): n orders of 县农业农村局 waiting for review."""

    def make(n: int, title: str):
        return [
            actions.submit_order(user=dept_clerk, order=make_order(title=f"{title}{i + 1}")) for i in range(n)
        ]

    return make


def amendments(n: int, applicant, villages) -> list:
    """One amendment for each of the first n villages' catalogs (a catalog has one under way at most)."""
    return [apply_amendment(applicant, village) for village in villages[:n]]


def filled_forms(n: int, make_form, dept_clerk, county_reviewer, village_cadre, village, elements) -> None:
    for i in range(n):
        form = form_admission.submit_form(user=dept_clerk, form=make_form(title=f"表{i + 1}"))
        form = form_admission.approve_form(user=county_reviewer, form=form)
        sheet = submissions.open_submission(user=village_cadre, form=form, village=village)
        values = {(None, elements["farmland"].pk): "1250", (None, elements["ditches"].pk): "30"}
        submissions.save_values(user=village_cadre, submission=sheet, values=values)
        submissions.submit(user=village_cadre, submission=sheet)


@pytest.mark.parametrize("n", SIZES)
def test_the_reviewer_home_runs_a_fixed_number_of_queries(
    n,
    submitted_orders,
    make_form,
    dept_clerk,
    village_cadre,
    county_reviewer,
    catalog_office,
    village,
    community,
    other_village,
    client,
    django_assert_max_num_queries,
):
    submitted_orders(n, "待审核")
    for _ in range(n):
        form_admission.submit_form(user=dept_clerk, form=make_form())
    for i in range(n):
        actions.file_complaint(
            user=village_cadre, kind="bypass", what=f"投诉{i}", against_name="某科室", channel="phone"
        )
    amendments(n, catalog_office, [village, community, other_village])

    html = measured(client, county_reviewer, django_assert_max_num_queries, 19)
    full(html, "orders-waiting", n)
    full(html, "complaints-open", n)
    full(html, "forms-waiting", n)
    full(html, "amendments", min(n, 3))


@pytest.mark.parametrize("n", SIZES)
def test_the_department_home_runs_a_fixed_number_of_queries(
    n,
    submitted_orders,
    make_form,
    registers_filled,
    elements,
    dept_clerk,
    county_reviewer,
    village_cadre,
    village,
    client,
    django_assert_max_num_queries,
):
    for order in submitted_orders(n, "退回"):
        actions.return_order(user=county_reviewer, order=order, reason="请说明经费来源")
    for order in submitted_orders(n, "不予准入"):
        actions.refuse_order(user=county_reviewer, order=order, reason="属于负面清单")
    filled_forms(n, make_form, dept_clerk, county_reviewer, village_cadre, village, elements)

    html = measured(client, dept_clerk, django_assert_max_num_queries, 17)
    full(html, "orders-decided", 2 * n)
    full(html, "form-results", n)


@pytest.mark.parametrize("n", SIZES)
def test_the_catalog_office_home_runs_a_fixed_number_of_queries(
    n,
    catalogs,
    township,
    other_township,
    county,
    department,
    county_reviewer,
    village_cadre,
    village,
    community,
    other_village,
    catalog_office,
    client,
    django_assert_max_num_queries,
):
    make_bodies(township, n, lead_unit=department)
    make_bodies(other_township, n, lead_unit=department)
    make_bodies(county, n, lead_unit=department)
    make_bodies(county, n, lead_unit=department)  # each a look-alike of one above
    applied = amendments(n, catalog_office, [village, community, other_village])
    duty_actions.consult_amendment(user=county_reviewer, amendment=applied[0], opinion="同意")

    html = measured(client, catalog_office, django_assert_max_num_queries, 17)
    full(html, "amendments", min(n, 3))
    over = 2 + (2 * n > 25)  # two townships over their cap of 0, and the county over 25
    full(html, "bodies", over + n + 4 * n)  # and n pairs of look-alikes, 4n bodies idle since 2019


@pytest.mark.parametrize("n", SIZES)
def test_the_supervisor_home_runs_a_fixed_number_of_queries(
    n, submitted_orders, county_reviewer, village_cadre, supervisor, client, django_assert_max_num_queries
):
    for order in submitted_orders(n, "不予准入"):
        actions.refuse_order(user=county_reviewer, order=order, reason="属于负面清单")
    for i in range(n):
        complaint = actions.file_complaint(
            user=village_cadre, kind="bypass", what=f"投诉{i}", against_name="某科室", channel="phone"
        )
        actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=True, outcome="已责令整改")

    html = measured(client, supervisor, django_assert_max_num_queries, 15)
    full(html, "refusals", n)
    full(html, "complaints-upheld", n)
