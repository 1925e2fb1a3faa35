"""The review toolkit, through work orders: open, decide, the three verbs, bulk decisions, the decision
page's POST and the API's shapes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pydantic import ValidationError

from qingdan import limits
from qingdan.admission.actions.review import REVIEW
from qingdan.admission.choices import OrderStatus
from qingdan.admission.models import ReviewEntry, WorkOrder
from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.notifications.models import Notification
from qingdan.review.models import AbstractReviewEntry
from qingdan.review.schemas import DecisionReasonIn, ReviewEntryOut
from qingdan.review.workflow import decide_each

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_apps_entries_keep_the_abstract_entry_in_their_own_table():
    assert issubclass(ReviewEntry, AbstractReviewEntry) and AbstractReviewEntry._meta.abstract
    assert ReviewEntry._meta.db_table == "admission_reviewentry"
    assert ReviewEntry._meta.ordering == ["at", "id"]
    names = {f.name for f in ReviewEntry._meta.get_fields()}
    assert {"order", "step", "actor", "at", "reason", "cited_item"} <= names
    assert ReviewEntry._meta.get_field("step").choices  # the app's own steps


def test_open_refuses_what_no_longer_waits_for_a_decision(draft, county_reviewer, nothing_written):
    with nothing_written() as refused:
        REVIEW.open(county_reviewer, draft)
    assert refused.value.message == "This order is not awaiting review any more; it is draft."


def test_open_refuses_someone_whose_role_does_not_decide(submitted, dept_clerk):
    with pytest.raises(PermissionDenied):
        REVIEW.open(dept_clerk, submitted)


def test_sending_back_writes_state_entry_audit_row_and_tells_the_filer(
    submitted, county_reviewer, dept_clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = REVIEW.send_back(user=county_reviewer, obj=submitted, reason="  请补充经费来源  ")
    order.refresh_from_db()
    assert order.status == OrderStatus.RETURNED and order.decided_at is None  # the stamp clears it
    entry = order.history.last()
    assert (entry.step, entry.actor, entry.reason) == ("return", county_reviewer, "请补充经费来源")
    event = AuditEvent.objects.get(action="admission.return_order")
    assert event.changes == {"status": ["submitted", "returned"]} and event.note == "请补充经费来源"
    told = Notification.objects.get(recipient=dept_clerk, verb="admission.order_returned")
    said = f"Your work order was returned for clarification: {order.title}. Reason: 请补充经费来源"
    assert told.text == said
    assert told.url == reverse("admission:order_detail", args=[order.pk])


def test_approving_stamps_the_decision_time(submitted, county_reviewer):
    order = REVIEW.approve(user=county_reviewer, obj=submitted, note="")
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED and order.decided_at is not None


def test_the_apps_check_refuses_an_approval_before_anything_is_written(
    submitted, county_reviewer, nothing_written
):
    def check(order, note):
        raise ActionRefused("not today")

    with nothing_written() as refused:
        REVIEW.approve(user=county_reviewer, obj=submitted, note="同意", check=check)
    assert refused.value.message == "not today"
    assert WorkOrder.objects.get(pk=submitted.pk).status == OrderStatus.SUBMITTED


@pytest.mark.parametrize("verb", ["send_back", "refuse"])
def test_a_reason_longer_than_the_named_limit_is_refused_and_nothing_is_written(
    submitted, county_reviewer, nothing_written, verb
):
    with nothing_written() as refused:
        getattr(REVIEW, verb)(user=county_reviewer, obj=submitted, reason="理" * (limits.REASON_CHARS + 1))
    assert f"at most {limits.REASON_CHARS}" in refused.value.message
    assert DecisionReasonIn.model_fields["reason"].metadata[-1].max_length == limits.REASON_CHARS


def test_what_the_check_returns_goes_into_the_audit_row(submitted, county_reviewer):
    REVIEW.approve(user=county_reviewer, obj=submitted, note="同意", check=lambda o, n: {"why": [None, n]})
    assert AuditEvent.objects.get(action="admission.approve_order").changes == {
        "status": ["submitted", "approved"],
        "why": [None, "同意"],
    }


def test_refusing_keeps_the_cited_item_in_the_entry_and_the_audit_row(submitted, county_reviewer):
    cited = "负面事项:66 城市管理执法"
    REVIEW.refuse(user=county_reviewer, obj=submitted, reason="超出清单", cited_item=cited)
    entry = ReviewEntry.objects.get(order=submitted, step="refuse")
    assert entry.cited_item == "负面事项:66 城市管理执法"
    assert AuditEvent.objects.get(action="admission.refuse_order").changes["cited_item"] == [
        None,
        "负面事项:66 城市管理执法",
    ]


def test_a_cited_item_longer_than_the_entry_keeps_is_refused(submitted, county_reviewer, nothing_written):
    with nothing_written() as refused:
        REVIEW.refuse(user=county_reviewer, obj=submitted, reason="超出清单", cited_item="项" * 301)
    assert "at most 300" in refused.value.message


def test_a_reason_is_needed_to_send_back_or_refuse(submitted, county_reviewer, nothing_written):
    for verb in (REVIEW.send_back, REVIEW.refuse):
        with nothing_written() as refused:
            verb(user=county_reviewer, obj=submitted, reason="   ")
        assert refused.value.message.endswith("is empty.")


def test_an_entry_that_is_no_decision_leaves_the_state_alone(submitted, dept_clerk):
    entry = REVIEW.entry(submitted, user=dept_clerk, step="withdraw", reason="重复")
    submitted.refresh_from_db()
    assert submitted.status == OrderStatus.SUBMITTED and entry.order == submitted and entry.reason == "重复"


def test_decide_each_reports_each_refusal_and_denial_and_decides_the_rest(
    submitted, make_order, county_reviewer, dept_clerk
):
    draft = make_order(title="另一份草稿")
    results = decide_each(
        lambda order: REVIEW.approve(user=county_reviewer, obj=order), [submitted, draft], denied="no"
    )
    assert [(o.pk, why) for o, why in results] == [
        (submitted.pk, None),
        (draft.pk, "This order is not awaiting review any more; it is draft."),
    ]
    denied = decide_each(lambda order: REVIEW.open(dept_clerk, order), [draft], denied="no")
    assert denied == [(draft, "no")]


# --- the pages' decision helper, through the order page ------------------------------------------


def test_a_refused_decision_comes_back_to_the_page_as_a_message(approved, county_reviewer, client):
    client.force_login(county_reviewer)
    url = reverse("admission:order_return", args=[approved.pk])
    response = client.post(url, {"reason": "再看看"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admission:order_detail", args=[approved.pk])
    with translation.override("zh-hans"):  # the pages speak Chinese
        said = REVIEW.not_awaiting % {"status": OrderStatus.APPROVED.label}
    assert said in response.content.decode()


def test_an_invalid_decision_form_shows_the_page_again(submitted, county_reviewer, client):
    client.force_login(county_reviewer)
    response = client.post(reverse("admission:order_return", args=[submitted.pk]), {"reason": ""})
    assert response.status_code == 400
    assert WorkOrder.objects.get(pk=submitted.pk).status == OrderStatus.SUBMITTED


def test_a_decision_taken_says_so_and_goes_on(submitted, county_reviewer, client):
    client.force_login(county_reviewer)
    url = reverse("admission:order_return", args=[submitted.pk])
    response = client.post(url, {"reason": "请补充"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admission:review_queue")
    with translation.override("zh-hans"):
        said = gettext("Returned to the department for clarification.")
    assert said in response.content.decode()


# --- the API's shapes ----------------------------------------------------------------------------


def test_a_decision_reason_is_stripped_and_may_not_be_empty():
    assert DecisionReasonIn(reason="  退回  ").reason == "退回"
    with pytest.raises(ValidationError):
        DecisionReasonIn(reason="   ")


def test_an_entry_goes_out_with_its_actor_named(submitted):
    entry = submitted.history.get()
    out = ReviewEntryOut.from_orm(entry).dict()
    assert out["step"] == "submit" and out["actor"] == str(entry.actor) and out["reason"] == ""
