"""The county reviewer approves, returns, refuses, or turns a not-listed order into an amendment request."""

import pytest

from qingdan.admission import actions
from qingdan.admission.choices import AssignmentStatus, Decision, OrderStatus
from qingdan.admission.models import Assignment, ReviewEntry, WorkOrder
from qingdan.audit.models import AuditEvent
from qingdan.duties.choices import AmendmentStatus
from qingdan.duties.models import DutyItem

from .conftest import NOT_LISTED_TEXT, REFUSE_TEXT

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def submit(make_order, dept_clerk, catalogs):
    def _submit(**fields):
        return actions.submit_order(user=dept_clerk, order=make_order(**fields))

    return _submit


# Approve


def test_approving_gives_each_township_concerned_one_assignment(
    submit, county_reviewer, township, village, community, other_village, other_township
):
    order = submit(targets=[(village, False), (community, False), (other_village, False)])
    order = actions.approve_order(user=county_reviewer, order=order, note="同意")
    assert order.status == OrderStatus.APPROVED and order.decided_at is not None
    assignments = Assignment.objects.filter(order=order)
    assert [(a.township, a.status) for a in assignments] == [
        (township, AssignmentStatus.PENDING),
        (other_township, AssignmentStatus.PENDING),
    ]
    assert order.history.last().step == "approve" and order.history.last().reason == "同意"
    assert AuditEvent.objects.get(action="admission.approve_order").changes == {
        "status": ["submitted", "approved"]
    }


def test_a_township_target_gets_its_assignment_too(submit, county_reviewer, township):
    order = actions.approve_order(user=county_reviewer, order=submit(targets=[(township, True)]))
    assert list(order.assignments.values_list("township__name", flat=True)) == ["甲镇"]


def test_a_not_listed_order_cannot_simply_be_approved(submit, county_reviewer, nothing_written):
    order = submit(text=NOT_LISTED_TEXT, title="卫星图斑举证", grassroots_must="到图斑现场拍照举证。")
    assert order.verdict == Decision.NOT_LISTED
    with nothing_written() as refused:
        actions.approve_order(user=county_reviewer, order=order, note="同意")
    assert "cannot simply be approved" in refused.value.message


def test_approving_against_a_refuse_verdict_needs_a_note(submit, county_reviewer, nothing_written):
    order = submit(text=REFUSE_TEXT, title="城市管理执法")
    assert order.verdict == Decision.REFUSE
    with nothing_written() as refused:
        actions.approve_order(user=county_reviewer, order=order)
    assert "write a note explaining why" in refused.value.message


def test_an_override_of_a_refuse_verdict_is_kept_in_the_audit_trail(submit, county_reviewer):
    order = submit(text=REFUSE_TEXT, title="城市管理执法")
    actions.approve_order(user=county_reviewer, order=order, note="县政府专题会议决定,由区城管局牵头")
    event = AuditEvent.objects.get(action="admission.approve_order")
    assert event.changes["verdict_overridden"] == [None, "refuse"]
    assert event.note == "县政府专题会议决定,由区城管局牵头"


def test_an_approved_order_is_not_approved_again(approved, county_reviewer, nothing_written):
    with nothing_written() as refused:
        actions.approve_order(user=county_reviewer, order=approved)
    assert "not awaiting review" in refused.value.message


def test_a_draft_cannot_be_approved(draft, county_reviewer, nothing_written):
    with nothing_written():
        actions.approve_order(user=county_reviewer, order=draft)


# Bulk approval


def test_bulk_approval_runs_each_orders_own_checks(submit, county_reviewer, draft):
    good = submit()
    refuse_verdict = submit(text=REFUSE_TEXT, title="城市管理执法")
    results = actions.approve_orders(user=county_reviewer, orders=[good, refuse_verdict, draft])
    assert [(order.pk, message is None) for order, message in results] == [
        (good.pk, True),
        (refuse_verdict.pk, False),
        (draft.pk, False),
    ]
    assert "note explaining why" in results[1][1]
    assert WorkOrder.objects.get(pk=good.pk).status == OrderStatus.APPROVED
    assert WorkOrder.objects.get(pk=refuse_verdict.pk).status == OrderStatus.SUBMITTED
    assert Assignment.objects.filter(order=refuse_verdict).count() == 0


def test_bulk_approval_reports_orders_the_reviewer_may_not_review(submit, county_reviewer, dept_clerk):
    order = submit()
    results = actions.approve_orders(user=dept_clerk, orders=[order])
    assert results == [(order, "You may not review this order.")]


# Return and refuse


def test_returning_needs_a_reason(submitted, county_reviewer, nothing_written):
    with nothing_written() as refused:
        actions.return_order(user=county_reviewer, order=submitted, reason=" ")
    assert refused.value.message == "The reason for returning is empty."


def test_a_returned_order_goes_back_to_the_clerk_with_the_reason(submitted, county_reviewer):
    order = actions.return_order(user=county_reviewer, order=submitted, reason="请补充经费来源")
    assert order.status == OrderStatus.RETURNED and order.decided_at is None
    assert ReviewEntry.objects.filter(order=order, step="return", reason="请补充经费来源").exists()


def test_refusing_cites_the_list_item(submit, county_reviewer):
    order = submit(text=REFUSE_TEXT, title="城市管理执法")
    cited = "负面事项:66 不得要求村(社区)作为责任主体开展行政执法工作"
    order = actions.refuse_order(user=county_reviewer, order=order, reason="属于负面清单", cited_item=cited)
    assert order.status == OrderStatus.REFUSED
    entry = order.history.get(step="refuse")
    assert (entry.reason, entry.cited_item) == ("属于负面清单", cited)
    assert AuditEvent.objects.get(action="admission.refuse_order").changes["cited_item"] == [None, cited]


def test_a_refused_order_never_reaches_a_township(submit, county_reviewer):
    order = actions.refuse_order(user=county_reviewer, order=submit(), reason="超出清单")
    assert not order.assignments.exists() and not order.tasks.exists()


def test_refusing_needs_a_reason(submitted, county_reviewer, nothing_written):
    with nothing_written():
        actions.refuse_order(user=county_reviewer, order=submitted, reason="")


# Turning a not-listed order into an amendment request


def test_a_not_listed_order_becomes_an_amendment_request_with_the_new_item(
    submit, county_reviewer, village, department
):
    order = submit(text=NOT_LISTED_TEXT, title="卫星图斑举证", grassroots_must="到图斑现场拍照举证。")
    amendment = actions.convert_to_amendment(
        user=county_reviewer, order=order, list_kind="assist", reason="图斑核查确需村里协助,建议列入协助事项"
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.CONVERTED and order.amendment == amendment
    assert amendment.status == AmendmentStatus.APPLIED and amendment.catalog.division == village
    base = amendment.base_version.items.count()
    assert amendment.proposed_version.items.count() == base + 1
    added = DutyItem.objects.get(version=amendment.proposed_version, name="卫星图斑举证")
    assert added.list_kind == "assist" and added.item_no == "16"  # after the 15 published assist items
    assert added.responsible_unit == department and added.content == NOT_LISTED_TEXT
    assert order.history.last().step == "convert"


def test_only_a_not_listed_order_becomes_an_amendment_request(submitted, county_reviewer, nothing_written):
    with nothing_written() as refused:
        actions.convert_to_amendment(user=county_reviewer, order=submitted, list_kind="assist", reason="x")
    assert "matches nothing" in refused.value.message


def test_an_amendment_request_needs_a_known_list_kind(submit, county_reviewer, nothing_written):
    order = submit(text=NOT_LISTED_TEXT, title="卫星图斑举证", grassroots_must="到图斑现场拍照举证。")
    with nothing_written():
        actions.convert_to_amendment(user=county_reviewer, order=order, list_kind="wish", reason="x")


def test_an_amendment_request_goes_to_a_screened_division_only(
    submit, county_reviewer, nothing_written, other_village
):
    order = submit(text=NOT_LISTED_TEXT, title="卫星图斑举证", grassroots_must="到图斑现场拍照举证。")
    with nothing_written() as refused:
        actions.convert_to_amendment(
            user=county_reviewer, order=order, list_kind="assist", reason="x", division=other_village
        )
    assert "screened for" in refused.value.message


def test_an_open_amendment_on_the_catalog_stops_the_conversion_whole(
    submit, county_reviewer, nothing_written
):
    first = submit(text=NOT_LISTED_TEXT, title="卫星图斑举证", grassroots_must="到图斑现场拍照举证。")
    second = submit(text=NOT_LISTED_TEXT, title="图斑复核", grassroots_must="到图斑现场拍照举证。")
    actions.convert_to_amendment(user=county_reviewer, order=first, list_kind="assist", reason="列入")
    with nothing_written() as refused:
        actions.convert_to_amendment(user=county_reviewer, order=second, list_kind="assist", reason="列入")
    assert "already has an amendment under way" in refused.value.message
