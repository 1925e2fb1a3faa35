"""Task checklists over /api/v1/: the same scope (404), roles (403) and refusals (409) as the pages."""

from __future__ import annotations

import pytest

from qingdan.tasks.choices import ChecklistStatus
from qingdan.tasks.models import Checklist, RowUpdate
from qingdan.testing import in_days

pytestmark = pytest.mark.django_db


def send(client, method: str, url: str, data=None):
    return getattr(client, method)(f"/api/v1{url}", data or {}, content_type="application/json")


def get(client, url: str, **params):
    return client.get(f"/api/v1{url}", params)


def checklist_json(leader, worker, helper, **overrides) -> dict:
    data = {
        "title": "2025年甲镇森林防火任务清单",
        "source_kind": "meeting",
        "source_title": "全县森林防火工作会议",
        "year": 2025,
        "rows": [
            {
                "area": "火源管控",
                "task": "清明节期间巡山",
                "measures": "重点时段、重点区域设卡",
                "lead_leader": leader.pk,
                "cooperating_leaders": [helper.pk],
                "responsible": worker.pk,
                "deadline": in_days(10).isoformat(),
                "report_to": "镇长",
            }
        ],
    }
    return {**data, **overrides}


def test_the_township_creates_issues_and_reads_a_checklist(
    login, township_dispatcher, leader, worker, helper
):
    client = login(township_dispatcher)
    response = send(client, "post", "/checklists", checklist_json(leader, worker, helper))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "draft" and data["owner_unit"] == "甲镇党政办"
    row = data["rows"][0]
    assert row["responsible"] == {"id": worker.pk, "name": "李明", "unit": "甲村村委会"}
    assert [p["name"] for p in row["cooperating_leaders"]] == ["赵镇长"]
    issued = send(client, "post", f"/checklists/{data['id']}/issue")
    assert issued.status_code == 200 and issued.json()["status"] == "active"
    listed = get(client, "/checklists", status="active").json()
    assert listed["count"] == 1 and listed["items"][0]["title"] == "2025年甲镇森林防火任务清单"


def test_a_row_without_a_responsible_person_is_refused_with_every_problem(
    login, township_dispatcher, leader, worker, helper
):
    payload = checklist_json(leader, worker, helper)
    payload["rows"].append({"task": "第二项", "responsible": None, "deadline": None})
    response = send(login(township_dispatcher), "post", "/checklists", payload)
    assert response.status_code == 409
    assert response.json()["problems"] == [
        "第2行没有具体责任人：每一行都必须写明具体责任人。",
        "第2行没有完成时限：每一行都必须写明完成时限。",
    ]
    assert not Checklist.objects.exists()


def test_an_unknown_person_id_answers_422(login, township_dispatcher, leader, worker, helper):
    payload = checklist_json(leader, worker, helper)
    payload["rows"][0]["responsible"] = 99999
    response = send(login(township_dispatcher), "post", "/checklists", payload)
    assert response.status_code == 422 and "99999" in response.content.decode()


def test_outsiders_get_404_and_supervisors_403(login, outsider, supervisor, active, leader, worker, helper):
    row = active.rows.get()
    for person, code in ((outsider, 404), (supervisor, 403)):
        client = login(person)
        assert send(client, "post", f"/checklists/{active.pk}/close").status_code == code
        assert send(client, "put", f"/checklist-rows/{row.pk}", {"task": "改"}).status_code == code
        assert send(client, "delete", f"/checklist-rows/{row.pk}").status_code == code
        assert send(client, "post", f"/checklist-rows/{row.pk}/progress", {"percent": 5}).status_code == code
    assert get(login(outsider), f"/checklists/{active.pk}").status_code == 404
    assert get(login(supervisor), f"/checklists/{active.pk}").json()["rows"][0]["task"] == "开展汛前隐患排查"
    assert (
        send(login(supervisor), "post", "/checklists", checklist_json(leader, worker, helper)).status_code
        == 403
    )


def test_only_the_responsible_person_reports_progress(login, worker, leader, active):
    row = active.rows.get()
    assert (
        send(login(leader), "post", f"/checklist-rows/{row.pk}/progress", {"percent": 50}).status_code == 403
    )
    response = send(
        login(worker), "post", f"/checklist-rows/{row.pk}/progress", {"percent": 50, "note": "过半"}
    )
    assert response.status_code == 201 and response.json()["percent"] == 50
    bad = send(login(worker), "post", f"/checklist-rows/{row.pk}/progress", {"percent": 150})
    assert bad.status_code == 409 and "0 到 100" in bad.json()["detail"]
    assert RowUpdate.objects.count() == 1


def test_my_rows_lists_the_responsible_persons_and_leaders_rows(login, worker, leader, make_checklist, row):
    make_checklist(rows=[row(deadline=in_days(-1))], issue=True)
    mine = get(login(worker), "/checklist-rows/mine").json()
    assert mine["count"] == 1 and mine["items"][0]["alert"] == "overdue"
    assert get(login(leader), "/checklist-rows/mine", role="lead").json()["count"] == 1
    assert get(login(leader), "/checklist-rows/mine", role="boss").status_code == 422


def test_rows_are_added_changed_and_removed(login, township_dispatcher, make_checklist, leader, worker):
    checklist = make_checklist()
    client = login(township_dispatcher)
    new = {"task": "值班值守", "responsible": worker.pk, "deadline": in_days(5).isoformat()}
    added = send(client, "post", f"/checklists/{checklist.pk}/rows", new)
    assert added.status_code == 201 and added.json()["position"] == 2
    changed = send(client, "put", f"/checklist-rows/{added.json()['id']}", {**new, "lead_leader": leader.pk})
    assert changed.status_code == 200 and changed.json()["lead_leader"]["name"] == "王书记"
    assert send(client, "delete", f"/checklist-rows/{added.json()['id']}").status_code == 204
    assert checklist.rows.count() == 1


def test_a_checklist_is_copied_a_year_on(login, township_dispatcher, active):
    response = send(login(township_dispatcher), "post", f"/checklists/{active.pk}/copy", {"years": 1})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["title"] == "2026年甲镇防汛抗旱任务清单" and data["status"] == ChecklistStatus.DRAFT
    assert data["copied_from"] == active.pk
