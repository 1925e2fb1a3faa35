"""GET /api/v1/audit/events: the trail of the caller's scope, for supervisors and platform admins only."""

import pytest

from qingdan.audit.actions import record
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Unit
from qingdan.testing import make_user

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/audit/events"
# Signing a persona in writes its own login event; most tests look at duty events only.
DUTIES = {"action": "duties"}


@pytest.fixture
def trail(village, other_village, county):
    return {
        "village": record(actor=None, actor_name="jiacun", action="duties.apply_amendment", division=village),
        "other": record(
            actor=None, actor_name="yicun", action="duties.apply_amendment", division=other_village
        ),
        "county": record(actor=None, actor_name="bianban", action="duties.publish_template", division=county),
    }


def ids(response) -> set[int]:
    return {event["id"] for event in response.json()["items"]}


def test_a_supervisor_reads_the_whole_trail_of_their_county(login, supervisor, trail):
    response = login(supervisor).get(EVENTS, DUTIES)
    assert response.status_code == 200
    assert ids(response) == {e.pk for e in trail.values()}
    first = response.json()["items"][0]
    assert first["actor"] == "bianban"
    assert first["division"] == trail["county"].division.code


def test_a_township_supervisor_does_not_see_events_outside_the_township(login, township, county, trail):
    unit = Unit.objects.create(name="甲镇纪委", kind=UnitKind.TOWNSHIP, division=township, county=county)
    inspector = make_user("jiazhen_jiwei", Role.SUPERVISOR, unit)
    assert ids(login(inspector).get(EVENTS, DUTIES)) == {trail["village"].pk}


def test_the_platform_admin_reads_the_trail(login, platform_admin, trail):
    assert login(platform_admin).get(EVENTS).status_code == 200


@pytest.mark.parametrize("persona", ["catalog_office", "county_reviewer", "dept_clerk", "village_cadre"])
def test_other_roles_are_refused_with_403(login, request, persona, trail):
    assert login(request.getfixturevalue(persona)).get(EVENTS).status_code == 403


def test_the_trail_filters_by_actor_action_and_division(login, supervisor, trail, township):
    client = login(supervisor)
    assert ids(client.get(EVENTS, {"actor": "yicun"})) == {trail["other"].pk}
    assert ids(client.get(EVENTS, {"action": "duties.publish_template"})) == {trail["county"].pk}
    assert ids(client.get(EVENTS, {"division": township.code})) == {trail["village"].pk}
    assert ids(client.get(EVENTS, {"date_from": "2000-01-01", "date_to": "2000-01-31"})) == set()


def test_a_bad_filter_is_a_422_naming_the_parameter(login, supervisor, trail):
    response = login(supervisor).get(EVENTS, {"date_from": "昨天", "division": "12"})
    assert response.status_code == 422
    assert {tuple(error["loc"]) for error in response.json()["detail"]} == {
        ("query", "date_from"),
        ("query", "division"),
    }


def test_the_trail_takes_a_bounded_number_of_queries(
    login, supervisor, village, django_assert_max_num_queries
):
    for n in range(40):
        record(actor=None, actor_name=f"user{n}", action="duties.import_catalog", division=village)
    client = login(supervisor)
    with django_assert_max_num_queries(9):
        response = client.get(EVENTS, DUTIES)
    assert response.json()["count"] == 40


def test_the_trail_needs_a_signed_in_caller(client, trail):
    assert client.get(EVENTS).status_code == 401


def test_a_bad_filter_is_explained_in_chinese(login, supervisor, trail):
    params = {"action": "DROP TABLE", "date_from": "2025-03-02", "date_to": "2025-03-01"}
    response = login(supervisor).get(EVENTS, params)
    messages = {error["loc"][1]: error["msg"] for error in response.json()["detail"]}
    assert messages == {"action": "未知的操作“DROP TABLE”。", "date_to": "结束日期早于开始日期。"}
