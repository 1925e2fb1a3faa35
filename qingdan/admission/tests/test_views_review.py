"""The reviewer's pages: the queue, approve / return / refuse / convert on the order page, bulk approval."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import Assignment, WorkOrder

from .conftest import NOT_LISTED_TEXT, REFUSE_TEXT

# An order the Hubei village catalog has no item for (as the action tests file it).
NOT_LISTED = {"text": NOT_LISTED_TEXT, "title": "卫星图斑举证", "grassroots_must": "到图斑现场拍照举证。"}

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def submit(clerk, make_order, **fields) -> WorkOrder:
    return actions.submit_order(user=clerk, order=make_order(**fields))


# --- the queue ----------------------------------------------------------------------------------


def test_the_queue_lists_submitted_orders_oldest_first_with_verdicts(
    login, county_reviewer, dept_clerk, make_order, catalogs
):
    first = submit(dept_clerk, make_order, title="先提交的派单")
    second = submit(dept_clerk, make_order, title="后提交的派单", text=REFUSE_TEXT)
    make_order(title="仍是草稿")
    response = login(county_reviewer).get(reverse("admission:review_queue"))
    assert response.status_code == 200
    text = body(response)
    assert text.index(first.title) < text.index(second.title)
    assert "仍是草稿" not in text
    assert "badge verdict-cooperate" in text and "badge verdict-refuse" in text
    assert f'name="orders" value="{first.pk}"' in text


def test_the_queue_filters_by_verdict(login, county_reviewer, dept_clerk, make_order, catalogs):
    submit(dept_clerk, make_order, title="协助类派单")
    submit(dept_clerk, make_order, title="负面类派单", text=REFUSE_TEXT)
    text = body(login(county_reviewer).get(reverse("admission:review_queue"), {"verdict": "refuse"}))
    assert "负面类派单" in text and "协助类派单" not in text


def test_the_queue_filters_by_department(
    login, county_reviewer, dept_clerk, department, make_order, catalogs
):
    submit(dept_clerk, make_order, title="农业派单")
    client = login(county_reviewer)
    assert "农业派单" in body(client.get(reverse("admission:review_queue"), {"department": department.pk}))


def test_the_queue_costs_the_same_queries_for_many_orders(
    login, county_reviewer, dept_clerk, make_order, catalogs, django_assert_max_num_queries
):
    client = login(county_reviewer)
    submit(dept_clerk, make_order)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("admission:review_queue"))
    for n in range(10):
        submit(dept_clerk, make_order, title=f"第{n}个派单")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admission:review_queue"))
    assert "第9个派单" in body(response)


def test_outsider_sees_an_empty_queue_and_supervisor_no_checkboxes(login, outsider, supervisor, submitted):
    assert submitted.title not in body(login(outsider).get(reverse("admission:review_queue")))
    text = body(login(supervisor).get(reverse("admission:review_queue")))
    assert submitted.title in text and 'name="orders"' not in text


# --- deciding one order -------------------------------------------------------------------------


def test_the_reviewer_sees_the_decision_forms(login, county_reviewer, submitted):
    text = body(login(county_reviewer).get(reverse("admission:order_detail", args=[submitted.pk])))
    for name in ("order_approve", "order_return", "order_refuse"):
        assert reverse(f"admission:{name}", args=[submitted.pk]) in text
    assert reverse("admission:order_convert", args=[submitted.pk]) not in text  # only for not_listed


def test_the_reviewer_approves_and_the_township_gets_an_assignment(
    login, county_reviewer, submitted, township
):
    response = login(county_reviewer).post(reverse("admission:order_approve", args=[submitted.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("admission:review_queue")
    submitted.refresh_from_db()
    assert submitted.status == "approved"
    assert Assignment.objects.get(order=submitted).township == township


def test_returning_needs_a_reason_in_chinese(login, county_reviewer, submitted):
    response = login(county_reviewer).post(
        reverse("admission:order_return", args=[submitted.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    assert "退回" in body(response)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_the_reviewer_returns_an_order_with_a_reason(login, county_reviewer, submitted):
    login(county_reviewer).post(
        reverse("admission:order_return", args=[submitted.pk]), {"reason": "请说明资金到位时间"}
    )
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    assert submitted.history.last().reason == "请说明资金到位时间"


def test_refusing_cites_an_item_chosen_from_the_screening(
    login, county_reviewer, dept_clerk, make_order, catalogs
):
    order = submit(dept_clerk, make_order, text=REFUSE_TEXT)
    client = login(county_reviewer)
    text = body(client.get(reverse("admission:order_detail", args=[order.pk])))
    best = order.screenings.get().matches[0]
    citation = f"负面事项:{best['item_no']} {best['name']}"
    assert citation in text
    client.post(
        reverse("admission:order_refuse", args=[order.pk]),
        {"reason": "属于村级组织负面事项", "cited_choice": citation},
    )
    order.refresh_from_db()
    assert order.status == "refused"
    assert order.history.last().cited_item == citation


def test_a_typed_citation_wins_over_the_chosen_one(login, county_reviewer, submitted):
    login(county_reviewer).post(
        reverse("admission:order_refuse", args=[submitted.pk]),
        {"reason": "不符合清单", "cited_typed": "负面事项:3 自拟", "cited_choice": ""},
    )
    assert submitted.history.last().cited_item == "负面事项:3 自拟"


def test_a_not_listed_order_cannot_be_approved_but_can_be_converted(
    login, county_reviewer, dept_clerk, make_order, catalogs
):
    order = submit(dept_clerk, make_order, **NOT_LISTED)
    assert order.verdict == "not_listed"
    client = login(county_reviewer)
    text = body(client.get(reverse("admission:order_detail", args=[order.pk])))
    assert reverse("admission:order_approve", args=[order.pk]) not in text
    assert reverse("admission:order_convert", args=[order.pk]) in text
    response = client.post(reverse("admission:order_approve", args=[order.pk]), follow=True)
    order.refresh_from_db()
    assert order.status == "submitted"
    assert 'class="error"' in body(response)
    client.post(
        reverse("admission:order_convert", args=[order.pk]),
        {"list_kind": "assist", "reason": "图斑举证属于新增工作,建议列入协助事项"},
    )
    order.refresh_from_db()
    assert order.status == "converted" and order.amendment is not None


def test_supervisor_and_clerk_may_not_decide(login, supervisor, dept_clerk, submitted):
    for person in (supervisor, dept_clerk):
        client = login(person)
        for name, data in (
            ("order_approve", {}),
            ("order_return", {"reason": "不应生效"}),
            ("order_refuse", {"reason": "不应生效"}),
            ("order_convert", {"list_kind": "assist", "reason": "不应生效"}),
        ):
            assert client.post(reverse(f"admission:{name}", args=[submitted.pk]), data).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_an_outsider_gets_404_on_every_decision(login, outsider, submitted):
    client = login(outsider)
    for name in ("order_approve", "order_return", "order_refuse", "order_convert"):
        assert client.post(reverse(f"admission:{name}", args=[submitted.pk]), {}).status_code == 404


# --- bulk approval ------------------------------------------------------------------------------


def test_bulk_approval_approves_each_order_and_explains_the_ones_it_cannot(
    login, county_reviewer, dept_clerk, make_order, catalogs
):
    good = [submit(dept_clerk, make_order, title=f"可批准{n}") for n in range(2)]
    stuck = submit(dept_clerk, make_order, **NOT_LISTED)
    response = login(county_reviewer).post(
        reverse("admission:bulk_approve"), {"orders": [o.pk for o in [*good, stuck]]}
    )
    assert response.status_code == 200
    text = body(response)
    statuses = dict(WorkOrder.objects.values_list("title", "status"))
    assert statuses == {"可批准0": "approved", "可批准1": "approved", "卫星图斑举证": "submitted"}
    assert stuck.title in text and 'class="error"' in text


def test_bulk_approval_with_nothing_ticked_says_so(login, county_reviewer):
    response = login(county_reviewer).post(reverse("admission:bulk_approve"), {}, follow=True)
    assert "请至少勾选一个" in body(response)


def test_a_supervisor_may_not_bulk_approve(login, supervisor, submitted):
    assert (
        login(supervisor).post(reverse("admission:bulk_approve"), {"orders": [submitted.pk]}).status_code
        == 403
    )
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_approving_a_refuse_verdict_needs_a_note_explaining_why(
    login, county_reviewer, dept_clerk, make_order, catalogs
):
    order = submit(dept_clerk, make_order, text=REFUSE_TEXT)
    client = login(county_reviewer)
    response = client.post(reverse("admission:order_approve", args=[order.pk]), {"note": ""}, follow=True)
    order.refresh_from_db()
    assert order.status == "submitted"
    assert "说明" in body(response)
    client.post(
        reverse("admission:order_approve", args=[order.pk]), {"note": "经会商,本次执法协助由县城管局派员牵头"}
    )
    order.refresh_from_db()
    assert order.status == "approved"
    assert order.history.last().reason == "经会商,本次执法协助由县城管局派员牵头"


def test_the_department_filter_offers_only_departments_with_an_order_waiting(
    login, county_reviewer, dept_clerk, department, other_department, make_order, catalogs
):
    submit(dept_clerk, make_order, title="农业派单")
    page = body(login(county_reviewer).get(reverse("admission:review_queue")))
    assert f'<option value="{department.pk}">{department.name}</option>' in page
    assert f'<option value="{other_department.pk}"' not in page  # nothing of theirs waits
    assert 'data-picker="choices"' in page and "web/picker.js" in page  # typed into, not scrolled
