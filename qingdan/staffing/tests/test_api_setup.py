"""Templates, people, the pool, the module catalogue and the scoring rule over the API."""

import json

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.staffing.models import Module, ScoringRule, StaffPerson, TownshipTemplate

from .conftest import add, id_number

pytestmark = pytest.mark.django_db


def send(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_a_county_template_and_a_township_checked_against_it(
    login, catalog_office, supervisor, outsider, township, town_office
):
    body = {"name": "五办三中心", "offices": ["党政办", "党建办"], "centres": ["便民服务中心"]}
    assert send(login(supervisor), "post", "/api/v1/staffing/templates", body).status_code == 403
    client = login(catalog_office)
    template = send(client, "post", "/api/v1/staffing/templates", body).json()
    check = send(
        client, "put", f"/api/v1/staffing/towns/{township.code}/template", {"template": template["id"]}
    )
    assert check.json() == {
        "template": "五办三中心",
        "missing": ["党建办", "便民服务中心"],
        "extra": [],
        "ok": False,
    }
    assert login(outsider).get(f"/api/v1/staffing/towns/{township.code}/template").status_code == 404
    assert TownshipTemplate.objects.count() == 1


def test_people_are_added_with_their_id_number_in_the_body_only_and_masked_back(
    login, township_dispatcher, supervisor, town_office
):
    number = id_number()
    body = {
        "works_in": town_office.pk,
        "name": "王芳",
        "identity": "institution",
        "id_number": number,
        "phone": "13812345678",
    }
    assert send(login(supervisor), "post", "/api/v1/staffing/people", body).status_code == 403
    client = login(township_dispatcher)
    made = send(client, "post", "/api/v1/staffing/people", body)
    assert (
        made.status_code == 201
        and number not in made.content.decode()
        and made.json()["phone"] == "138****5678"
    )
    again = send(client, "post", "/api/v1/staffing/people", body)
    assert again.status_code == 409 and StaffPerson.objects.count() == 1
    events = AuditEvent.objects.filter(action="staffing.add_person")
    assert events.count() == 1 and number not in json.dumps(events.get().changes)


def test_a_bad_id_number_is_refused_in_chinese(login, township_dispatcher, town_office):
    body = {
        "works_in": town_office.pk,
        "name": "李四",
        "identity": "administrative",
        "id_number": "420102199001011235",
    }
    answer = send(login(township_dispatcher), "post", "/api/v1/staffing/people", body)
    assert answer.status_code == 409 and "身份证号" in answer.json()["detail"]
    assert not StaffPerson.objects.exists()


def test_the_pool_over_the_api(login, township_dispatcher, outsider, town_office):
    person = add(township_dispatcher, town_office, "超编者")
    url = f"/api/v1/staffing/people/{person.pk}/pool"
    assert send(login(outsider), "post", url, {"on": "2025-01-01", "duty": "专班"}).status_code == 404
    client = login(township_dispatcher)
    assert send(client, "post", url, {"on": "2025-01-01", "duty": "信访专班"}).json()["in_pool"] is True
    left = send(client, "post", url, {"on": "2025-06-01", "reason": "moved"}).json()
    assert left == {"id": person.pk, "in_pool": False, "is_active": True}


def test_the_catalogue_and_the_rule_are_the_catalog_offices(
    login, catalog_office, township_dispatcher, county
):
    catalogue = {"modules": {"大党建": ["党建统领"], "大治理": ["基层治理", "平安法治"]}}
    assert send(login(township_dispatcher), "post", "/api/v1/staffing/modules", catalogue).status_code == 403
    client = login(catalog_office)
    assert send(client, "post", "/api/v1/staffing/modules", catalogue).status_code == 201
    assert Module.objects.count() == 5
    rule = {
        "year": 2025,
        "position_weight": 40,
        "module_weight": 40,
        "team_weight": 20,
        "special_cap": 10,
        "township_weight": 60,
    }
    refused = send(client, "put", "/api/v1/staffing/scoring-rule", rule)
    assert (
        refused.status_code == 409 and "70" in refused.json()["detail"] and not ScoringRule.objects.exists()
    )
    rule["township_weight"] = 75
    assert send(client, "put", "/api/v1/staffing/scoring-rule", rule).status_code == 200
