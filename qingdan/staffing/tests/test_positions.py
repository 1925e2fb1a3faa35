"""Modules, positions, placements, the two-way choice and four-part scoring."""

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.staffing import actions
from qingdan.staffing.choices import Identity
from qingdan.staffing.models import Module, Placement
from qingdan.staffing.queries import placement_status, uncarried_items, who_does

from .conftest import add
from .duty_list import township_list

CATALOGUE = {
    "大党建": ["党建统领"],
    "大协调": ["综合督考"],
    "大治理": ["基层治理", "平安法治"],
    "大执法": ["综合执法"],
    "大经济": ["农业农村", "工业经济", "招商引资"],
    "大服务": ["文旅服务中心", "便民服务", "社会事务"],
}


@pytest.fixture
def modules(catalog_office, county):
    return {
        m.name: m for m in actions.publish_modules(user=catalog_office, county=county, catalogue=CATALOGUE)
    }


@pytest.fixture
def town(township_dispatcher, township, town_office, modules):
    subs = [modules[n] for n in ("农业农村", "文旅服务中心", "综合执法", "基层治理")]
    chosen = {
        tm.module.name: tm
        for tm in actions.choose_modules(user=township_dispatcher, township=township, subs=subs)
    }
    leader = add(township_dispatcher, town_office, "镇长", is_leader=True)
    for tm in chosen.values():
        actions.set_module_lead(user=township_dispatcher, town_module=tm, person=leader)
    return chosen


def test_the_county_publishes_six_main_and_eleven_sub_modules(modules):
    assert Module.objects.filter(parent=None).count() == 6
    assert Module.objects.exclude(parent=None).count() == 11


@pytest.mark.parametrize("count", [2, 6])
def test_a_town_picks_three_to_five_sub_modules(township_dispatcher, township, modules, unchanged, count):
    subs = [m for m in modules.values() if not m.is_main][:count]
    with unchanged() as refused:
        actions.choose_modules(user=township_dispatcher, township=township, subs=subs)
    assert "3" in refused.value.message and "5" in refused.value.message


def test_a_module_lead_comes_from_the_township_leadership(township_dispatcher, town, town_office, unchanged):
    clerk = add(township_dispatcher, town_office, "办事员")
    with unchanged():
        actions.set_module_lead(user=township_dispatcher, town_module=town["大党建"], person=clerk)


def test_positions_carry_items_and_who_does_an_item_is_answered(
    township_dispatcher, township, town, town_office
):
    items = township_list(township)
    position = actions.create_position(
        user=township_dispatcher, town_module=town["大治理"], name="网格管理岗", points=85, items=items[:2]
    )
    person = add(township_dispatcher, town_office, "张伟")
    actions.place_person(user=township_dispatcher, person=person, position=position)
    [answer] = who_does(township, items[0])
    assert answer["position"] == position and answer["people"] == [person]
    assert list(uncarried_items(township)) == items[2:]


def test_a_position_may_not_carry_an_item_of_another_list(
    township_dispatcher, town, other_township, unchanged
):
    foreign = township_list(other_township)
    with unchanged():
        actions.create_position(
            user=township_dispatcher, town_module=town["大治理"], name="错岗", points=80, items=foreign[:1]
        )


def test_everyone_has_exactly_one_primary_position(
    township_dispatcher, township, town, town_office, department, unchanged
):
    first = actions.create_position(
        user=township_dispatcher, town_module=town["大党建"], name="组织岗", points=90, items=[]
    )
    second = actions.create_position(
        user=township_dispatcher, town_module=town["大服务"], name="窗口岗", points=80, items=[]
    )
    people = [
        add(township_dispatcher, town_office, "行政甲"),
        add(township_dispatcher, town_office, "事业乙", identity=Identity.INSTITUTION),
        add(township_dispatcher, town_office, "编外丙", identity=Identity.CONTRACT),
        add(
            township_dispatcher, town_office, "派驻丁", identity=Identity.DISPATCHED, sending_unit=department
        ),
    ]
    status = placement_status(township)
    assert status.placed == 0 and len(status.unplaced) == 5  # the 镇长 too
    for person in people:
        actions.place_person(user=township_dispatcher, person=person, position=first)
    with unchanged():
        actions.place_person(user=township_dispatcher, person=people[0], position=second)
    actions.place_person(user=township_dispatcher, person=people[0], position=second, primary=False)
    status = placement_status(township)
    assert [p.name for p in status.unplaced] == ["镇长"]
    assert Placement.objects.filter(person=people[0]).count() == 2


def test_two_way_choice_offered_applied_decided(township_dispatcher, town, town_office):
    offered = actions.create_position(
        user=township_dispatcher,
        town_module=town["大经济"],
        name="招商岗",
        points=88,
        items=[],
        is_offered=True,
    )
    person = add(township_dispatcher, town_office, "李娜")
    application = actions.apply_for(user=township_dispatcher, person=person, position=offered)
    actions.decide_application(user=township_dispatcher, application=application, accept=True)
    assert Placement.objects.get(person=person).is_primary


def test_a_position_not_offered_takes_no_applications(township_dispatcher, town, town_office, unchanged):
    closed = actions.create_position(
        user=township_dispatcher, town_module=town["大经济"], name="统计岗", points=70, items=[]
    )
    person = add(township_dispatcher, town_office, "赵敏")
    with unchanged():
        actions.apply_for(user=township_dispatcher, person=person, position=closed)


def test_a_supervisor_reads_only(supervisor, town):
    with pytest.raises(PermissionDenied):
        actions.create_position(user=supervisor, town_module=town["大党建"], name="岗", points=1, items=[])


def test_four_part_score_and_dispatched_staff_are_mainly_scored_by_the_township(
    catalog_office, township_dispatcher, county, town, town_office, department, unchanged
):
    with unchanged():
        actions.set_scoring_rule(
            user=catalog_office,
            county=county,
            year=2025,
            position_weight=40,
            module_weight=40,
            team_weight=20,
            special_cap=10,
            township_weight=60,
        )
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
    post = actions.create_position(
        user=township_dispatcher, town_module=town["大执法"], name="执法岗", points=90, items=[]
    )
    person = add(
        township_dispatcher, town_office, "派驻员", identity=Identity.DISPATCHED, sending_unit=department
    )
    actions.place_person(user=township_dispatcher, person=person, position=post)
    with unchanged():
        actions.record_score(
            user=township_dispatcher,
            person=person,
            year=2025,
            module_score=80,
            team_points=70,
            special_bonus=12,
            special_reason="防汛抢险",
        )
    score = actions.record_score(
        user=township_dispatcher,
        person=person,
        year=2025,
        module_score=80,
        team_points=70,
        special_bonus=5,
        special_reason="防汛抢险",
        sending_unit_score=60,
    )
    # township part 0.4×90 + 0.4×80 + 0.2×70 = 82; the bonus waits for approval; 0.7×82 + 0.3×60 = 75.4
    assert str(score.total) == "75.40" and score.result_to == department
    score = actions.approve_special(user=catalog_office, score=score)
    assert str(score.total) == "78.90"  # 0.7×87 + 0.3×60
