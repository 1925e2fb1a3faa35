"""Amendments (动态调整) through the web: apply → consult → decide, and comparing versions."""

import pytest
from django.urls import reverse

from qingdan.duties import actions
from qingdan.duties.models import Amendment, CatalogVersion
from qingdan.duties.queries import rows_of

from .view_support import body, publish, row, text_file, tsv_file, village_rows

pytestmark = pytest.mark.django_db


def _create(client, catalog, **data):
    form = {"title": "调整村级清单", "reason": "根据县委编办通知调整", "how": "single", **data}
    return client.post(reverse("duties:amendment_create", args=[catalog.pk]), form)


def _amendment(catalog, applicant, rows=None):
    rows = rows or [*village_rows(), row("primary", "3", "新增的主责事项")]
    return actions.apply_amendment(
        user=applicant, catalog=catalog, title="增加主责事项", reason="上级文件要求", rows=rows
    )


# --- filing ------------------------------------------------------------------------------------


def test_the_form_offers_the_current_items_to_change(login, village_cadre, village):
    catalog = publish(village).catalog
    response = login(village_cadre).get(reverse("duties:amendment_create", args=[catalog.pk]))
    assert response.status_code == 200
    text = body(response)
    assert "居民财产证明" in text and 'value="negative:1"' in text


def test_adding_one_item_files_an_amendment_with_the_whole_proposed_catalog(login, village_cadre, village):
    catalog = publish(village).catalog
    response = _create(
        login(village_cadre), catalog, change="add", list_kind="primary", name="组织开展村级议事协商"
    )
    amendment = Amendment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("duties:amendment_detail", args=[amendment.pk])
    proposed = rows_of(amendment.proposed_version)
    assert len(proposed) == 6
    added = next(r for r in proposed if r.name == "组织开展村级议事协商")
    assert (added.list_kind, added.item_no) == ("primary", "3")
    assert [r.list_kind for r in proposed][:3] == ["primary"] * 3  # placed after the last primary item
    assert catalog.versions.filter(number__isnull=False).count() == 1  # nothing published yet


def test_moving_an_item_to_another_list_kind(login, village_cadre, village):
    catalog = publish(village).catalog
    _create(login(village_cadre), catalog, change="move", item="negative:1", list_kind="certificate")
    proposed = rows_of(Amendment.objects.get().proposed_version)
    moved = next(r for r in proposed if r.name == "居民财产证明")
    assert (moved.list_kind, moved.item_no) == ("certificate", "2")
    assert moved.basis == "《关于规范村级组织工作事务的意见》"


def test_rewording_and_removing_an_item(login, catalog_office, village):
    catalog = publish(village).catalog
    client = login(catalog_office)
    _create(client, catalog, change="reword", item="primary:2", name="组织开展村民自治和议事协商活动。")
    proposed = rows_of(Amendment.objects.get().proposed_version)
    assert [r.name for r in proposed if r.list_kind == "primary"][1] == "组织开展村民自治和议事协商活动。"
    Amendment.objects.update(status="rejected")
    _create(client, catalog, change="remove", item="certificate:1")
    proposed = rows_of(Amendment.objects.order_by("-id").first().proposed_version)
    assert "村民身份关系证明" not in [r.name for r in proposed]


def test_a_number_already_used_in_the_target_list_is_refused(login, village_cadre, village):
    catalog = publish(village).catalog
    response = _create(
        login(village_cadre), catalog, change="add", list_kind="primary", item_no="1", name="重复序号的事项"
    )
    assert response.status_code == 400
    assert "序号「1」在「主责事项」中已被使用" in body(response)
    assert not Amendment.objects.exists()


def test_a_change_without_its_item_is_refused_in_chinese(login, village_cadre, village):
    catalog = publish(village).catalog
    response = _create(login(village_cadre), catalog, change="remove")
    assert response.status_code == 400
    assert "请选择要调整的事项" in body(response)


def test_a_revised_file_with_bad_rows_lists_them_and_saves_nothing(login, village_cadre, village):
    catalog = publish(village).catalog
    bad = text_file("清单类型\t序号\t事项名称\n主责事项\t1\t甲\n主责事项\t1\t乙\n未知\t2\t丙\n")
    versions = CatalogVersion.objects.count()
    response = _create(login(village_cadre), catalog, how="file", file=bad)
    assert response.status_code == 400
    text = body(response)
    assert "序号「1」在「主责事项」中重复" in text and "未知的清单类型「未知」" in text
    assert not Amendment.objects.exists()
    assert CatalogVersion.objects.count() == versions


def test_a_revised_file_files_the_amendment(login, village_cadre, village):
    catalog = publish(village).catalog
    revised = [*village_rows()[:-1], row("certificate", "1", "村民居住证明")]
    response = _create(login(village_cadre), catalog, how="file", file=tsv_file(revised, name="调整后.tsv"))
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.proposed_version.source_file == "调整后.tsv"
    assert [r.name for r in rows_of(amendment.proposed_version)][-1] == "村民居住证明"


def test_supervisor_may_not_file_an_amendment(login, supervisor, village):
    catalog = publish(village).catalog
    client = login(supervisor)
    assert client.get(reverse("duties:amendment_create", args=[catalog.pk])).status_code == 403
    response = _create(client, catalog, change="add", list_kind="primary", name="不应保存")
    assert response.status_code == 403
    assert not Amendment.objects.exists()


def test_outsider_gets_404_for_an_amendment_form_of_another_township(login, outsider, village):
    catalog = publish(village).catalog
    assert login(outsider).get(reverse("duties:amendment_create", args=[catalog.pk])).status_code == 404


def test_a_second_amendment_while_one_is_open_is_refused_with_the_reason(
    login, village_cadre, catalog_office, village
):
    catalog = publish(village).catalog
    _amendment(catalog, catalog_office)
    response = _create(login(village_cadre), catalog, change="add", list_kind="primary", name="另一个事项")
    assert response.status_code == 400
    assert "已有一项正在办理的动态调整" in body(response)


# --- consult and decide ------------------------------------------------------------------------


def test_apply_consult_approve_publishes_version_two_and_the_diff_shows_the_change(
    login, village_cadre, county_reviewer, catalog_office, village
):
    catalog = publish(village).catalog
    _create(login(village_cadre), catalog, change="move", item="negative:1", list_kind="certificate")
    amendment = Amendment.objects.get()

    reviewer = login(county_reviewer)
    detail = body(reviewer.get(reverse("duties:amendment_detail", args=[amendment.pk])))
    assert "填写会商意见" in detail and "提交审定结果" not in detail
    response = reviewer.post(
        reverse("duties:amendment_consult", args=[amendment.pk]), {"opinion": "同意调整为出具证明事项"}
    )
    assert response.status_code == 302

    office = login(catalog_office)
    response = office.post(
        reverse("duties:amendment_decide", args=[amendment.pk]),
        {"decision": "approve", "opinion": "经审定同意"},
        follow=True,
    )
    assert "已批准：清单更新为第 2 版" in body(response)
    catalog.refresh_from_db()
    assert catalog.current_version.number == 2
    timeline = body(response)
    assert "同意调整为出具证明事项" in timeline and "经审定同意" in timeline

    diff = office.get(reverse("duties:version_diff", args=[catalog.pk]), {"from": 1, "to": 2})
    text = body(diff)
    assert diff.status_code == 200
    assert "调整类型 1" in text and "新增 0" in text
    assert "居民财产证明" in text
    assert "<del>负面事项</del>" in text and "<ins>出具证明事项</ins>" in text


def test_reject_keeps_the_current_version(login, catalog_office, county_reviewer, village):
    catalog = publish(village).catalog
    amendment = _amendment(catalog, catalog_office)
    actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="不同意")
    login(catalog_office).post(
        reverse("duties:amendment_decide", args=[amendment.pk]), {"decision": "reject", "opinion": "依据不足"}
    )
    amendment.refresh_from_db()
    catalog.refresh_from_db()
    assert amendment.status == "rejected"
    assert catalog.current_version.number == 1


def test_deciding_before_consultation_is_refused_with_the_reason(login, catalog_office, village):
    catalog = publish(village).catalog
    amendment = _amendment(catalog, catalog_office)
    response = login(catalog_office).post(
        reverse("duties:amendment_decide", args=[amendment.pk]),
        {"decision": "approve", "opinion": "同意"},
        follow=True,
    )
    assert "请先会商，再审定" in body(response)
    amendment.refresh_from_db()
    assert amendment.status == "applied"


def test_an_empty_opinion_is_refused(login, county_reviewer, catalog_office, village):
    amendment = _amendment(publish(village).catalog, catalog_office)
    response = login(county_reviewer).post(
        reverse("duties:amendment_consult", args=[amendment.pk]), {"opinion": ""}
    )
    assert response.status_code == 400
    assert not amendment.steps.filter(step="consult").exists()


def test_supervisor_reads_an_amendment_but_may_not_consult_or_decide(
    login, supervisor, catalog_office, village
):
    amendment = _amendment(publish(village).catalog, catalog_office)
    client = login(supervisor)
    detail = client.get(reverse("duties:amendment_detail", args=[amendment.pk]))
    assert detail.status_code == 200
    assert "填写会商意见" not in body(detail)
    consult = client.post(reverse("duties:amendment_consult", args=[amendment.pk]), {"opinion": "意见"})
    decide = client.post(
        reverse("duties:amendment_decide", args=[amendment.pk]), {"decision": "approve", "opinion": "同意"}
    )
    assert (consult.status_code, decide.status_code) == (403, 403)
    assert amendment.steps.count() == 1


def test_outsider_gets_404_for_an_amendment_of_another_township(login, outsider, catalog_office, village):
    amendment = _amendment(publish(village).catalog, catalog_office)
    client = login(outsider)
    assert client.get(reverse("duties:amendment_detail", args=[amendment.pk])).status_code == 404
    assert (
        client.post(reverse("duties:amendment_consult", args=[amendment.pk]), {"opinion": "x"}).status_code
        == 404
    )


def test_the_amendment_page_shows_the_steps_and_the_proposed_diff(
    login, village_cadre, catalog_office, village
):
    amendment = _amendment(publish(village).catalog, catalog_office)
    text = body(login(village_cadre).get(reverse("duties:amendment_detail", args=[amendment.pk])))
    assert text.index("申请") < text.index("会商") < text.index("审定")
    assert "上级文件要求" in text
    assert "新增 1" in text and "新增的主责事项" in text


# --- lists and comparisons ---------------------------------------------------------------------


def test_amendment_list_shows_only_the_scope(login, village_cadre, catalog_office, village, other_village):
    _amendment(publish(village).catalog, catalog_office)
    _amendment(publish(other_village).catalog, catalog_office, rows=[row("primary", "1", "乙村事项")])
    client = login(village_cadre)
    response = client.get(reverse("duties:amendment_list"))
    assert response.status_code == 200
    assert [a.catalog.division.name for a in response.context["page"]] == ["甲村"]
    filtered = client.get(reverse("duties:amendment_list"), {"status": "approved"})
    assert list(filtered.context["page"]) == []


def test_amendment_list_runs_a_fixed_number_of_queries(
    login, catalog_office, village, community, other_village, django_assert_max_num_queries
):
    client = login(catalog_office)
    _amendment(publish(village).catalog, catalog_office)
    client.get(reverse("duties:amendment_list"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("duties:amendment_list"))
    _amendment(publish(community).catalog, catalog_office)
    _amendment(publish(other_village).catalog, catalog_office)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("duties:amendment_list"))
    assert len(response.context["page"]) == 3


def test_version_diff_with_one_version_says_there_is_nothing_to_compare(login, village_cadre, village):
    catalog = publish(village).catalog
    response = login(village_cadre).get(reverse("duties:version_diff", args=[catalog.pk]))
    assert response.status_code == 200
    assert "暂无可对比的内容" in body(response)


def test_version_diff_counts_rewording_and_removal(login, village_cadre, village):
    publish(village)
    catalog = publish(
        village,
        [
            row("primary", "1", "宣传宪法、法律、法规和国家政策，开展普法。"),
            *village_rows()[1:4],
        ],
    ).catalog
    response = login(village_cadre).get(reverse("duties:version_diff", args=[catalog.pk]))
    counts = dict((kind, n) for kind, _label, n in response.context["counts"])
    assert counts == {"added": 0, "removed": 1, "moved": 0, "reworded": 1, "changed": 0}
    assert "改写 1" in body(response) and "删除 1" in body(response)


def test_version_diff_of_another_township_is_404_and_a_missing_version_is_404(
    login, outsider, village_cadre, village
):
    publish(village)
    catalog = publish(village, rows=village_rows()[:4]).catalog
    assert login(outsider).get(reverse("duties:version_diff", args=[catalog.pk])).status_code == 404
    missing = login(village_cadre).get(
        reverse("duties:version_diff", args=[catalog.pk]), {"from": 7, "to": 2}
    )
    assert missing.status_code == 404
