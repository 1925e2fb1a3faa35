"""Screening as the clerk writes: the order form asks the screener (the one used at submission) about the
draft and shows, per target, the items matched, the likely decision and what to change. Nothing is
stored; deciding stays the reviewer's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.admission.models import OrderTarget, Screening, WorkOrder

from .conftest import COOPERATE_TEXT, NOT_LISTED_TEXT, REFUSE_TEXT

pytestmark = pytest.mark.django_db

URL = reverse("admission:order_screen")


def screen(client, *targets, text=COOPERATE_TEXT, all_villages=(), title="派单"):
    data = {
        "title": title,
        "text": text,
        "targets": [t.code for t in targets],
        "all_villages": [t.code for t in all_villages],
    }
    return client.post(URL, data, headers={"HX-Request": "true"})


def shown(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_order_form_asks_for_the_screening_as_the_clerk_writes(login, dept_clerk, catalogs):
    page = shown(login(dept_clerk).get(reverse("admission:order_create")))
    assert f'hx-post="{URL}"' in page
    assert "keyup changed delay:500ms from:#id_text" in page
    assert "边写边筛查" in page


def test_a_cooperation_item_shows_the_match_the_likely_decision_and_what_to_change(
    login, dept_clerk, catalogs, village
):
    text = shown(screen(login(dept_clerk), village))
    assert text.startswith('<div id="screen-preview">') and "<html" not in text
    assert "预计筛查结果" in text and "部门牵头、基层配合" in text
    assert "甲村" in text and "协助事项" in text and "<mark>" in text
    assert "请写明部门自身承担的工作和提供的支持" in text
    assert "仍由审核人员决定" in text
    assert not (WorkOrder.objects.exists() or OrderTarget.objects.exists() or Screening.objects.exists())


def test_a_demand_the_list_forbids_says_the_reviewer_will_usually_refuse(
    login, dept_clerk, catalogs, village
):
    text = shown(screen(login(dept_clerk), village, text=REFUSE_TEXT))
    assert "不应由基层承担" in text and "负面" in text
    assert "否则审核人员一般会不予准入" in text


def test_a_demand_outside_the_list_shows_the_closest_items_as_no_match(login, dept_clerk, catalogs, village):
    text = shown(screen(login(dept_clerk), village, text=NOT_LISTED_TEXT))
    assert "清单未列入" in text and "须待清单调整后方可派发" in text


def test_villages_below_a_township_are_screened_and_grouped_by_what_their_lists_say(
    login, dept_clerk, catalogs, township
):
    text = shown(screen(login(dept_clerk), all_villages=[township]))
    assert "甲村、甲社区" in text  # both adopted the same template: one answer for both
    assert "甲镇" in text


def test_a_target_without_a_published_catalog_is_named(login, dept_clerk, catalogs, county):
    from qingdan.orgs.choices import DivisionKind, Level
    from qingdan.orgs.models import Division

    township = Division.objects.get(name="甲镇")
    new = Division.objects.create(
        code="429901100009",
        name="新村",
        level=Level.VILLAGE,
        kind=DivisionKind.VILLAGE,
        parent=township,
        county=county,
    )
    text = shown(screen(login(dept_clerk), new))
    assert "新村尚未发布履职事项清单" in text


def test_without_text_or_targets_it_says_what_to_do(login, dept_clerk, catalogs, village):
    client = login(dept_clerk)
    assert "填写标题、正文并选择派发对象后" in shown(screen(client, village, text="", title=""))
    assert "填写标题、正文并选择派发对象后" in shown(screen(client))


def test_codes_outside_the_clerks_choices_are_ignored(login, dept_clerk, catalogs):
    response = login(dept_clerk).post(
        URL, {"title": "x", "text": COOPERATE_TEXT, "targets": ["110101001001"]}
    )
    assert "填写标题、正文并选择派发对象后" in shown(response)


def test_only_a_department_clerk_may_ask_and_only_by_post(
    login, client, dept_clerk, supervisor, village_cadre, county_reviewer, catalogs, village
):
    for person in (supervisor, village_cadre, county_reviewer):
        assert screen(login(person), village).status_code == 403
    assert login(dept_clerk).get(URL).status_code == 405
    client.logout()
    assert client.post(URL, {"text": "x"}).status_code == 302  # to the sign-in page
    assert not Screening.objects.exists()
