"""A township keeps its structure on its pages; outsiders get 404, supervisors 403."""

import pytest

from qingdan.staffing import actions
from qingdan.staffing.choices import Identity
from qingdan.staffing.models import Application, Module, Placement, Position, Score, StaffPerson, TownModule

from .conftest import add
from .duty_list import township_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(catalog_office, county):
    actions.publish_modules(
        user=catalog_office, county=county, catalogue={"大服务": ["甲", "乙", "丙", "丁"]}
    )
    return list(Module.objects.exclude(parent=None))


@pytest.fixture
def leader(township_dispatcher, town_office):
    return add(township_dispatcher, town_office, "镇长", is_leader=True)


def test_the_manage_page_is_the_townships_and_not_an_outsiders_nor_a_supervisors(
    login, township_dispatcher, outsider, supervisor, township, catalogue
):
    assert login(township_dispatcher).get(f"/staffing/towns/{township.code}/manage/").status_code == 200
    assert login(outsider).get(f"/staffing/towns/{township.code}/manage/").status_code == 404
    assert login(supervisor).get(f"/staffing/towns/{township.code}/manage/").status_code == 403


def test_choosing_modules_leads_and_positions_on_the_pages(
    login, township_dispatcher, township, catalogue, leader
):
    client = login(township_dispatcher)
    refused = client.post(f"/staffing/towns/{township.code}/modules/", {"sub_modules": [catalogue[0].pk]})
    assert refused.status_code == 400 and "3 至 5" in refused.content.decode()
    assert not TownModule.objects.exists()
    chosen = client.post(
        f"/staffing/towns/{township.code}/modules/", {"sub_modules": [m.pk for m in catalogue[:3]]}
    )
    assert chosen.status_code == 302 and TownModule.objects.count() == 4
    module = TownModule.objects.get(module__name="甲")
    lead = client.post(
        f"/staffing/towns/{township.code}/lead/", {"town_module": module.pk, "person": leader.pk}
    )
    assert lead.status_code == 302
    items = township_list(township)
    data = {"town_module": module.pk, "name": "窗口岗", "points": "85", "item_numbers": "1，99"}
    refused = client.post(f"/staffing/towns/{township.code}/positions/new/", data)
    assert refused.status_code == 400 and "99" in refused.content.decode() and not Position.objects.exists()
    data["item_numbers"] = f"{items[0].item_no},{items[2].item_no}"
    assert client.post(f"/staffing/towns/{township.code}/positions/new/", data).status_code == 302
    assert Position.objects.get().items.count() == 2


def test_a_supervisor_may_not_post_any_change(login, supervisor, township, catalogue, leader):
    client = login(supervisor)
    for url in ("modules/", "lead/", "positions/new/", "applications/new/", "scores/"):
        assert client.post(f"/staffing/towns/{township.code}/{url}", {}).status_code == 403, url


def test_two_way_choice_and_scoring_on_the_pages(
    login, catalog_office, township_dispatcher, county, township, catalogue, leader, town_office, department
):
    [main, *_others] = actions.choose_modules(user=township_dispatcher, township=township, subs=catalogue[:3])
    actions.set_module_lead(user=township_dispatcher, town_module=main, person=leader)
    position = actions.create_position(
        user=township_dispatcher, town_module=main, name="服务岗", points=80, items=[], is_offered=True
    )
    person = add(
        township_dispatcher, town_office, "派驻者", identity=Identity.DISPATCHED, sending_unit=department
    )
    client = login(township_dispatcher)
    client.post(
        f"/staffing/towns/{township.code}/applications/new/", {"person": person.pk, "position": position.pk}
    )
    application = Application.objects.get()
    client.post(f"/staffing/applications/{application.pk}/decide/", {"accept": "1"})
    assert Placement.objects.get(person=person).is_primary
    actions.set_scoring_rule(
        user=catalog_office,
        county=county,
        year=2025,
        position_weight=40,
        module_weight=40,
        team_weight=20,
        special_cap=10,
        township_weight=70,
    )
    data = {
        "person": person.pk,
        "year": 2025,
        "module_score": "90",
        "team_points": "80",
        "special_bonus": "5",
        "special_reason": "疫情防控",
        "sending_unit_score": "70",
    }
    assert client.post(f"/staffing/towns/{township.code}/scores/", data).status_code == 302
    score = Score.objects.get()
    assert not score.special_approved and "待审批" in client.get("/staffing/scores/").content.decode()
    assert client.post(f"/staffing/scores/{score.pk}/approve/").status_code == 403
    office = login(catalog_office)
    assert office.post(f"/staffing/scores/{score.pk}/approve/").status_code == 302
    assert Score.objects.get().special_approved


def test_into_and_out_of_the_pool_on_the_pages(login, township_dispatcher, outsider, supervisor, town_office):
    person = add(township_dispatcher, town_office, "超编者")
    assert (
        login(supervisor).post(f"/staffing/people/{person.pk}/pool/", {"on": "2025-01-01"}).status_code == 403
    )
    assert (
        login(outsider).post(f"/staffing/people/{person.pk}/pool/", {"on": "2025-01-01"}).status_code == 404
    )
    client = login(township_dispatcher)
    client.post(f"/staffing/people/{person.pk}/pool/", {"on": "2025-01-01", "duty": "信访专班"})
    assert StaffPerson.objects.get().in_pool
    client.post(f"/staffing/people/{person.pk}/pool/", {"on": "2025-06-01", "reason": "retired"})
    person = StaffPerson.objects.get()
    assert not person.in_pool and person.left_pool_reason == "retired"
