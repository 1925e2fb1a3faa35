"""A department's work orders through the pages: the list, filing, editing, the order page, submitting."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import Attachment, OrderTarget, WorkOrder
from qingdan.testing import in_days, snapshot

from .conftest import REFUSE_TEXT

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def form_data(village, **overrides) -> dict:
    data = {
        "title": "动物防疫宣传和强制免疫",
        "text": "动物防疫知识宣传、动物饲养情况调查、动物疫病强制免疫服务工作",
        "deadline": in_days(14).isoformat(),
        "department_does": "派出防疫员入村开展强制免疫",
        "grassroots_must": "通知养殖户,配合防疫员入户",
        "support_money_yuan": "5000",
        "support_people": "2",
        "support_training": "防疫知识培训一次",
        "support_equipment": "",
        "targets": [village.code],
    }
    return {**data, **overrides}


def body(response) -> str:
    return response.content.decode()


def withdraw_url(order) -> str:
    return reverse("admission:order_withdraw", args=[order.pk])


# --- the list -----------------------------------------------------------------------------------


def test_a_clerk_sees_their_orders_with_status_and_verdict_badges(login, dept_clerk, submitted, make_order):
    make_order(title="尚未提交的草稿")
    response = login(dept_clerk).get(reverse("admission:order_list"))
    assert response.status_code == 200
    text = body(response)
    assert "动物防疫宣传和强制免疫" in text and "尚未提交的草稿" in text
    assert "badge order-submitted" in text and "badge verdict-cooperate" in text
    assert "badge order-draft" in text


def test_the_order_list_filters_by_status(login, dept_clerk, submitted, make_order):
    make_order(title="尚未提交的草稿")
    text = body(login(dept_clerk).get(reverse("admission:order_list"), {"status": "draft"}))
    assert "尚未提交的草稿" in text and "动物防疫宣传和强制免疫" not in text


def test_another_department_sees_none_of_the_orders(login, other_department, submitted):
    from qingdan.orgs.choices import Role
    from qingdan.testing import make_user

    clerk = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    text = body(login(clerk).get(reverse("admission:order_list")))
    assert "动物防疫宣传和强制免疫" not in text


def test_a_village_sees_no_order_before_it_is_dispatched_to_it(login, outsider, village_cadre, submitted):
    assert "动物防疫宣传和强制免疫" not in body(login(village_cadre).get(reverse("admission:order_list")))


def test_the_order_list_costs_the_same_queries_for_many_orders(
    login, dept_clerk, catalogs, make_order, django_assert_max_num_queries
):
    client = login(dept_clerk)
    make_order()
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("admission:order_list"))
    for n in range(15):
        make_order(title=f"第{n}个派单")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admission:order_list"))
    assert "第14个派单" in body(response)


# --- filing -------------------------------------------------------------------------------------


def test_the_form_offers_townships_and_villages_grouped_with_an_all_villages_toggle(
    login, dept_clerk, village, community, other_village
):
    text = body(login(dept_clerk).get(reverse("admission:order_create")))
    assert "甲镇" in text and "乙乡" in text and "甲社区" in text
    assert f'name="all_villages" value="{village.parent.code}"' in text
    assert f'name="targets" value="{village.code}"' in text


def test_a_clerk_files_and_submits_an_order_which_is_screened(login, dept_clerk, catalogs, village):
    response = login(dept_clerk).post(
        reverse("admission:order_create"), {**form_data(village), "submit": "1"}
    )
    order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admission:order_detail", args=[order.pk])
    assert order.status == "submitted" and order.verdict == "cooperate"
    assert order.screenings.get().division == village


def test_saving_a_draft_does_not_submit_it(login, dept_clerk, catalogs, village):
    login(dept_clerk).post(reverse("admission:order_create"), {**form_data(village), "save": "1"})
    order = WorkOrder.objects.get()
    assert order.status == "draft" and order.verdict == ""


def test_a_township_with_all_villages_below_becomes_one_target(login, dept_clerk, catalogs, township):
    data = form_data(township, targets=[], all_villages=[township.code])
    login(dept_clerk).post(reverse("admission:order_create"), {**data, "save": "1"})
    target = OrderTarget.objects.get()
    assert (target.division, target.all_villages) == (township, True)


def test_an_attachment_is_stored_and_can_be_downloaded_by_the_clerk_only(
    login, dept_clerk, outsider, catalogs, village
):
    upload = SimpleUploadedFile("通知.pdf", PDF, content_type="application/pdf")
    client = login(dept_clerk)
    client.post(
        reverse("admission:order_create"), {**form_data(village), "attachments": [upload], "save": "1"}
    )
    attachment = Attachment.objects.get()
    assert attachment.original_name == "通知.pdf"
    response = client.get(reverse("admission:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert (
        login(outsider).get(reverse("admission:attachment_download", args=[attachment.pk])).status_code == 404
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": ""}, "正文"),
        ({"text": "派" * 100_000}, "100,000"),
        ({"deadline": in_days(-1).isoformat()}, "已经过去"),
        ({"targets": []}, "请至少选择一个乡镇"),
        ({"title": ""}, "标题"),
    ],
    ids=["empty text", "100,000 characters", "past deadline", "no target", "no title"],
)
def test_bad_input_shows_a_chinese_message_and_saves_nothing(
    login, dept_clerk, catalogs, village, overrides, message
):
    response = login(dept_clerk).post(
        reverse("admission:order_create"), {**form_data(village, **overrides), "submit": "1"}
    )
    assert response.status_code == 400
    assert message in body(response)
    assert not WorkOrder.objects.exists()


def test_a_fake_attachment_is_refused_by_name_and_nothing_is_saved(
    login, dept_clerk, catalogs, village, media_root
):
    fake = SimpleUploadedFile("通知.pdf", b"PK\x03\x04 this is a zip", content_type="application/pdf")
    response = login(dept_clerk).post(
        reverse("admission:order_create"), {**form_data(village), "attachments": [fake], "submit": "1"}
    )
    assert response.status_code == 400
    assert "通知.pdf" in body(response) and "PDF" in body(response)
    assert not WorkOrder.objects.exists() and not Attachment.objects.exists()
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_a_submission_the_action_refuses_leaves_no_draft_behind(login, dept_clerk, catalogs, village):
    data = form_data(village, department_does="")
    response = login(dept_clerk).post(reverse("admission:order_create"), {**data, "submit": "1"})
    assert response.status_code == 400
    assert "部门自身" in body(response)
    assert not WorkOrder.objects.exists()


def test_supervisor_and_village_cadre_may_not_file_orders(
    login, supervisor, village_cadre, catalogs, village
):
    for person in (supervisor, village_cadre):
        client = login(person)
        assert client.get(reverse("admission:order_create")).status_code == 403
        assert client.post(reverse("admission:order_create"), form_data(village)).status_code == 403
    assert not WorkOrder.objects.exists()


# --- the order page -----------------------------------------------------------------------------


def test_the_order_page_shows_screening_items_with_matched_words_highlighted(login, dept_clerk, submitted):
    response = login(dept_clerk).get(reverse("admission:order_detail", args=[submitted.pk]))
    assert response.status_code == 200
    text = body(response)
    screening = submitted.screenings.get()
    best = screening.matches[0]
    assert best["name"][:8] in text or "<mark>" in text
    assert "<mark>" in text
    assert "协助事项" in text and f"{best['item_no']}" in text
    assert "badge verdict-cooperate" in text
    assert "派出动物防疫员入村" in text  # the department's statement
    assert "5,000" in text or "5000" in text


def test_an_outsider_gets_404_for_the_order_page(login, outsider, submitted):
    assert login(outsider).get(reverse("admission:order_detail", args=[submitted.pk])).status_code == 404


def test_a_supervisor_reads_the_order_page_without_any_form(login, supervisor, submitted):
    response = login(supervisor).get(reverse("admission:order_detail", args=[submitted.pk]))
    assert response.status_code == 200
    text = body(response)
    assert "动物防疫宣传和强制免疫" in text
    assert reverse("admission:order_approve", args=[submitted.pk]) not in text


def test_the_history_shows_who_returned_the_order_and_why(login, dept_clerk, county_reviewer, submitted):
    actions.return_order(user=county_reviewer, order=submitted, reason="请说明每村需要配合的具体人数")
    text = body(login(dept_clerk).get(reverse("admission:order_detail", args=[submitted.pk])))
    assert "请说明每村需要配合的具体人数" in text
    assert str(county_reviewer) in text
    assert reverse("admission:order_edit", args=[submitted.pk]) in text


# --- editing and resubmitting -------------------------------------------------------------------


def test_a_returned_order_is_edited_and_resubmitted(login, dept_clerk, county_reviewer, submitted, village):
    actions.return_order(user=county_reviewer, order=submitted, reason="请补充培训安排")
    client = login(dept_clerk)
    page = client.get(reverse("admission:order_edit", args=[submitted.pk]))
    assert page.status_code == 200 and "请补充培训安排" in body(page)
    data = form_data(village, support_training="防疫知识培训两次")
    response = client.post(reverse("admission:order_edit", args=[submitted.pk]), {**data, "submit": "1"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and submitted.support_training == "防疫知识培训两次"
    assert list(submitted.history.values_list("step", flat=True)) == ["submit", "return", "resubmit"]


def test_a_submitted_order_cannot_be_edited(login, dept_clerk, submitted):
    response = login(dept_clerk).get(reverse("admission:order_edit", args=[submitted.pk]))
    assert response.status_code == 302


def test_a_draft_is_submitted_from_its_page(login, dept_clerk, draft):
    response = login(dept_clerk).post(reverse("admission:order_submit", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_a_refused_order_cannot_be_resubmitted(login, dept_clerk, county_reviewer, make_order, catalogs):
    order = make_order(text=REFUSE_TEXT)
    actions.submit_order(user=dept_clerk, order=order)
    actions.refuse_order(user=county_reviewer, order=order, reason="属于负面事项")
    client = login(dept_clerk)
    response = client.post(reverse("admission:order_submit", args=[order.pk]), follow=True)
    order.refresh_from_db()
    assert order.status == "refused"
    assert "error" in body(response)


def test_outsider_and_supervisor_cannot_edit_or_submit(login, outsider, supervisor, draft):
    assert login(outsider).get(reverse("admission:order_edit", args=[draft.pk])).status_code == 404
    assert login(outsider).post(reverse("admission:order_submit", args=[draft.pk])).status_code == 404
    client = login(supervisor)
    assert client.get(reverse("admission:order_edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("admission:order_submit", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


# --- withdrawing --------------------------------------------------------------------------------


@pytest.fixture
def other_clerk(other_department):
    from qingdan.orgs.choices import Role
    from qingdan.testing import make_user

    return make_user("ziranziyuan", Role.DEPT_CLERK, other_department)


def test_the_clerk_withdraws_a_submitted_order_from_its_page_giving_a_reason(
    login, dept_clerk, county_reviewer, submitted, django_capture_on_commit_callbacks
):
    client = login(dept_clerk)
    page = body(client.get(reverse("admission:order_detail", args=[submitted.pk])))
    assert withdraw_url(submitted) in page and 'id="withdraw-order"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url(submitted), {"reason": "上级通知任务取消"}, follow=True)
    assert response.redirect_chain == [(reverse("admission:order_detail", args=[submitted.pk]), 302)]
    text = body(response)
    assert "派单已撤回" in text
    assert "上级通知任务取消" in text  # the history shows the reason
    assert withdraw_url(submitted) not in text
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"
    assert submitted.history.last().step == "withdraw"
    assert submitted.history.last().reason == "上级通知任务取消"
    assert county_reviewer.notifications.filter(verb="admission.order_withdrawn").exists()


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_a_draft_or_returned_order_can_be_withdrawn_without_a_reason(
    login, dept_clerk, county_reviewer, submitted, state
):
    if state == "returned":
        actions.return_order(user=county_reviewer, order=submitted, reason="请补充培训安排")
    else:
        WorkOrder.objects.filter(pk=submitted.pk).update(status="draft")
    client = login(dept_clerk)
    assert withdraw_url(submitted) in body(client.get(reverse("admission:order_detail", args=[submitted.pk])))
    response = client.post(withdraw_url(submitted), {"reason": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn" and submitted.history.last().reason == ""


def test_a_clerk_of_another_department_gets_404_and_nothing_changes(
    login, other_clerk, submitted, media_root
):
    client = login(other_clerk)
    before = snapshot()
    assert client.get(reverse("admission:order_detail", args=[submitted.pk])).status_code == 404
    assert client.post(withdraw_url(submitted), {"reason": "不应生效"}).status_code == 404
    assert snapshot() == before


def test_an_outsider_gets_404_and_nothing_changes(login, outsider, submitted, media_root):
    client = login(outsider)
    before = snapshot()
    assert client.post(withdraw_url(submitted), {"reason": "不应生效"}).status_code == 404
    assert snapshot() == before


def test_a_supervisor_sees_no_withdraw_button_and_may_not_withdraw(login, supervisor, submitted, media_root):
    client = login(supervisor)
    page = body(client.get(reverse("admission:order_detail", args=[submitted.pk])))
    assert submitted.title in page and withdraw_url(submitted) not in page
    before = snapshot()
    assert client.post(withdraw_url(submitted), {"reason": "不应生效"}).status_code == 403
    assert snapshot() == before


def test_a_reviewer_sees_no_withdraw_button(login, county_reviewer, submitted):
    page = body(login(county_reviewer).get(reverse("admission:order_detail", args=[submitted.pk])))
    assert withdraw_url(submitted) not in page


def test_withdrawing_takes_a_post(login, dept_clerk, submitted):
    assert login(dept_clerk).get(withdraw_url(submitted)).status_code == 405
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def close(state: str, clerk, reviewer, order) -> None:
    """Take the order out of review: withdrawn by its clerk, or approved or refused by the reviewer."""
    if state == "withdrawn":
        actions.withdraw_order(user=clerk, order=order)
    elif state == "approved":
        actions.approve_order(user=reviewer, order=order)
    else:
        actions.refuse_order(user=reviewer, order=order, reason="属于负面事项")


@pytest.mark.parametrize(
    ("state", "status_label"), [("withdrawn", "已撤回"), ("approved", "已批准"), ("refused", "不予准入")]
)
def test_a_withdrawn_or_decided_order_offers_no_button_and_refuses_a_withdrawal_in_chinese(
    login, dept_clerk, county_reviewer, submitted, media_root, state, status_label
):
    close(state, dept_clerk, county_reviewer, submitted)
    client = login(dept_clerk)
    page = body(client.get(reverse("admission:order_detail", args=[submitted.pk])))
    assert withdraw_url(submitted) not in page
    before = snapshot()
    response = client.post(withdraw_url(submitted), {"reason": "再撤一次"}, follow=True)
    assert response.status_code == 200
    assert f"只有尚未审定的派单可以撤回；该派单的状态是“{status_label}”。" in body(response)
    assert snapshot() == before


def test_a_too_long_reason_is_shown_on_the_page_and_nothing_changes(login, dept_clerk, submitted, media_root):
    client = login(dept_clerk)
    before = snapshot()
    response = client.post(withdraw_url(submitted), {"reason": "因" * 2001})
    assert response.status_code == 400
    assert "2000" in body(response) or "2,000" in body(response)
    assert snapshot() == before
