"""The division pickers' endpoint: divisions in the user's scope whose name holds the typed words, as
JSON {code, name, parent}; never a division outside the scope."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SEARCH = reverse("orgs:division_search")


def found(client, **params) -> list[dict]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_a_county_reader_finds_a_township_by_part_of_its_name(
    login, catalog_office, township, village, other_township
):
    results = found(login(catalog_office), q="甲")
    assert {"code": township.code, "name": "甲镇", "parent": "测试县"} in results
    assert {"code": village.code, "name": "甲村", "parent": "甲镇"} in results
    assert other_township.code not in {r["code"] for r in results}


def test_levels_limit_what_is_offered(login, catalog_office, township, village, community):
    assert [r["name"] for r in found(login(catalog_office), q="甲", levels="township")] == ["甲镇"]
    villages = found(login(catalog_office), q="甲", levels="village")
    assert [r["name"] for r in villages] == ["甲村", "甲社区"]


def test_the_villages_of_one_township(login, catalog_office, township, village, community, other_village):
    results = found(login(catalog_office), within=township.code)
    assert [r["name"] for r in results] == ["甲村", "甲社区"]


def test_a_village_cadre_finds_only_their_own_village(
    login, village_cadre, township, village, community, other_village
):
    assert [r["name"] for r in found(login(village_cadre), q="村")] == ["甲村"]
    assert found(login(village_cadre), q="甲镇") == []  # the township above is not theirs to choose
    assert found(login(village_cadre), q="乙") == []


def test_an_outsider_learns_nothing_of_another_township(login, outsider, township, village, other_village):
    client = login(outsider)
    assert found(client, q="甲") == []
    assert found(client, q=village.code[:9]) == []  # nor by the digits of its code
    assert client.get(SEARCH, {"within": township.code}).status_code == 404
    assert client.get(SEARCH, {"within": "999999999999"}).status_code == 404  # the same answer


def test_the_owner_may_ask_within_their_township(login, township_dispatcher, township, village):
    assert [r["name"] for r in found(login(township_dispatcher), within=township.code)] == ["甲村"]


def test_a_long_answer_says_there_is_more(login, catalog_office, township):
    from qingdan.orgs.choices import DivisionKind, Level
    from qingdan.orgs.models import Division

    for n in range(25):
        Division.objects.create(
            code=f"4299011001{n + 10:02d}",
            name=f"甲{n}村",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=township,
            county=township.county,
        )
    answer = login(catalog_office).get(SEARCH, {"q": "村"}).json()
    assert len(answer["results"]) == 20 and answer["more"] is True


def test_signing_in_comes_first(client, township):
    response = client.get(SEARCH, {"q": "甲"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_search_takes_a_fixed_number_of_queries(
    login, catalog_office, township, village, community, django_assert_max_num_queries
):
    client = login(catalog_office)
    found(client, q="甲")
    with django_assert_max_num_queries(5):
        found(client, q="甲")


# --- the picker on a list page ---------------------------------------------------------------------


def test_a_division_filter_shows_the_chosen_division_by_name(login, catalog_office, township, village):
    page = (
        login(catalog_office).get(reverse("duties:catalog_list"), {"division": village.code}).content.decode()
    )
    assert 'data-picker="division"' in page and f'data-url="{SEARCH}"' in page
    assert f'<option value="{village.code}" selected>甲村 · 甲镇</option>' in page
    assert "tom-select.complete.min.js" in page and "web/picker.js" in page


def test_a_division_outside_the_scope_is_never_named(login, outsider, village):
    page = login(outsider).get(reverse("duties:catalog_list"), {"division": village.code}).content.decode()
    assert f'<option value="{village.code}" selected>{village.code}</option>' in page
    assert "甲村" not in page


def test_a_division_filter_ignores_what_is_not_a_code(login, catalog_office, village, other_village):
    from qingdan.duties.tests.view_support import publish

    publish(village)
    publish(other_village)
    response = login(catalog_office).get(reverse("duties:catalog_list"), {"division": "4299"})
    listed = response.content.decode().split('class="stack catalogs"', 1)[1]
    assert response.status_code == 200 and "甲村" in listed and "乙村" in listed
