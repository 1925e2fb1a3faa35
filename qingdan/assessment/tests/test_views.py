"""The pages: the owner sees and acts, an outsider gets 404, a supervisor reads and gets 403 on writes;
a village sees its own result and the rules of its type; a department only its own indicators."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from qingdan import testing
from qingdan.assessment import actions
from qingdan.assessment.models import Appeal, Indicator, Result, Scheme

pytestmark = pytest.mark.django_db


def pages(scheme, result):
    return [
        reverse("assessment:scheme_detail", args=[scheme.pk]),
        reverse("assessment:scheme_results", args=[scheme.pk]),
        reverse("assessment:results_xlsx", args=[scheme.pk]),
        reverse("assessment:result_detail", args=[result.pk]),
    ]


def test_the_owner_reads_every_page(client, catalog_office, world):
    scheme, result = world
    client.force_login(catalog_office)
    for url in [
        *pages(scheme, result),
        reverse("assessment:scheme_list"),
        reverse("assessment:village_types"),
        reverse("assessment:team_page"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("assessment:scheme_detail", args=[scheme.pk])).content.decode()
    assert "农业村" in page and "人居环境整治成效" in page


def test_an_outsider_gets_404_on_every_page_of_another_county(client, stranger, world):
    scheme, result = world
    client.force_login(stranger)
    for url in pages(scheme, result):
        assert client.get(url).status_code == 404, url


def test_a_village_of_another_township_cannot_see_this_villages_result(client, outsider, world):
    _scheme, result = world
    client.force_login(outsider)
    assert client.get(reverse("assessment:result_detail", args=[result.pk])).status_code == 404


def writes(scheme, result, village, appeal):
    previous = scheme.indicators.first()
    return [
        (reverse("assessment:scheme_create"), {"year": 2027, "title": "x"}),
        (reverse("assessment:cap_set"), {"year": 2027, "cap": 5}),
        (reverse("assessment:indicator_keep", args=[scheme.pk, previous.pk]), {}),
        (reverse("assessment:indicator_drop", args=[scheme.pk, previous.pk]), {"reason": "x"}),
        (reverse("assessment:indicator_remove", args=[previous.pk]), {}),
        (reverse("assessment:scheme_publish", args=[scheme.pk]), {}),
        (reverse("assessment:village_types"), {"village": village.pk, "village_type": "park"}),
        (reverse("assessment:team_page"), {"year": 2026, "name": "x"}),
        (reverse("assessment:visit_create", args=[scheme.pk, village.pk]), {"visited_on": "2025-12-02"}),
        (reverse("assessment:results_publish", args=[scheme.pk]), {}),
        (reverse("assessment:results_freeze", args=[scheme.pk]), {}),
        (reverse("assessment:result_appeal", args=[result.pk]), {"reason": "x"}),
        (
            reverse("assessment:result_pay", args=[result.pk]),
            {"income_last_year": 1, "income_this_year": 2, "cadres": "王,书记,1"},
        ),
        (reverse("assessment:score_correct", args=[result.pk, previous.pk]), {"value": 1, "note": "x"}),
        (reverse("assessment:appeal_decide", args=[appeal.pk]), {"uphold": "1", "reason": "x"}),
        (reverse("assessment:indicator_create", args=[scheme.pk]), {}),
    ]


def test_a_supervisor_reads_but_every_write_is_403(client, supervisor, village_cadre, world, village):
    scheme, result = world
    appeal = actions.file_appeal(user=village_cadre, result=result, reason="有误")
    client.force_login(supervisor)
    for url in pages(scheme, result):
        assert client.get(url).status_code == 200, url
    before = testing.snapshot()
    for url, data in writes(scheme, result, village, appeal):
        assert client.post(url, data).status_code == 403, url
    assert testing.snapshot() == before


def test_a_village_sees_its_own_result_and_the_rules_of_its_type(
    client, village_cadre, world, catalog_office, county, department, primary_items
):
    scheme, result = world
    client.force_login(village_cadre)
    page = client.get(reverse("assessment:my_village"))
    assert page.status_code == 200 and "人居环境整治成效" in page.content.decode()
    assert client.get(reverse("assessment:result_detail", args=[result.pk])).status_code == 200
    other = Result.objects.exclude(pk=result.pk).get(scheme=scheme)
    assert client.get(reverse("assessment:result_detail", args=[other.pk])).status_code == 404
    response = client.post(reverse("assessment:result_appeal", args=[result.pk]), {"reason": "达标户数漏计"})
    assert response.status_code == 302 and Appeal.objects.filter(result=result).count() == 1


def test_a_department_sees_only_its_own_indicators(
    client, dept_clerk, world, catalog_office, other_department, primary_items
):
    scheme, _result = world
    Indicator.objects.filter(pk=scheme.indicators.first().pk).update(department=other_department)
    client.force_login(dept_clerk)
    page = client.get(reverse("assessment:scheme_detail", args=[scheme.pk])).content.decode()
    assert page.count("成效") == 3  # the three indicators its department owns, not the fourth
    assert client.get(reverse("assessment:result_detail", args=[_result.pk])).status_code == 404


def test_the_owner_adds_an_indicator_through_the_form_and_bad_input_changes_nothing(
    client, catalog_office, scheme, primary_items, department
):
    client.force_login(catalog_office)
    url = reverse("assessment:indicator_create", args=[scheme.pk])
    data = {
        "village_type": "agricultural",
        "name": "村务公开拍照留痕",
        "duty_item": primary_items[0].pk,
        "points": "25",
        "rule_kind": "quantitative",
        "target": "100",
        "formula": "proportional",
        "evidence": "document",
        "department": department.pk,
    }
    before = testing.snapshot()
    response = client.post(url, data)
    assert response.status_code == 400 and "不得考核" in response.content.decode()
    assert testing.snapshot() == before
    response = client.post(url, {**data, "name": "村务公开按期"})
    assert response.status_code == 302
    assert Scheme.objects.get(pk=scheme.pk).indicators.get().name == "村务公开按期"


def test_the_results_export_holds_real_numbers(client, catalog_office, world):
    scheme, _result = world
    client.force_login(catalog_office)
    response = client.get(reverse("assessment:results_xlsx", args=[scheme.pk]))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    header = rows.index(next(row for row in rows if row and row[0] == "村（社区）"))
    totals = [row[2] for row in rows[header + 1 :]]
    assert len(totals) == 2 and all(isinstance(total, float) for total in totals)


def test_the_results_print_is_a_pdf(client, catalog_office, world):
    scheme, _result = world
    client.force_login(catalog_office)
    response = client.get(reverse("assessment:results_pdf", args=[scheme.pk]))
    assert response.status_code in (200, 503)
    if response.status_code == 200:
        assert response.content.startswith(b"%PDF")


def test_pages_show_no_english(client, catalog_office, world):
    scheme, result = world
    client.force_login(catalog_office)
    for url in [
        reverse("assessment:scheme_detail", args=[scheme.pk]),
        reverse("assessment:scheme_results", args=[scheme.pk]),
        reverse("assessment:result_detail", args=[result.pk]),
    ]:
        text = client.get(url).content.decode()
        for english in ("Indicator", "Results", "Village type", "Points earned", "Appeal"):
            assert f">{english}<" not in text, (url, english)


def test_a_village_type_is_set_in_place_with_htmx(client, catalog_office, village):
    client.force_login(catalog_office)
    url = reverse("assessment:village_types")
    response = client.post(url, {"village": village.pk, "village_type": "park"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "园中村" in response.content.decode()
    assert village.assessment_kind.village_type == "park"
    before = testing.snapshot()
    response = client.post(url, {"village": village.pk, "village_type": "mine"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "请选择村类型" in response.content.decode()
    assert testing.snapshot() == before


def test_a_township_sees_its_own_villages_results_only(client, township_dispatcher, world, other_village):
    scheme, result = world
    client.force_login(township_dispatcher)
    assert client.get(reverse("assessment:result_detail", args=[result.pk])).status_code == 200
    other = Result.objects.get(scheme=scheme, village=other_village)
    assert client.get(reverse("assessment:result_detail", args=[other.pk])).status_code == 404
    page = client.get(reverse("assessment:scheme_results", args=[scheme.pk])).content.decode()
    assert "甲村" in page and "乙村" not in page


def test_a_teams_member_units_are_chosen_in_a_searchable_list(client, catalog_office, world, department):
    client.force_login(catalog_office)
    page = client.get(reverse("assessment:team_page")).content.decode()
    assert 'name="units" data-picker="choices"' in page and "web/picker.js" in page
    assert department.name in page
