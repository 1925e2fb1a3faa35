"""Village assessment over /api/v1/assessment: the same scope (404), roles (403) and refusals (409)."""

import pytest

from qingdan import testing
from qingdan.assessment import actions
from qingdan.assessment.models import Appeal, Indicator, Result

pytestmark = pytest.mark.django_db


def send(client, url: str, data=None):
    return client.post(f"/api/v1/assessment{url}", data or {}, content_type="application/json")


def get(client, url: str):
    return client.get(f"/api/v1/assessment{url}")


def indicator_json(item, department, **overrides) -> dict:
    return {
        "name": "村务公开按期",
        "village_type": "agricultural",
        "duty_item": item.pk,
        "points": "25",
        "rule_kind": "quantitative",
        "target": "100",
        "formula": "proportional",
        "evidence": "document",
        "department": department.pk,
        **overrides,
    }


def reads(scheme, result):
    return [f"/schemes/{scheme.pk}", f"/schemes/{scheme.pk}/results", f"/results/{result.pk}"]


def test_the_owner_reads_every_endpoint(client, catalog_office, world):
    scheme, result = world
    client.force_login(catalog_office)
    for url in ["/schemes", *reads(scheme, result)]:
        assert get(client, url).status_code == 200, url
    detail = get(client, f"/schemes/{scheme.pk}").json()
    assert len(detail["indicators"]) == 4 and detail["status"] == "published"
    found = get(client, f"/results/{result.pk}").json()
    assert len(found["scores"]) == 4


def test_an_outsider_gets_404(client, stranger, outsider, world):
    scheme, result = world
    client.force_login(stranger)
    for url in reads(scheme, result):
        assert get(client, url).status_code == 404, url
    assert get(client, "/schemes").json()["count"] == 0
    client.force_login(outsider)
    assert get(client, f"/results/{result.pk}").status_code == 404


def test_a_supervisor_reads_but_every_write_is_403(
    client, supervisor, village_cadre, world, primary_items, department, village
):
    scheme, result = world
    appeal = actions.file_appeal(user=village_cadre, result=result, reason="有误")
    client.force_login(supervisor)
    for url in reads(scheme, result):
        assert get(client, url).status_code == 200, url
    indicator = scheme.indicators.first()
    before = testing.snapshot()
    for url, data in [
        ("/schemes", {"year": 2027, "title": "x"}),
        ("/caps", {"year": 2027, "cap": 5}),
        (f"/schemes/{scheme.pk}/indicators", indicator_json(primary_items[0], department)),
        (f"/indicators/{indicator.pk}/remove", {"reason": "x"}),
        (f"/schemes/{scheme.pk}/publish", {}),
        (f"/villages/{village.pk}/type", {"village_type": "park"}),
        (f"/results/{result.pk}/appeals", {"reason": "x"}),
        (f"/appeals/{appeal.pk}/decide", {"uphold": True, "reason": "x"}),
    ]:
        assert send(client, url, data).status_code == 403, url
    assert testing.snapshot() == before


def test_indicators_are_added_and_refusals_answer_409_in_chinese(
    client, catalog_office, scheme, primary_items, department, assist_item
):
    client.force_login(catalog_office)
    url = f"/schemes/{scheme.pk}/indicators"
    before = testing.snapshot()
    for bad in (
        indicator_json(primary_items[0], department, duty_item=None),
        indicator_json(assist_item, department),
        indicator_json(primary_items[0], department, evidence="photo"),
        indicator_json(primary_items[0], department, name="挂牌规范化"),
    ):
        response = send(client, url, bad)
        assert response.status_code == 409, response.content
        assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"])
    assert testing.snapshot() == before
    response = send(client, url, indicator_json(primary_items[0], department))
    assert response.status_code == 201 and response.json()["duty_item"] == primary_items[0].name
    assert Indicator.objects.filter(scheme=scheme).count() == 1


def test_a_department_sees_only_its_own_indicators(client, dept_clerk, world, other_department):
    scheme, result = world
    Indicator.objects.filter(pk=scheme.indicators.first().pk).update(department=other_department)
    client.force_login(dept_clerk)
    assert len(get(client, f"/schemes/{scheme.pk}").json()["indicators"]) == 3
    assert get(client, f"/results/{result.pk}").status_code == 404


def test_a_village_appeals_and_the_county_decides(client, village_cadre, county_reviewer, world):
    _scheme, result = world
    client.force_login(village_cadre)
    response = send(client, f"/results/{result.pk}/appeals", {"reason": "整治户数漏计"})
    assert response.status_code == 201
    appeal = Appeal.objects.get(pk=response.json()["id"])
    assert send(client, f"/results/{result.pk}/appeals", {"reason": "再诉"}).status_code == 409
    client.force_login(county_reviewer)
    decided = send(client, f"/appeals/{appeal.pk}/decide", {"uphold": False, "reason": "经核实，数据无误"})
    assert decided.status_code == 200 and decided.json()["status"] == "dismissed"
    assert Result.objects.get(pk=result.pk).frozen is False
