"""Coordination bodies over /api/v1/: the same scope (404), roles (403) and refusals (409) as the pages."""

from __future__ import annotations

import datetime

import pytest

from qingdan.bodies import actions
from qingdan.bodies.models import BodyDocument, BodyMeeting, CoordinationBody

from .conftest import active_count, make_bodies

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(f"/api/v1{url}", data or {}, content_type="application/json")


def put(client, url, data):
    return client.put(f"/api/v1{url}", data, content_type="application/json")


def get(client, url, **params):
    return client.get(f"/api/v1{url}", params)


def body_json(county, department, **overrides) -> dict:
    data = {
        "division": county.code,
        "name": "县新能源产业发展领导小组",
        "kind": "leading_group",
        "permanence": "permanent",
        "basis_class": "local",
        "basis": "本县新能源产业发展需要",
        "lead_unit": department.pk,
        "member_units": [department.pk],
        "leader": "县长",
        "set_up_on": "2024-05-06",
        "set_up_document": "测办发〔2024〕8号",
    }
    return {**data, **overrides}


def test_the_register_lists_bodies_in_scope_with_filters(
    login, supervisor, county, department, township_body, county_body, django_assert_max_num_queries
):
    make_bodies(county, 30, lead_unit=department)
    client = login(supervisor)
    with django_assert_max_num_queries(10):  # the same for 3 bodies or 300
        data = get(client, "/bodies", status="active", limit=100).json()
    assert data["count"] == 32
    assert data["items"][0]["division"]["level"] in ("county", "township")
    townships = get(client, "/bodies", division=township_body.division.code).json()
    assert [item["name"] for item in townships["items"]] == [township_body.name]
    assert get(client, "/bodies", kind="headquarters").json()["count"] == 1


def test_an_outsider_reads_the_countys_bodies_but_not_another_townships(
    login, outsider, township_body, county_body
):
    client = login(outsider)
    names = [item["name"] for item in get(client, "/bodies").json()["items"]]
    assert county_body.name in names and township_body.name not in names
    assert get(client, f"/bodies/{township_body.pk}").status_code == 404


def test_another_county_gets_404_for_this_countys_body(login, stranger, county_body):
    client = login(stranger)
    assert get(client, f"/bodies/{county_body.pk}").status_code == 404
    revoke = {"document": "x", "revoked_on": "2024-01-15"}
    assert post(client, f"/bodies/{county_body.pk}/revoke", revoke).status_code == 404


def test_the_detail_has_members_meetings_and_documents(login, dept_clerk, county_body, department):
    actions.record_meeting(
        user=dept_clerk, body=county_body, held_on=datetime.date(2024, 5, 10), topic="部署"
    )
    data = get(login(dept_clerk), f"/bodies/{county_body.pk}").json()
    assert {u["name"] for u in data["member_units"]} == {"县农业农村局", "县自然资源局"}
    assert data["meetings"][0]["topic"] == "部署" and data["documents"] == []
    assert data["lead_unit"] == {"id": department.pk, "name": "县农业农村局"}
    assert data["handover"] == []


def test_the_catalog_office_sets_up_a_body(login, catalog_office, county, department):
    response = post(login(catalog_office), "/bodies", body_json(county, department))
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "active"
    assert CoordinationBody.objects.get().lead_unit == department


def test_at_the_cap_a_set_up_is_refused_with_409_and_revoke_one_set_one_works(
    login, catalog_office, county, department, full_county
):
    client = login(catalog_office)
    refused = post(client, "/bodies", body_json(county, department))
    assert refused.status_code == 409 and "撤一设一" in refused.json()["detail"]
    replaced = full_county[0]
    data = body_json(
        county,
        department,
        revoke=replaced.pk,
        revocation_document="测编发〔2024〕3号",
        revocation_date="2024-05-06",
    )
    assert post(client, "/bodies", data).status_code == 201
    assert active_count(county) == 25
    assert CoordinationBody.objects.get(pk=replaced.pk).status == "revoked"


def test_a_unit_of_another_county_is_a_bad_parameter(login, catalog_office, county, stranger):
    response = post(login(catalog_office), "/bodies", body_json(county, stranger.unit))
    assert response.status_code == 422
    assert not CoordinationBody.objects.exists()


def test_a_township_set_up_is_refused_with_409(login, catalog_office, township, department):
    response = post(login(catalog_office), "/bodies", body_json(township, department))
    assert response.status_code == 409 and "上限为 0" in response.json()["detail"]


def test_revoking_answers_the_handover_rows(login, catalog_office, county_body):
    client = login(catalog_office)
    missing = post(client, f"/bodies/{county_body.pk}/revoke", {"document": "", "revoked_on": "2024-01-15"})
    assert missing.status_code == 409 and "撤销文件" in missing.json()["detail"]
    response = post(
        client,
        f"/bodies/{county_body.pk}/revoke",
        {"document": "测编发〔2024〕3号", "revoked_on": "2024-01-15"},
    )
    data = response.json()
    assert response.status_code == 200 and data["status"] == "revoked"
    [row] = data["handover"]
    assert row["area"] == "防汛抗旱" and row["lead_unit_name"] == "县农业农村局"


def test_a_supervisor_changes_nothing(login, supervisor, county, county_body, department):
    client = login(supervisor)
    assert post(client, "/bodies", body_json(county, department)).status_code == 403
    revoke = {"document": "x", "revoked_on": "2024-01-15"}
    assert post(client, f"/bodies/{county_body.pk}/revoke", revoke).status_code == 403
    meeting = {"held_on": "2024-05-10", "topic": "会"}
    assert post(client, f"/bodies/{county_body.pk}/meetings", meeting).status_code == 403
    document = {"number": "1", "title": "t", "issued_on": "2024-05-10"}
    assert post(client, f"/bodies/{county_body.pk}/documents", document).status_code == 403
    assert put(client, "/bodies/caps/county", {"cap": 30}).status_code == 403
    assert CoordinationBody.objects.get().status == "active"


def test_the_lead_units_clerk_records_meetings_and_documents(login, dept_clerk, county_body):
    client = login(dept_clerk)
    meeting = post(
        client, f"/bodies/{county_body.pk}/meetings", {"held_on": "2024-05-10", "topic": "部署汛前检查"}
    )
    assert meeting.status_code == 201 and meeting.json()["has_minutes"] is False
    document = {"number": "测防指发〔2024〕1号", "title": "通知", "issued_on": "2024-05-12"}
    assert post(client, f"/bodies/{county_body.pk}/documents", document).status_code == 201
    assert post(client, f"/bodies/{county_body.pk}/documents", document).status_code == 409
    assert (BodyMeeting.objects.count(), BodyDocument.objects.count()) == (1, 1)


def test_caps_are_read_by_all_and_set_by_the_catalog_office(
    login, catalog_office, village_cadre, county, department
):
    make_bodies(county, 3, lead_unit=department)
    lines = get(login(village_cadre), "/bodies/caps").json()
    assert lines[0] == {"level": "county", "cap": 25, "active": 3, "over": []}
    answer = put(login(catalog_office), "/bodies/caps/county", {"cap": 2})
    assert answer.status_code == 200 and answer.json()[0]["over"] == ["测试县 3"]
    assert put(login(catalog_office), "/bodies/caps/county", {"cap": -1}).status_code == 422


def test_the_review_and_the_report(login, supervisor, county, department):
    make_bodies(county, 2, lead_unit=department)
    review = get(login(supervisor), "/bodies/review").json()
    assert len(review["stale"]) == 2 and review["duplicates"] == []
    report = get(login(supervisor), "/bodies/report").json()
    assert report["lines"][0]["division"]["name"] == "测试县" and report["total"]["division"] is None
    assert get(login(supervisor), "/bodies/report", year=1800).status_code == 422
