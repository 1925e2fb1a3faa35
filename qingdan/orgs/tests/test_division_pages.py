"""The division tree and division pages show exactly the user's scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division

pytestmark = pytest.mark.django_db

TREE = reverse("orgs:division_list")


def detail(division):
    return reverse("orgs:division_detail", args=[division.code])


def tree_codes(response) -> set[str]:
    """Codes of the divisions the tree links to."""
    return {
        link.rstrip("/").rsplit("/", 1)[-1]
        for link in response.content.decode().split('href="')[1:]
        if link.startswith("/divisions/4")
        for link in [link.split('"', 1)[0]]
    }


def test_village_cadre_sees_only_their_village(login, village_cadre, village, community, other_village):
    response = login(village_cadre).get(TREE)
    assert response.status_code == 200
    assert tree_codes(response) == {village.code}


def test_township_dispatcher_sees_their_township_and_its_villages(
    login, township_dispatcher, township, village, community, other_township, other_village
):
    response = login(township_dispatcher).get(TREE)
    assert tree_codes(response) == {township.code, village.code, community.code}
    assert "乙乡" not in response.content.decode()


def test_catalog_office_sees_the_whole_county(
    login, catalog_office, county, village, community, other_village
):
    response = login(catalog_office).get(TREE)
    codes = tree_codes(response)
    assert codes == set(Division.objects.filter(county=county).values_list("code", flat=True))
    assert {county.code, village.code, community.code, other_village.code} <= codes


def test_department_clerk_sees_the_whole_county(login, dept_clerk, county, village, other_village):
    codes = tree_codes(login(dept_clerk).get(TREE))
    assert {county.code, village.code, other_village.code} <= codes


def test_supervisor_sees_the_whole_county(login, supervisor, county, village, other_village):
    codes = tree_codes(login(supervisor).get(TREE))
    assert {county.code, village.code, other_village.code} <= codes


def test_the_tree_shows_township_kinds_and_village_counts(
    login, catalog_office, village, community, other_village
):
    page = login(catalog_office).get(TREE).content.decode()
    assert "镇</span>" in page and "乡</span>" in page
    assert "村 1 个,社区 1 个" in page  # 甲镇
    assert "村 1 个,社区 0 个" in page  # 乙乡


def test_the_tree_takes_the_same_number_of_queries_however_large_the_county(
    login, catalog_office, county, township, village, django_assert_max_num_queries
):
    # Session, user, unit and scope, plus the session refresh: the divisions themselves are one query.
    client = login(catalog_office)
    with CaptureQueriesContext(connection) as small:
        client.get(TREE)
    for serial in range(3, 60):
        Division.objects.create(
            code=f"429901100{serial:03d}",
            name=f"新村{serial}",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=township,
            county=county,
        )
    with django_assert_max_num_queries(9), CaptureQueriesContext(connection) as large:
        response = client.get(TREE)
    assert "新村59" in response.content.decode()
    assert len(large) == len(small)
    assert sum("orgs_division" in q["sql"] for q in large.captured_queries) == 2  # scope root, the tree


def test_search_finds_divisions_by_name_or_code_within_scope(
    login, township_dispatcher, village, community, other_village
):
    client = login(township_dispatcher)
    by_name = client.get(TREE, {"q": "社区"})
    assert tree_codes(by_name) == {community.code}
    by_code = client.get(TREE, {"q": village.code})
    assert tree_codes(by_code) == {village.code}
    outside = client.get(TREE, {"q": "乙村"})
    assert tree_codes(outside) == set()


def test_signed_out_visitors_are_sent_to_sign_in(client, village):
    assert client.get(TREE).status_code == 302
    assert client.get(detail(village)).status_code == 302


def test_division_page_shows_children_units_and_breadcrumbs(
    login, township_dispatcher, township, village, community
):
    page = login(township_dispatcher).get(detail(township)).content.decode()
    assert "甲村" in page and "甲社区" in page
    assert "甲镇党政办" in page
    village_page = login(township_dispatcher).get(detail(village)).content.decode()
    assert f'href="{detail(township)}"' in village_page


def test_division_page_links_to_the_division_catalog(login, catalog_office, village, county):
    from qingdan.duties.models import Catalog

    catalog = Catalog.objects.create(
        division=village, county=county, level="village", name="甲村履职事项清单"
    )
    page = login(catalog_office).get(detail(village)).content.decode()
    assert f'href="{reverse("duties:catalog_detail", args=[catalog.pk])}"' in page
    assert "甲村履职事项清单" in page


def test_outsider_gets_404_for_a_division_outside_their_scope(login, outsider, village, township):
    client = login(outsider)
    assert client.get(detail(village)).status_code == 404
    assert client.get(detail(township)).status_code == 404


def test_a_missing_division_is_404_too(login, catalog_office, county):
    missing = reverse("orgs:division_detail", args=["429901999999"])
    assert login(catalog_office).get(missing).status_code == 404


def test_village_cadre_breadcrumbs_stop_at_their_scope(login, village_cadre, village, township):
    response = login(village_cadre).get(detail(village))
    assert response.status_code == 200
    assert f'href="{detail(township)}"' not in response.content.decode()


def test_supervisor_reads_division_pages_and_pages_accept_no_writes(login, supervisor, village):
    client = login(supervisor)
    assert client.get(detail(village)).status_code == 200
    assert client.post(detail(village)).status_code == 405
    assert client.post(TREE).status_code == 405
