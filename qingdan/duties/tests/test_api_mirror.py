"""GET /api/v1/departments/{unit_id}/items: a department's mirror view over the API."""

import pytest

from qingdan.orgs.choices import DivisionKind, Level

from .api_helpers import publish_village_catalog
from .factories import row

pytestmark = pytest.mark.django_db


def mirror(client, unit, **params):
    return client.get(f"/api/v1/departments/{unit.pk}/items", params)


@pytest.fixture
def catalogs(catalog_office, village, other_village, department, other_department):
    rows = [
        row("primary", "1", "管理村集体土地和财产", 2),
        row("assist", "1", "协助做好社会救助申请受理", 3, responsible_unit="县农业农村局"),
        row("assist", "2", "协助开展土地执法巡查", 4, responsible_unit="县自然资源局"),
    ]
    return [publish_village_catalog(catalog_office, v, rows=rows) for v in (village, other_village)]


def test_a_department_clerk_reads_the_items_naming_their_department(login, dept_clerk, department, catalogs):
    response = mirror(login(dept_clerk), department)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["division"]["name"], i["name"]) for i in items] == [
        ("甲村", "协助做好社会救助申请受理"),
        ("乙村", "协助做好社会救助申请受理"),
    ]
    assert items[0]["version"] == 1


def test_a_department_clerk_gets_404_for_another_department(login, dept_clerk, other_department, catalogs):
    assert mirror(login(dept_clerk), other_department).status_code == 404


def test_the_catalog_office_reads_any_department_in_the_county(
    login, catalog_office, other_department, catalogs
):
    response = mirror(login(catalog_office), other_department)
    assert [i["name"] for i in response.json()["items"]] == ["协助开展土地执法巡查"] * 2


def test_a_supervisor_reads_the_mirror(login, supervisor, department, catalogs):
    assert mirror(login(supervisor), department).json()["count"] == 2


def test_only_the_current_version_counts(login, catalog_office, department, village, catalogs):
    publish_village_catalog(catalog_office, village, rows=[row("primary", "1", "管理村集体土地和财产", 2)])
    assert mirror(login(catalog_office), department).json()["count"] == 1


def test_the_mirror_filters_by_list_kind(login, catalog_office, department, catalogs):
    assert mirror(login(catalog_office), department, list_kind="withdrawn").json()["count"] == 0
    assert mirror(login(catalog_office), department, list_kind="assist").json()["count"] == 2


def test_a_village_cadre_may_not_read_a_mirror(login, village_cadre, department, catalogs):
    assert mirror(login(village_cadre), department).status_code == 403


def test_a_missing_unit_is_404(login, catalog_office):
    assert login(catalog_office).get("/api/v1/departments/999/items").status_code == 404


def test_the_mirror_takes_a_bounded_number_of_queries(
    login, catalog_office, dept_clerk, department, township, county, django_assert_max_num_queries
):
    from qingdan.orgs.models import Division

    rows = [
        row("assist", str(n), f"协助事项{n}", n + 1, responsible_unit="县农业农村局") for n in range(1, 6)
    ]
    for n in range(1, 11):
        village = Division.objects.create(
            code=f"429901100{n:03d}",
            name=f"村{n}",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=township,
            county=county,
        )
        publish_village_catalog(catalog_office, village, rows=rows)
    client = login(dept_clerk)
    with django_assert_max_num_queries(11):
        response = mirror(client, department)
    assert response.json()["count"] == 50
