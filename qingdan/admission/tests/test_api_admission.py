"""Work admission over /api/v1/: the same scope (404), roles (403) and refusals (409) as the pages."""

from __future__ import annotations

import pytest

from qingdan.admission import actions
from qingdan.admission.models import Complaint, VillageTask, WorkOrder
from qingdan.testing import in_days

from .conftest import NOT_LISTED_TEXT

NOT_LISTED = {"text": NOT_LISTED_TEXT, "title": "卫星图斑举证", "grassroots_must": "到图斑现场拍照举证。"}

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(f"/api/v1{url}", data or {}, content_type="application/json")


def get(client, url, **params):
    return client.get(f"/api/v1{url}", params)


def order_json(village, **overrides) -> dict:
    data = {
        "title": "动物防疫宣传和强制免疫",
        "text": "动物防疫知识宣传、动物饲养情况调查、动物疫病强制免疫服务工作",
        "deadline": in_days(10).isoformat(),
        "department_does": "派出防疫员入村",
        "grassroots_must": "通知养殖户",
        "support_money_yuan": "3000",
        "support_people": 1,
        "targets": [{"division": village.code}],
    }
    return {**data, **overrides}


# --- orders -------------------------------------------------------------------------------------


def test_a_clerk_files_and_submits_an_order(login, dept_clerk, catalogs, village):
    response = post(login(dept_clerk), "/orders", order_json(village))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "submitted" and data["verdict"] == "cooperate"
    assert data["targets"] == [
        {"division": {"code": village.code, "name": "甲村", "level": "village"}, "all_villages": False}
    ]
    assert data["screenings"][0]["matches"][0]["list_kind"] == "assist"
    assert [h["step"] for h in data["history"]] == ["submit"]


def test_a_draft_is_kept_when_submit_is_false(login, dept_clerk, catalogs, village):
    response = post(login(dept_clerk), "/orders", order_json(village, submit=False))
    assert response.json()["status"] == "draft"


def test_an_order_missing_a_statement_is_refused_with_409_and_nothing_is_kept(
    login, dept_clerk, catalogs, village
):
    response = post(login(dept_clerk), "/orders", order_json(village, grassroots_must=""))
    assert response.status_code == 409
    assert "基层" in response.json()["detail"]
    assert not WorkOrder.objects.exists()


def test_a_target_outside_the_county_is_422(login, dept_clerk, catalogs, village):
    data = order_json(village, targets=[{"division": "110101001001"}])
    response = post(login(dept_clerk), "/orders", data)
    assert response.status_code == 422
    assert "110101001001" in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_a_past_deadline_is_refused(login, dept_clerk, catalogs, village):
    response = post(login(dept_clerk), "/orders", order_json(village, deadline=in_days(-1).isoformat()))
    assert response.status_code == 409
    assert not WorkOrder.objects.exists()


def test_supervisor_may_not_file_an_order(login, supervisor, catalogs, village):
    assert post(login(supervisor), "/orders", order_json(village)).status_code == 403


def test_orders_are_listed_within_scope(login, dept_clerk, outsider, supervisor, submitted):
    assert get(login(dept_clerk), "/orders").json()["count"] == 1
    assert get(login(supervisor), "/orders").json()["count"] == 1
    assert get(login(outsider), "/orders").json()["count"] == 0
    assert get(login(outsider), f"/orders/{submitted.pk}").status_code == 404


def test_the_order_list_filters_by_verdict(login, county_reviewer, submitted):
    client = login(county_reviewer)
    assert get(client, "/orders", verdict="cooperate").json()["count"] == 1
    assert get(client, "/orders", verdict="refuse").json()["count"] == 0


# --- review -------------------------------------------------------------------------------------


def test_the_reviewer_approves_returns_and_refuses(login, county_reviewer, dept_clerk, make_order, catalogs):
    client = login(county_reviewer)
    orders = [actions.submit_order(user=dept_clerk, order=make_order(title=f"派单{n}")) for n in range(3)]
    assert post(client, f"/orders/{orders[0].pk}/approve").json()["status"] == "approved"
    assert post(client, f"/orders/{orders[1].pk}/return", {"reason": "请补充"}).json()["status"] == "returned"
    refused = post(
        client, f"/orders/{orders[2].pk}/refuse", {"reason": "超出清单", "cited_item": "负面事项:1"}
    )
    assert refused.json()["status"] == "refused"
    assert refused.json()["history"][-1]["cited_item"] == "负面事项:1"


def test_approving_twice_is_409(login, county_reviewer, approved):
    response = post(login(county_reviewer), f"/orders/{approved.pk}/approve")
    assert response.status_code == 409


def test_a_return_needs_a_reason(login, county_reviewer, submitted):
    assert post(login(county_reviewer), f"/orders/{submitted.pk}/return", {"reason": ""}).status_code == 422


def test_supervisor_and_clerk_may_not_review_and_outsider_gets_404(
    login, supervisor, dept_clerk, outsider, submitted
):
    for person in (supervisor, dept_clerk):
        assert post(login(person), f"/orders/{submitted.pk}/approve").status_code == 403
    assert post(login(outsider), f"/orders/{submitted.pk}/approve").status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_bulk_approval_answers_for_each_order(login, county_reviewer, dept_clerk, make_order, catalogs):
    good = actions.submit_order(user=dept_clerk, order=make_order())
    stuck = actions.submit_order(user=dept_clerk, order=make_order(**NOT_LISTED))
    response = post(login(county_reviewer), "/orders/approve", {"orders": [good.pk, stuck.pk]})
    assert response.status_code == 200
    results = {r["order"]: r for r in response.json()}
    assert results[good.pk]["approved"] is True and results[good.pk]["message"] is None
    assert results[stuck.pk]["approved"] is False and results[stuck.pk]["message"]


# --- townships and villages ---------------------------------------------------------------------


def test_the_township_dispatches_and_the_village_works_the_task(
    login, township_dispatcher, village_cadre, assignment, village
):
    client = login(township_dispatcher)
    assert get(client, "/assignments").json()["count"] == 1
    response = post(
        client, f"/assignments/{assignment.pk}/dispatch", {"villages": [village.code], "note": "尽快"}
    )
    assert response.status_code == 200, response.content
    [task] = response.json()
    assert task["village"]["code"] == village.code and task["overdue"] is False
    client = login(village_cadre)
    assert get(client, "/tasks").json()["count"] == 1
    assert post(client, f"/tasks/{task['id']}/receive").json()["status"] == "received"
    assert (
        post(client, f"/tasks/{task['id']}/report", {"progress": 50, "note": "过半"}).json()["progress"] == 50
    )
    done = post(client, f"/tasks/{task['id']}/complete", {"note": "完成"}).json()
    assert done["status"] == "completed" and [r["kind"] for r in done["reports"]] == [
        "progress",
        "completion",
    ]


def test_dispatching_to_a_village_of_another_township_is_422(
    login, township_dispatcher, assignment, other_village
):
    response = post(
        login(township_dispatcher),
        f"/assignments/{assignment.pk}/dispatch",
        {"villages": [other_village.code]},
    )
    assert response.status_code == 422
    assert not VillageTask.objects.exists()


def test_supervisor_may_not_dispatch_or_work_and_outsider_gets_404(
    login, supervisor, outsider, assignment, dispatched, village
):
    client = login(supervisor)
    assert (
        post(client, f"/assignments/{assignment.pk}/dispatch", {"villages": [village.code]}).status_code
        == 403
    )
    assert post(client, f"/tasks/{dispatched.pk}/receive").status_code == 403
    client = login(outsider)
    assert get(client, f"/tasks/{dispatched.pk}").status_code == 404
    assert post(client, f"/tasks/{dispatched.pk}/receive").status_code == 404
    assert (
        post(client, f"/assignments/{assignment.pk}/dispatch", {"villages": [village.code]}).status_code
        == 404
    )


def test_progress_of_100_is_422(login, village_cadre, received):
    assert (
        post(login(village_cadre), f"/tasks/{received.pk}/report", {"progress": 100, "note": "x"}).status_code
        == 422
    )


# --- complaints and figures ---------------------------------------------------------------------


def test_complaints_are_filed_listed_and_handled(
    login, village_cadre, county_reviewer, dispatched, department
):
    client = login(village_cadre)
    response = post(
        client, "/complaints", {"kind": "over_list", "what": "超出清单", "order": dispatched.order_id}
    )
    assert response.status_code == 201, response.content
    complaint = response.json()
    assert complaint["against_unit"] == department.name
    bypass = post(
        client,
        "/complaints",
        {"kind": "bypass", "what": "电话派活", "against_unit": department.pk, "channel": "phone"},
    )
    assert bypass.status_code == 201
    reviewer = login(county_reviewer)
    assert get(reviewer, "/complaints").json()["count"] == 2
    handled = post(
        reviewer, f"/complaints/{complaint['id']}/handle", {"upheld": True, "outcome": "已督促整改"}
    )
    assert handled.json()["status"] == "upheld"


def test_a_bypass_complaint_without_a_channel_is_409(login, village_cadre, department):
    response = post(
        login(village_cadre), "/complaints", {"kind": "bypass", "what": "派活", "against_unit": department.pk}
    )
    assert response.status_code == 409
    assert not Complaint.objects.exists()


def test_supervisor_may_not_file_or_handle_complaints_and_outsider_gets_404(
    login, supervisor, outsider, village_cadre, department
):
    complaint = actions.file_complaint(
        user=village_cadre, kind="bypass", what="派活", against_unit=department, channel="phone"
    )
    client = login(supervisor)
    assert (
        post(
            client, "/complaints", {"kind": "bypass", "what": "x", "against_name": "某局", "channel": "phone"}
        ).status_code
        == 403
    )
    assert (
        post(client, f"/complaints/{complaint.pk}/handle", {"upheld": False, "outcome": "x"}).status_code
        == 403
    )
    assert (
        post(
            login(outsider), f"/complaints/{complaint.pk}/handle", {"upheld": False, "outcome": "x"}
        ).status_code
        == 404
    )


def test_figures_within_scope(login, county_reviewer, outsider, dispatched):
    data = get(login(county_reviewer), "/figures").json()
    department = next(row for row in data["departments"] if row["name"] == "县农业农村局")
    assert department["approved"] == 1 and department["dispatched"] == 1
    assert {row["name"] for row in data["villages"]} >= {"甲村", "乙村"}
    assert [row["village"]["name"] for row in data["load"]] == ["甲村"]
    outside = get(login(outsider), "/figures").json()
    assert [row["name"] for row in outside["villages"]] == ["乙村"] and outside["load"] == []


def test_a_returned_order_is_resubmitted(login, dept_clerk, county_reviewer, outsider, supervisor, submitted):
    actions.return_order(user=county_reviewer, order=submitted, reason="请补充")
    assert post(login(outsider), f"/orders/{submitted.pk}/submit").status_code == 404
    assert post(login(supervisor), f"/orders/{submitted.pk}/submit").status_code == 403
    response = post(login(dept_clerk), f"/orders/{submitted.pk}/submit")
    assert response.status_code == 200
    assert [h["step"] for h in response.json()["history"]] == ["submit", "return", "resubmit"]


def test_resubmitting_a_refused_order_is_409(login, dept_clerk, county_reviewer, submitted):
    actions.refuse_order(user=county_reviewer, order=submitted, reason="超出清单")
    response = post(login(dept_clerk), f"/orders/{submitted.pk}/submit")
    assert response.status_code == 409 and "不予准入" in response.json()["detail"]


def test_an_outsider_sees_no_assignment_task_or_complaint(
    login, outsider, village_cadre, dispatched, department
):
    actions.file_complaint(user=village_cadre, kind="over_list", what="超出清单", order=dispatched.order)
    client = login(outsider)
    for url in ("/assignments", "/tasks", "/complaints"):
        assert get(client, url).json()["count"] == 0, url
