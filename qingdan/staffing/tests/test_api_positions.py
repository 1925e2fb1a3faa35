"""The modules-and-positions API as owner, outsider (404) and read-only supervisor (403 on writes)."""

import json

import pytest

from qingdan.staffing import actions
from qingdan.staffing.choices import Identity
from qingdan.staffing.models import Application, Module, Placement, Position, Score

from .conftest import add
from .duty_list import township_list

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def modules(catalog_office, county):
    actions.publish_modules(
        user=catalog_office, county=county, catalogue={"大治理": ["甲", "乙", "丙", "丁"]}
    )
    return list(Module.objects.exclude(parent=None))


@pytest.fixture
def town(township_dispatcher, township, modules, town_office):
    chosen = actions.choose_modules(user=township_dispatcher, township=township, subs=modules[:3])
    lead = add(township_dispatcher, town_office, "镇长", is_leader=True)
    for tm in chosen:
        actions.set_module_lead(user=township_dispatcher, town_module=tm, person=lead)
    return chosen[0]


def test_a_town_chooses_modules_over_the_api_and_outside_the_range_is_409(
    login, township_dispatcher, supervisor, outsider, township, modules
):
    url = f"/api/v1/staffing/towns/{township.code}/modules"
    assert post(login(supervisor), url, {"sub_modules": [m.pk for m in modules[:3]]}).status_code == 403
    assert post(login(outsider), url, {"sub_modules": [m.pk for m in modules[:3]]}).status_code == 404
    client = login(township_dispatcher)
    refused = post(client, url, {"sub_modules": [m.pk for m in modules[:2]]})
    assert refused.status_code == 409 and "3 至 5" in refused.json()["detail"]
    assert post(client, url, {"sub_modules": [m.pk for m in modules[:3]]}).status_code == 200


def test_positions_placements_and_who_does_an_item(
    login, township_dispatcher, outsider, township, town, town_office
):
    items = township_list(township)
    client = login(township_dispatcher)
    answer = post(
        client,
        "/api/v1/staffing/positions",
        {"town_module": town.pk, "name": "网格岗", "points": 80, "items": [items[0].pk]},
    )
    assert answer.status_code == 201, answer.content
    person = add(township_dispatcher, town_office, "张伟")
    placed = post(
        client, "/api/v1/staffing/placements", {"person": person.pk, "position": answer.json()["id"]}
    )
    assert placed.status_code == 201
    who = client.get(f"/api/v1/staffing/towns/{township.code}/items/{items[0].pk}/who").json()
    assert who == [{"position": "网格岗", "module": "大治理", "people": ["张伟"]}]
    uncarried = client.get(f"/api/v1/staffing/towns/{township.code}/uncarried-items").json()
    assert [i["id"] for i in uncarried] == [items[1].pk, items[2].pk]
    assert login(outsider).get(f"/api/v1/staffing/towns/{township.code}/uncarried-items").status_code == 404


def test_an_item_of_another_list_is_refused_and_nothing_written(
    login, township_dispatcher, other_township, town
):
    foreign = township_list(other_township)
    answer = post(
        login(township_dispatcher),
        "/api/v1/staffing/positions",
        {"town_module": town.pk, "name": "错岗", "points": 80, "items": [foreign[0].pk]},
    )
    assert answer.status_code == 409 and "清单" in answer.json()["detail"]
    assert not Position.objects.exists()


def test_two_way_choice_over_the_api(login, township_dispatcher, supervisor, town, town_office):
    position = actions.create_position(
        user=township_dispatcher, town_module=town, name="招商岗", points=88, items=[], is_offered=True
    )
    person = add(township_dispatcher, town_office, "李娜")
    client = login(township_dispatcher)
    applied = post(client, "/api/v1/staffing/applications", {"person": person.pk, "position": position.pk})
    assert applied.status_code == 201
    url = f"/api/v1/staffing/applications/{applied.json()['id']}/decision"
    assert post(login(supervisor), url, {"accept": True}).status_code == 403
    client = login(township_dispatcher)  # the test client is one browser: sign the township in again
    assert post(client, url, {"accept": True}).json()["status"] == "accepted"
    assert Placement.objects.get(person=person).is_primary
    assert post(client, url, {"accept": True}).status_code == 409
    assert Application.objects.count() == 1


def test_scores_over_the_api(
    login, catalog_office, township_dispatcher, county, town, town_office, department
):
    actions.set_scoring_rule(
        user=catalog_office,
        county=county,
        year=2025,
        position_weight=50,
        module_weight=30,
        team_weight=20,
        special_cap=5,
        township_weight=80,
    )
    position = actions.create_position(
        user=township_dispatcher, town_module=town, name="执法岗", points=90, items=[]
    )
    person = add(
        township_dispatcher, town_office, "派驻员", identity=Identity.DISPATCHED, sending_unit=department
    )
    actions.place_person(user=township_dispatcher, person=person, position=position)
    body = {
        "person": person.pk,
        "year": 2025,
        "module_score": 80,
        "team_points": 70,
        "special_bonus": 6,
        "special_reason": "抗洪",
    }
    client = login(township_dispatcher)
    assert post(client, "/api/v1/staffing/scores", body).status_code == 409
    assert not Score.objects.exists()
    body["special_bonus"] = 4
    score = post(client, "/api/v1/staffing/scores", body).json()
    assert score["total"] == 83.0 and score["result_to"] == department.name  # 45 + 24 + 14
    assert post(client, f"/api/v1/staffing/scores/{score['id']}/approval", {}).status_code == 403
    approved = post(login(catalog_office), f"/api/v1/staffing/scores/{score['id']}/approval", {}).json()
    assert approved["total"] == 87.0


def test_the_roster_over_the_api_is_masked_and_scoped(login, township_dispatcher, dept_clerk, town_office):
    add(township_dispatcher, town_office, "王芳", phone="13812345678")
    people = login(township_dispatcher).get("/api/v1/staffing/people").json()
    assert [p["phone"] for p in people if p["name"] == "王芳"] == ["138****5678"]
    assert login(dept_clerk).get("/api/v1/staffing/people").json() == []
