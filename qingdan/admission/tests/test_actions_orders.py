"""A department clerk drafts, changes, submits and withdraws work orders; bad input is refused whole."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.admission import actions
from qingdan.admission.choices import Decision, OrderStatus, ReviewStep
from qingdan.admission.models import Attachment, ReviewEntry, Screening, WorkOrder
from qingdan.audit.models import AuditEvent
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division
from qingdan.testing import in_days

from .conftest import NOT_LISTED_TEXT, REFUSE_TEXT

pytestmark = pytest.mark.usefixtures("english")

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="通知.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


# Drafting


def test_a_clerk_drafts_an_order_for_their_department_and_county(
    draft, dept_clerk, department, county, village
):
    assert draft.status == OrderStatus.DRAFT
    assert draft.department == department and draft.county == county and draft.created_by == dept_clerk
    assert [(t.division, t.all_villages) for t in draft.targets.all()] == [(village, False)]
    assert draft.support_money_yuan == Decimal("5000.00")
    event = AuditEvent.objects.get(action="admission.create_order")
    assert event.actor == dept_clerk and event.changes["status"] == [None, "draft"]


def test_a_draft_keeps_its_attachments_under_generated_names(catalogs, make_order, media_root):
    order = make_order(attachments=[pdf("../../关于开展防疫的通知.pdf")])
    attachment = order.attachments.get()
    assert attachment.original_name == "关于开展防疫的通知.pdf"
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF_BYTES)
    assert attachment.file.name.startswith("admission/") and ".." not in attachment.file.name
    assert (media_root / attachment.file.name).read_bytes() == PDF_BYTES


def test_only_a_township_target_takes_all_villages_below(catalogs, make_order, township, village):
    order = make_order(targets=[(township, True), (village, True), (village, True)])
    assert sorted((t.division.name, t.all_villages) for t in order.targets.all()) == [
        ("甲村", False),
        ("甲镇", True),
    ]


def test_an_empty_text_is_refused_and_nothing_is_written(catalogs, make_order, nothing_written):
    with nothing_written() as refused:
        make_order(text="   ")
    assert refused.value.message == "The order text is empty."


def test_a_100000_character_text_is_refused_and_nothing_is_written(catalogs, make_order, nothing_written):
    with nothing_written() as refused:
        make_order(text="村" * 100_000, attachments=[pdf()])
    assert "100000 characters" in refused.value.message and "20000" in refused.value.message


def test_an_empty_title_is_refused(catalogs, make_order, nothing_written):
    with nothing_written() as refused:
        make_order(title="")
    assert refused.value.message == "The title is empty."


def test_a_deadline_in_the_past_is_refused(catalogs, make_order, nothing_written):
    yesterday = in_days(-1)
    with nothing_written() as refused:
        make_order(deadline=yesterday)
    assert str(yesterday) in refused.value.message and "past" in refused.value.message


def test_a_deadline_of_today_is_accepted(catalogs, make_order):
    assert make_order(deadline=in_days(0)).deadline == in_days(0)


def test_a_target_outside_the_clerks_county_is_refused(catalogs, make_order, nothing_written, county):
    city = county.parent
    neighbour = Division.objects.create(
        code="429902000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=city
    )
    far_village = Division.objects.create(
        code="429902100001", name="邻县某村", level=Level.VILLAGE, kind=DivisionKind.VILLAGE, county=neighbour
    )
    with nothing_written() as refused:
        make_order(targets=[(far_village, False)])
    assert "邻县某村" in refused.value.message and "测试县" in refused.value.message


def test_the_county_itself_is_no_target(catalogs, make_order, nothing_written, county):
    with nothing_written() as refused:
        make_order(targets=[(county, True)])
    assert "测试县 is not a township or village" in refused.value.message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("support_money_yuan", "-1", "between 0 and"),
        ("support_money_yuan", "很多", "amount in yuan"),
        ("support_people", -3, "between 0 and 100,000"),
        ("support_people", "两个", "whole number"),
    ],
)
def test_impossible_support_is_refused(catalogs, make_order, nothing_written, field, value, expected):
    with nothing_written() as refused:
        make_order(**{field: value})
    assert expected in refused.value.message


def test_an_attachment_that_is_not_what_it_claims_is_refused_and_no_file_stays(
    catalogs, make_order, nothing_written
):
    zipped = SimpleUploadedFile("方案.pdf", b"PK\x03\x04" + b"\x00" * 100)
    with nothing_written() as refused:
        make_order(attachments=[pdf(), zipped])
    assert '"方案.pdf"' in refused.value.message and "not a real PDF" in refused.value.message


# Changing a draft


def test_a_clerk_changes_a_draft_and_the_change_is_audited(draft, dept_clerk, township):
    actions.update_order(
        user=dept_clerk, order=draft, title="新标题", support_people=5, targets=[(township, True)]
    )
    draft.refresh_from_db()
    assert draft.title == "新标题" and draft.support_people == 5
    assert [(t.division, t.all_villages) for t in draft.targets.all()] == [(township, True)]
    event = AuditEvent.objects.get(action="admission.update_order")
    assert event.changes["title"] == ["动物防疫宣传和强制免疫", "新标题"]
    assert event.changes["support_people"] == [2, 5]
    assert event.changes["targets"] == ["甲村", "甲镇(all villages)"]


def test_a_clerk_adds_and_removes_attachments(
    draft, dept_clerk, media_root, django_capture_on_commit_callbacks
):
    actions.update_order(user=dept_clerk, order=draft, attachments=[pdf("一.pdf"), pdf("二.pdf")])
    first = Attachment.objects.get(original_name="一.pdf")
    stored = media_root / first.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the removal commits
        actions.update_order(user=dept_clerk, order=draft, remove_attachments=[first])
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["二.pdf"]
    assert not stored.exists()


def test_an_order_carries_at_most_ten_attachments(draft, dept_clerk, nothing_written):
    actions.update_order(user=dept_clerk, order=draft, attachments=[pdf(f"{i}.pdf") for i in range(9)])
    with nothing_written() as refused:
        actions.update_order(user=dept_clerk, order=draft, attachments=[pdf("10.pdf"), pdf("11.pdf")])
    assert "at most 10" in refused.value.message


def test_a_bad_change_leaves_the_draft_as_it_was(draft, dept_clerk, nothing_written):
    with nothing_written():
        actions.update_order(user=dept_clerk, order=draft, title="新标题", text="")
    draft.refresh_from_db()
    assert draft.title == "动物防疫宣传和强制免疫"


def test_a_submitted_order_cannot_be_changed(submitted, dept_clerk, nothing_written):
    with nothing_written() as refused:
        actions.update_order(user=dept_clerk, order=submitted, title="改")
    assert "awaiting review" in refused.value.message


# Submitting


def test_submitting_screens_the_order_against_the_targets_catalog(submitted, village):
    assert submitted.status == OrderStatus.SUBMITTED and submitted.submitted_at is not None
    screening = Screening.objects.get(order=submitted)
    assert screening.division == village
    assert screening.catalog_version.catalog.division == village
    assert screening.decision == Decision.COOPERATE == submitted.verdict
    best = screening.matches[0]
    assert (best["list_kind"], best["item_no"]) == ("assist", "11")
    assert best["matched_words"] and best["score"] > 0
    assert ReviewEntry.objects.get(order=submitted).step == ReviewStep.SUBMIT
    event = AuditEvent.objects.get(action="admission.submit_order")
    assert event.changes == {"status": ["draft", "submitted"], "verdict": [None, "cooperate"]}


def test_a_township_with_all_its_villages_is_screened_with_each_village(
    catalogs, make_order, dept_clerk, township, village, community
):
    order = actions.submit_order(user=dept_clerk, order=make_order(targets=[(township, True)]))
    screened = dict(
        order.screenings.values_list("division__name", "catalog_version__catalog__division__name")
    )
    assert screened == {"甲镇": "甲镇", "甲村": "甲村", "甲社区": "甲社区"}


def test_the_worst_decision_of_all_targets_is_the_orders_verdict(
    catalogs, make_order, dept_clerk, village, other_village
):
    order = make_order(
        text=REFUSE_TEXT, title="城市管理执法", targets=[(village, False), (other_village, False)]
    )
    order = actions.submit_order(user=dept_clerk, order=order)
    assert order.verdict == Decision.REFUSE
    assert set(order.screenings.values_list("decision", flat=True)) == {Decision.REFUSE}


def test_a_not_listed_request_is_screened_as_such(catalogs, make_order, dept_clerk):
    order = make_order(
        text=NOT_LISTED_TEXT, title="卫星图斑实地举证", grassroots_must="村委会派人到图斑现场拍照举证。"
    )
    order = actions.submit_order(user=dept_clerk, order=order)
    assert order.verdict == Decision.NOT_LISTED == order.screenings.get().decision


@pytest.mark.parametrize(
    ("blank", "named"),
    [
        ({"department_does": ""}, "what the department itself does"),
        ({"grassroots_must": " "}, "what the grassroots must do"),
        (
            {"support_money_yuan": 0, "support_people": 0, "support_training": "", "support_equipment": ""},
            "what support the department gives",
        ),
    ],
)
def test_an_order_without_all_three_statements_is_not_accepted(
    catalogs, make_order, dept_clerk, nothing_written, blank, named
):
    order = make_order(**blank)
    with nothing_written() as refused:
        actions.submit_order(user=dept_clerk, order=order)
    assert named in refused.value.message
    assert WorkOrder.objects.get(pk=order.pk).status == OrderStatus.DRAFT


@pytest.mark.parametrize(
    "support",
    [
        {"support_money_yuan": "0.01"},
        {"support_people": 1},
        {"support_training": "培训"},
        {"support_equipment": "无人机一台"},
    ],
)
def test_any_one_kind_of_support_is_enough(catalogs, make_order, dept_clerk, support):
    nothing = {"support_money_yuan": 0, "support_people": 0, "support_training": "", "support_equipment": ""}
    order = make_order(**{**nothing, **support})
    assert actions.submit_order(user=dept_clerk, order=order).status == OrderStatus.SUBMITTED


def test_an_order_without_targets_is_not_accepted(catalogs, make_order, dept_clerk, nothing_written):
    order = make_order(targets=[])
    with nothing_written() as refused:
        actions.submit_order(user=dept_clerk, order=order)
    assert refused.value.message == "The order names no township or village to go to."


def test_a_draft_whose_deadline_passed_cannot_be_submitted(draft, dept_clerk, nothing_written):
    WorkOrder.objects.filter(pk=draft.pk).update(deadline=in_days(-2))
    with nothing_written() as refused:
        actions.submit_order(user=dept_clerk, order=draft)
    assert "past" in refused.value.message


def test_a_target_without_a_published_catalog_stops_the_submission(make_order, dept_clerk, nothing_written):
    order = make_order()
    with nothing_written() as refused:
        actions.submit_order(user=dept_clerk, order=order)
    assert "甲村" in refused.value.message and "no published duty catalog" in refused.value.message


def test_a_submitted_order_is_not_submitted_twice(submitted, dept_clerk, nothing_written):
    with nothing_written() as refused:
        actions.submit_order(user=dept_clerk, order=submitted)
    assert "Only a draft or a returned order" in refused.value.message


def test_a_refused_order_cannot_be_resubmitted(submitted, dept_clerk, county_reviewer, nothing_written):
    actions.refuse_order(user=county_reviewer, order=submitted, reason="超出清单")
    with nothing_written() as refused:
        actions.submit_order(user=dept_clerk, order=submitted)
    assert "refused and cannot be submitted again" in refused.value.message


def test_a_returned_order_is_changed_and_resubmitted_with_its_history_kept(
    submitted, dept_clerk, county_reviewer
):
    actions.return_order(user=county_reviewer, order=submitted, reason="请写明派出的防疫员人数")
    actions.update_order(user=dept_clerk, order=submitted, support_people=4)
    order = actions.submit_order(user=dept_clerk, order=submitted)
    assert order.status == OrderStatus.SUBMITTED
    assert list(order.history.values_list("step", "reason")) == [
        ("submit", ""),
        ("return", "请写明派出的防疫员人数"),
        ("resubmit", ""),
    ]
    assert order.screenings.count() == 1  # screened again, the old screening replaced


def test_a_clerk_withdraws_an_undecided_order(submitted, dept_clerk, nothing_written):
    order = actions.withdraw_order(user=dept_clerk, order=submitted, reason="任务取消")
    assert order.status == OrderStatus.WITHDRAWN
    with nothing_written():
        actions.submit_order(user=dept_clerk, order=order)


def test_a_deadline_is_a_date(catalogs, make_order, nothing_written):
    with nothing_written() as refused:
        make_order(deadline=None)
    assert refused.value.message == "The deadline is missing."
