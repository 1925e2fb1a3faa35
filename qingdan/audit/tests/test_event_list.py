from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

URL = reverse("audit:event_list")


def test_supervisor_sees_events_of_their_scope_only(login, supervisor, village, other_county, event):
    event(division=village, actor_name="甲村的人")
    event(division=other_county, actor_name="邻县的人")
    event(division=None, actor_name="无区划的人")
    response = login(supervisor).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "甲村的人" in page
    assert "邻县的人" not in page
    assert "无区划的人" not in page


def test_platform_admin_may_read_the_trail(login, platform_admin, village, event):
    event(division=village, actor_name="甲村的人")
    assert "甲村的人" in login(platform_admin).get(URL).content.decode()


@pytest.mark.parametrize("persona", ["village_cadre", "catalog_office", "dept_clerk", "township_dispatcher"])
def test_roles_without_the_audit_permission_are_refused(request, login, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(URL).status_code == 403
    assert login(user).get(reverse("audit:event_export")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    for url in (URL, reverse("audit:event_export")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_shows_who_when_where_and_what_changed(login, supervisor, village_cadre, village):
    from qingdan.audit.context import client_ip

    token = client_ip.set("10.3.3.3")
    try:
        from qingdan.audit.actions import record

        record(
            actor=village_cadre,
            action="orgs.division_rename",
            obj=village,
            changes={"name": ["甲村", "甲家村"]},
        )
    finally:
        client_ip.reset(token)
    page = login(supervisor).get(URL, {"action": "orgs"}).content.decode()
    assert "jiacun" in page
    assert "10.3.3.3" in page
    assert "甲村" in page and "甲家村" in page
    assert "名称" in page  # the field's own name, in Chinese


def test_filter_by_actor_action_division_and_object_type(
    login, supervisor, village, other_village, village_cadre, event
):
    event(division=village, actor_name="zhangsan", action="duties.import_catalog")
    event(division=other_village, actor_name="lisi", action="duties.import_catalog")
    event(division=village, actor_name="zhangwu", action="accounts.token_create")
    event(division=village, actor_name="zhaoliu", action="orgs.rename", obj=village)
    client = login(supervisor)

    def names(**params):
        rows = client.get(URL, params).context["rows"]
        return sorted(row.event.actor_name for row in rows)

    assert names(actor="ZHANG") == ["zhangsan", "zhangwu"]
    assert names(action="duties.import_catalog") == ["lisi", "zhangsan"]
    assert names(action="accounts", actor="zh") == ["zhangwu"]
    assert names(division=village.code, actor="a") == ["zhangsan", "zhangwu", "zhaoliu"]
    assert names(division=other_village.parent.code) == ["lisi"]
    assert names(object_type="orgs.division") == ["zhaoliu"]


def test_filter_by_date_range(login, supervisor, village, event):
    event(division=village, actor_name="today")
    client = login(supervisor)
    today = timezone.localdate()

    def count(**params):
        return client.get(URL, {"actor": "today", **params}).context["page"].paginator.count

    assert count(date_from=today.isoformat(), date_to=today.isoformat()) == 1
    assert count(date_from=(today + timedelta(days=1)).isoformat()) == 0
    assert count(date_to=(today - timedelta(days=1)).isoformat()) == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2025-13-45"}, "不是有效日期"),
        ({"date_to": "yesterday"}, "不是有效日期"),
        ({"date_from": "2025-03-02", "date_to": "2025-03-01"}, "结束日期早于开始日期"),
        ({"division": "4299"}, "12位数字"),
        ({"action": "DROP TABLE"}, "未知的操作"),
    ],
)
def test_bad_filter_input_gets_a_chinese_message(login, supervisor, params, message):
    response = login(supervisor).get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_list_is_paginated_by_fifty(login, supervisor, village, event):
    for n in range(51):
        event(division=village, actor_name=f"user{n}", action="duties.x")
    client = login(supervisor)
    first = client.get(URL, {"action": "duties.x"})
    assert len(first.context["rows"]) == 50
    assert "page=2" in first.content.decode()
    second = client.get(URL, {"action": "duties.x", "page": 2})
    assert len(second.context["rows"]) == 1
    assert client.get(URL, {"page": "nonsense"}).status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_takes_a_bounded_number_of_queries(
    login, supervisor, village_cadre, village, count, django_assert_max_num_queries
):
    from qingdan.audit.actions import record

    for n in range(count):
        record(actor=village_cadre, action="orgs.rename", obj=village, changes={"name": [str(n), str(n + 1)]})
    client = login(supervisor)
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def test_the_form_shows_back_what_was_asked(login, supervisor):
    page = login(supervisor).get(URL, {"action": "duties.import_catalog", "actor": "zhang"}).content.decode()
    assert '<option value="duties.import_catalog" selected>' in page
    assert 'value="zhang"' in page
    assert "导入" in page  # the action choices read in Chinese


def test_the_export_link_carries_only_the_accepted_filter(login, supervisor):
    response = login(supervisor).get(URL, {"actor": " zhang ", "date_from": "2025/3/1"})
    assert response.context["query"] == "actor=zhang&date_from=2025-03-01"
