"""List pages and the town's chart ask the database a fixed number of times, however many rows they show;
a department sees its own unit only; quotas import through the preview."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qingdan.orgs.models import Unit
from qingdan.sheets.writing import table_workbook
from qingdan.staffing import actions
from qingdan.staffing.models import Module, StaffedUnit

from .conftest import add

pytestmark = pytest.mark.django_db


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def more_units(catalog_office, county, n):
    for k in range(n):
        unit = Unit.objects.create(name=f"县第{k}局", kind="department", division=county, county=county)
        actions.set_unit_quotas(
            user=catalog_office,
            unit=unit,
            series="government",
            administrative_quota=5,
            institution_quota=5,
            leader_posts=1,
        )


def test_the_unit_list_does_not_ask_once_per_unit(login, catalog_office, county, county_unit):
    client = login(catalog_office)
    few = queries_of(client, "/staffing/")
    more_units(catalog_office, county, 8)
    assert queries_of(client, "/staffing/") == few


def test_the_town_page_does_not_ask_once_per_position(
    login, catalog_office, county, township, township_dispatcher, town_office
):
    actions.publish_modules(user=catalog_office, county=county, catalogue={"大治理": ["甲", "乙", "丙"]})
    [main, *_others] = actions.choose_modules(
        user=township_dispatcher, township=township, subs=list(Module.objects.exclude(parent=None))
    )
    client = login(township_dispatcher)

    def grow(n, start):
        for k in range(start, start + n):
            position = actions.create_position(
                user=township_dispatcher, town_module=main, name=f"岗{k}", points=80, items=[]
            )
            actions.place_person(
                user=township_dispatcher,
                person=add(township_dispatcher, town_office, f"人{k}"),
                position=position,
            )

    grow(2, 0)
    few = queries_of(client, f"/staffing/towns/{township.code}/")
    grow(6, 2)
    assert queries_of(client, f"/staffing/towns/{township.code}/") == few


def test_a_department_sees_only_its_own_unit_on_the_page(login, dept_clerk, county_unit, town_office):
    text = login(dept_clerk).get("/staffing/").content.decode()
    assert "县农业农村局" in text and "甲镇党政办" not in text


def test_quotas_are_imported_all_or_nothing(login, catalog_office, department, township_dispatcher):
    header = ["单位", "序列", "行政编制", "事业编制", "领导职数", "是否执法队伍"]
    client = login(catalog_office)

    def upload(rows):
        data = io.BytesIO(table_workbook("编制", [(h, 10) for h in header], rows))
        data.name = "编制.xlsx"
        return client.post("/staffing/import/quotas/", {"file": data}, follow=True)

    bad = upload([["县农业农村局", "政府", 10, 5, 2, "否"], ["甲镇党政办", "政府", "十", 5, 2, "否"]])
    assert "第3行「行政编制」" in bad.content.decode() and not StaffedUnit.objects.exists()
    good = upload([["县农业农村局", "政府", 10, 5, 2, "否"], ["甲镇党政办", "政府", 8, 12, 5, "否"]])
    client.post(f"/staffing/import/jobs/{good.context['job'].pk}/commit/")
    assert dict(StaffedUnit.objects.values_list("unit__name", "administrative_quota")) == {
        "县农业农村局": 10,
        "甲镇党政办": 8,
    }


def test_the_template_and_module_pages_do_not_ask_once_per_row(login, catalog_office, county):
    client = login(catalog_office)

    def templates(start, n):
        for k in range(start, start + n):
            actions.set_template(
                user=catalog_office, county=county, name=f"模板{k}", offices=[f"办{k}", f"所{k}"], centres=[]
            )

    templates(0, 2)
    few = queries_of(client, "/staffing/templates/")
    templates(2, 6)
    assert queries_of(client, "/staffing/templates/") == few
    empty = queries_of(client, "/staffing/modules/")
    catalogue = {f"主{k}": [f"子{k}{j}" for j in range(4)] for k in range(6)}
    actions.publish_modules(user=catalog_office, county=county, catalogue=catalogue)
    assert queries_of(client, "/staffing/modules/") <= empty
