"""/api/v1/divisions and /api/v1/units answer exactly the caller's scope."""

import pytest

from qingdan.orgs.choices import DivisionKind, Level, UnitKind
from qingdan.orgs.models import Division, Unit

pytestmark = pytest.mark.django_db

# A signed-in request costs 7 queries before the endpoint runs: the session, the user, their unit and
# its division (for the scope), and saving the session's last-seen time. A list adds its count and page.
SESSION_QUERIES = 7


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["items"]]


def test_a_township_dispatcher_lists_their_township_and_its_villages(
    login, township_dispatcher, township, village, community, other_village
):
    response = login(township_dispatcher).get("/api/v1/divisions")
    assert response.status_code == 200
    assert codes(response) == [township.code, village.code, community.code]
    assert response.json()["count"] == 3


def test_an_outsider_does_not_see_other_townships_in_the_list(login, outsider, village, other_village):
    assert codes(login(outsider).get("/api/v1/divisions")) == [other_village.code]


def test_divisions_filter_by_level_parent_and_name(
    login, catalog_office, township, village, community, other_village
):
    client = login(catalog_office)
    assert codes(client.get("/api/v1/divisions", {"level": "village", "parent": township.code})) == [
        village.code,
        community.code,
    ]
    assert codes(client.get("/api/v1/divisions", {"q": "社区"})) == [community.code]
    assert codes(client.get("/api/v1/divisions", {"q": "4299012"})) == ["429901200000", other_village.code]


def test_a_bad_level_or_parent_code_is_a_422(login, catalog_office):
    client = login(catalog_office)
    assert client.get("/api/v1/divisions", {"level": "planet"}).status_code == 422
    assert client.get("/api/v1/divisions", {"parent": "12"}).status_code == 422


def test_the_division_list_is_paginated(login, catalog_office, village, community, other_village):
    response = login(catalog_office).get("/api/v1/divisions", {"limit": 2, "offset": 1})
    body = response.json()
    assert body["count"] == 6  # county, two townships, three villages
    assert len(body["items"]) == 2


def test_the_division_list_takes_a_bounded_number_of_queries(
    login, catalog_office, township, county, django_assert_max_num_queries
):
    for n in range(1, 41):
        Division.objects.create(
            code=f"429901100{n:03d}",
            name=f"村{n}",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=township,
            county=county,
        )
    client = login(catalog_office)
    with django_assert_max_num_queries(SESSION_QUERIES + 2):
        response = client.get("/api/v1/divisions")
    assert response.json()["count"] == 42


def test_division_detail_shows_the_chain_above_and_counts_below(
    login, catalog_office, county, township, village, community
):
    response = login(catalog_office).get(f"/api/v1/divisions/{township.code}")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "甲镇"
    assert body["parent_code"] == county.code
    assert [a["code"] for a in body["ancestors"]] == [county.code]  # the city is above the user's scope
    assert body["children_count"] == 2
    assert body["descendants_by_level"] == {"village": 2}


def test_a_village_cadre_sees_no_chain_above_their_own_village(login, village_cadre, village):
    body = login(village_cadre).get(f"/api/v1/divisions/{village.code}").json()
    assert body["ancestors"] == []
    assert body["children_count"] == 0


def test_an_outsider_gets_404_for_a_division_outside_their_scope(login, outsider, village):
    client = login(outsider)
    assert client.get(f"/api/v1/divisions/{village.code}").status_code == 404
    assert client.get("/api/v1/divisions/000000000000").status_code == 404


def test_units_list_the_units_in_scope(login, township_dispatcher, village_cadre, department, outsider):
    response = login(township_dispatcher).get("/api/v1/units")
    assert response.status_code == 200
    names = [u["name"] for u in response.json()["items"]]
    assert names == ["甲镇党政办", "甲村村委会"]
    assert "县农业农村局" not in names and "乙村村委会" not in names


def test_units_filter_by_kind_and_division(
    login, catalog_office, department, other_department, village_cadre, township
):
    client = login(catalog_office)
    departments = client.get("/api/v1/units", {"kind": UnitKind.DEPARTMENT}).json()["items"]
    assert {u["name"] for u in departments} == {"县农业农村局", "县自然资源局"}
    in_township = client.get("/api/v1/units", {"division": township.code}).json()["items"]
    assert [u["name"] for u in in_township] == ["甲村村委会"]
    assert in_township[0]["division"]["code"] == village_cadre.unit.division.code


def test_the_unit_list_takes_a_bounded_number_of_queries(
    login, catalog_office, county, django_assert_max_num_queries
):
    Unit.objects.bulk_create(
        Unit(name=f"县局{n}", kind=UnitKind.DEPARTMENT, division=county, county=county) for n in range(30)
    )
    client = login(catalog_office)
    with django_assert_max_num_queries(SESSION_QUERIES + 2):
        response = client.get("/api/v1/units")
    assert response.json()["count"] == 31
