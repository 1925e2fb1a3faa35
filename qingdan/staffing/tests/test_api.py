"""The staffing API as owner, outsider (404) and read-only supervisor (403 on writes)."""

import json

import pytest

from qingdan.staffing.models import QuotaMove, StaffedUnit

from .conftest import add
from .test_positions import CATALOGUE  # noqa: F401 (the same catalogue the page tests use)
from .test_reforms import small_reform

pytestmark = pytest.mark.django_db


def move_body(source, target, amount=2):
    return json.dumps(
        {
            "source": source.pk,
            "kind": "institution",
            "document": "咸编办〔2025〕5号",
            "moved_on": "2025-03-01",
            "lines": [{"target": target.pk, "amount": amount}],
        }
    )


def test_the_catalog_office_moves_quotas_and_reads_the_report(
    login, catalog_office, county_unit, town_office
):
    client = login(catalog_office)
    answer = client.post(
        "/api/v1/staffing/moves", move_body(county_unit, town_office), content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    report = client.get("/api/v1/staffing/moves/report").json()
    assert report == [{"township": "甲镇", "administrative": 0, "institution": 2, "total": 2}]


def test_a_refused_move_answers_409_in_chinese_and_changes_nothing(
    login, catalog_office, county_unit, town_office
):
    answer = login(catalog_office).post(
        "/api/v1/staffing/moves", move_body(county_unit, town_office, 999), content_type="application/json"
    )
    assert answer.status_code == 409 and "空编" in answer.json()["detail"]
    assert not QuotaMove.objects.exists()
    assert StaffedUnit.objects.get(pk=county_unit.pk).institution_quota == 20


def test_a_supervisor_reads_but_may_not_move(login, supervisor, county_unit, town_office):
    client = login(supervisor)
    assert client.get("/api/v1/staffing/units").status_code == 200
    answer = client.post(
        "/api/v1/staffing/moves", move_body(county_unit, town_office), content_type="application/json"
    )
    assert answer.status_code == 403 and not QuotaMove.objects.exists()


def test_a_township_sees_its_own_units_and_a_department_only_its_own(
    login, township_dispatcher, dept_clerk, county_unit, town_office, other_town_office
):
    assert [u["unit"] for u in login(township_dispatcher).get("/api/v1/staffing/units").json()] == [
        "甲镇党政办"
    ]
    assert [u["unit"] for u in login(dept_clerk).get("/api/v1/staffing/units").json()] == ["县农业农村局"]


def test_an_outsider_gets_404_for_another_towns_placement_and_a_move_source(
    login, outsider, catalog_office, county, township, township_dispatcher, town_office, county_unit
):
    from qingdan.staffing import actions
    from qingdan.staffing.models import Module

    actions.publish_modules(user=catalog_office, county=county, catalogue={"大党建": ["甲", "乙", "丙"]})
    actions.choose_modules(
        user=township_dispatcher, township=township, subs=list(Module.objects.exclude(parent=None))
    )
    add(township_dispatcher, town_office, "张三")
    owner = login(township_dispatcher).get(f"/api/v1/staffing/towns/{township.code}/placement").json()
    assert owner == {"total": 1, "placed": 0, "percent": 0.0, "unplaced": ["张三"]}
    client = login(outsider)
    assert client.get(f"/api/v1/staffing/towns/{township.code}/placement").status_code == 404


def test_the_reform_table_over_the_api(login, catalog_office, village_cadre, county):
    reform = small_reform(catalog_office, county)
    lines = login(village_cadre).get(f"/api/v1/staffing/reforms/{reform.pk}/table").json()
    assert lines[0] == {"label": "党政机构", "before": 2, "after": 1, "change": -1, "percent": -50.0}


REFORM = {
    "name": "机构改革",
    "document": "县委发〔2019〕1号",
    "decided_on": "2019-03-01",
    "before": [
        {"name": "县文化局", "kind": "department", "administrative_quota": 8},
        {"name": "县旅游局", "kind": "department", "administrative_quota": 6},
    ],
    "after": [{"name": "县文化和旅游局", "kind": "department", "administrative_quota": 12}],
    "mappings": [
        {"old": "县文化局", "kind": "merged", "new": ["县文化和旅游局"]},
        {"old": "县旅游局", "kind": "merged", "new": ["县文化和旅游局"]},
    ],
}


def test_the_catalog_office_records_a_reform_and_a_bad_one_is_409(login, catalog_office, supervisor, county):
    from qingdan.staffing.models import Reform

    assert (
        login(supervisor)
        .post("/api/v1/staffing/reforms", json.dumps(REFORM), content_type="application/json")
        .status_code
        == 403
    )
    client = login(catalog_office)
    bad = {**REFORM, "mappings": REFORM["mappings"][:1]}
    refused = client.post("/api/v1/staffing/reforms", json.dumps(bad), content_type="application/json")
    assert (
        refused.status_code == 409 and "县旅游局" in refused.json()["detail"] and not Reform.objects.exists()
    )
    made = client.post("/api/v1/staffing/reforms", json.dumps(REFORM), content_type="application/json").json()
    assert made["table"][0] == {"label": "党政机构", "before": 2, "after": 1, "change": -1, "percent": -50.0}
