"""Reading duty catalogs over the API: lists, detail, versions, items and diffs, within scope."""

import pytest

from qingdan.duties import actions
from qingdan.duties.models import Catalog

from .api_helpers import publish_village_catalog
from .factories import row, village_rows

pytestmark = pytest.mark.django_db

# A signed-in request costs 7 queries before the endpoint runs (see orgs/tests/test_api.py); the catalog
# rule of a county user adds one for their county. A list then adds its count and its page.
BEFORE_ENDPOINT = 8


@pytest.fixture
def catalog(catalog_office, village, department):
    return publish_village_catalog(catalog_office, village)


@pytest.fixture
def second_version(catalog, catalog_office, village):
    rows = village_rows()
    rows[0] = row("primary", "1", "管理村集体土地、财产和资金", 2)  # reworded
    rows[2] = row("assist", "2", "居民财产证明", 4)  # moved from negative to assist
    del rows[4]  # removed: 村民死亡证明
    rows.append(row("certificate", "2", "村民居住证明", 7))  # added
    actions.import_catalog(user=catalog_office, division=village, rows=rows, filename="甲村v2.tsv")
    return 2


def ids(response) -> list[int]:
    return [c["id"] for c in response.json()["items"]]


def test_the_village_cadre_lists_their_own_catalog(login, village_cadre, catalog):
    response = login(village_cadre).get("/api/v1/catalogs")
    assert response.status_code == 200
    assert ids(response) == [catalog.pk]
    first = response.json()["items"][0]
    assert first["division"]["code"] == catalog.division.code
    assert first["current_version"] == 1


def test_an_outsider_does_not_see_the_catalog_in_the_list(login, outsider, catalog):
    assert ids(login(outsider).get("/api/v1/catalogs")) == []


def test_catalogs_filter_by_division_level_and_template(
    login, catalog_office, catalog, county, township, other_township
):
    template = actions.publish_template(
        user=catalog_office, county=county, level="village", name="村级清单模板", rows=village_rows()
    ).catalog
    client = login(catalog_office)
    assert ids(client.get("/api/v1/catalogs", {"division": township.code})) == [catalog.pk]
    assert ids(client.get("/api/v1/catalogs", {"division": other_township.code})) == []
    assert ids(client.get("/api/v1/catalogs", {"template": "true"})) == [template.pk]
    assert ids(client.get("/api/v1/catalogs", {"template": "false", "level": "village"})) == [catalog.pk]
    assert ids(client.get("/api/v1/catalogs", {"level": "township"})) == []


def test_the_catalog_list_takes_a_bounded_number_of_queries(
    login, catalog_office, township, county, django_assert_max_num_queries
):
    from qingdan.orgs.choices import DivisionKind, Level
    from qingdan.orgs.models import Division

    for n in range(1, 21):
        village = Division.objects.create(
            code=f"429901100{n:03d}",
            name=f"村{n}",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=township,
            county=county,
        )
        publish_village_catalog(catalog_office, village)
    client = login(catalog_office)
    with django_assert_max_num_queries(BEFORE_ENDPOINT + 2):
        response = client.get("/api/v1/catalogs")
    assert response.json()["count"] == 20


def test_catalog_detail_counts_the_current_items_per_list_kind(login, village_cadre, catalog):
    response = login(village_cadre).get(f"/api/v1/catalogs/{catalog.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["current_version"] == 1
    assert body["version_count"] == 1
    assert body["item_count"] == 5
    assert body["counts"] == {"primary": 1, "assist": 1, "negative": 2, "certificate": 1}


def test_a_department_clerk_counts_only_the_items_naming_their_department(login, dept_clerk, catalog):
    body = login(dept_clerk).get(f"/api/v1/catalogs/{catalog.pk}").json()
    assert body["counts"] == {"assist": 1}


def test_an_outsider_gets_404_for_the_catalog_and_everything_under_it(
    login, outsider, catalog, second_version
):
    client = login(outsider)
    base = f"/api/v1/catalogs/{catalog.pk}"
    for path in (base, f"{base}/versions", f"{base}/versions/1/items", f"{base}/diff", f"{base}/amendments"):
        assert client.get(path).status_code == 404, path


def test_a_missing_catalog_is_404(login, catalog_office):
    assert login(catalog_office).get("/api/v1/catalogs/999").status_code == 404


def test_versions_are_listed_newest_first_with_their_item_counts(
    login, village_cadre, catalog, second_version
):
    response = login(village_cadre).get(f"/api/v1/catalogs/{catalog.pk}/versions")
    assert response.status_code == 200
    assert [(v["number"], v["item_count"]) for v in response.json()] == [(2, 5), (1, 5)]
    assert response.json()[0]["source_file"] == "甲村v2.tsv"
    assert response.json()[0]["published_by"] == "bianban"


def test_items_of_a_version_come_in_published_order_and_filter_by_list_kind(login, village_cadre, catalog):
    client = login(village_cadre)
    body = client.get(f"/api/v1/catalogs/{catalog.pk}/versions/1/items").json()
    assert body["count"] == 5
    assert [i["name"] for i in body["items"]][:2] == ["管理村集体土地和财产", "协助做好社会救助申请受理"]
    assert body["items"][1]["list_kind_heading"] == "协助事项"
    negative = client.get(f"/api/v1/catalogs/{catalog.pk}/versions/1/items", {"list_kind": "negative"}).json()
    assert [i["item_no"] for i in negative["items"]] == ["1", "2"]


def test_a_version_that_does_not_exist_is_404(login, village_cadre, catalog):
    assert login(village_cadre).get(f"/api/v1/catalogs/{catalog.pk}/versions/7/items").status_code == 404


def test_the_item_list_takes_a_bounded_number_of_queries(
    login, catalog_office, village, django_assert_max_num_queries
):
    rows = [row("negative", str(n), f"第{n}项证明", n + 1) for n in range(1, 61)]
    catalog = publish_village_catalog(catalog_office, village, rows=rows)
    client = login(catalog_office)
    with django_assert_max_num_queries(BEFORE_ENDPOINT + 3):
        response = client.get(f"/api/v1/catalogs/{catalog.pk}/versions/1/items")
    assert response.json()["count"] == 60


def test_the_diff_names_each_change_with_old_and_new_items(login, village_cadre, catalog, second_version):
    response = login(village_cadre).get(f"/api/v1/catalogs/{catalog.pk}/diff", {"from": 1, "to": 2})
    assert response.status_code == 200
    body = response.json()
    assert (body["from_version"], body["to_version"]) == (1, 2)
    assert body["counts"] == {"added": 1, "removed": 1, "moved": 1, "reworded": 1, "changed": 0}
    by_kind = {change["kind"]: change for change in body["changes"]}
    assert by_kind["moved"]["old"]["list_kind"] == "negative"
    assert by_kind["moved"]["new"] == {"list_kind": "assist", "item_no": "2", "name": "居民财产证明"}
    assert by_kind["reworded"]["fields"]["name"] == ["管理村集体土地和财产", "管理村集体土地、财产和资金"]
    assert by_kind["added"]["old"] is None
    assert by_kind["removed"]["new"] is None


def test_the_diff_defaults_to_the_current_version_against_the_one_before(
    login, village_cadre, catalog, second_version
):
    body = login(village_cadre).get(f"/api/v1/catalogs/{catalog.pk}/diff").json()
    assert (body["from_version"], body["to_version"]) == (1, 2)


def test_the_diff_of_a_first_version_shows_every_item_added(login, village_cadre, catalog):
    body = login(village_cadre).get(f"/api/v1/catalogs/{catalog.pk}/diff").json()
    assert body["from_version"] is None
    assert body["counts"]["added"] == 5


def test_a_diff_against_a_missing_version_is_404(login, village_cadre, catalog):
    assert login(village_cadre).get(f"/api/v1/catalogs/{catalog.pk}/diff", {"from": 5}).status_code == 404


def test_the_catalog_stays_as_it_was_after_reading(catalog):
    # Reading endpoints change nothing: the fixture's catalog still has exactly one version.
    assert Catalog.objects.get(pk=catalog.pk).versions.count() == 1
