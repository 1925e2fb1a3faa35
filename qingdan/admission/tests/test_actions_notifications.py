"""Each step tells the right people, and only once the step has committed."""

import pytest
from django.urls import reverse

from qingdan.admission import actions
from qingdan.notifications.models import Notification
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Unit
from qingdan.testing import make_user

from .conftest import REFUSE_TEXT

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a step and its after-commit callbacks, as a real request would."""

    def run(step, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(**kwargs)

    return run


@pytest.fixture
def others(county, other_township, community, other_department):
    """People who must hear nothing about an order of 县农业农村局 reaching 甲村."""
    return [
        make_user("ziranziyuan", Role.DEPT_CLERK, other_department),
        make_user(
            "yixiang",
            Role.TOWNSHIP_DISPATCHER,
            Unit.objects.create(
                name="乙乡党政办", kind=UnitKind.TOWNSHIP, division=other_township, county=county
            ),
        ),
        make_user(
            "shequ",
            Role.VILLAGE_CADRE,
            Unit.objects.create(
                name="甲社区居委会", kind=UnitKind.VILLAGE, division=community, county=county
            ),
        ),
    ]


def inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("verb", flat=True))


def test_nothing_is_sent_before_the_commit(
    draft, dept_clerk, county_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.submit_order(user=dept_clerk, order=draft)
    assert callbacks and not Notification.objects.exists()
    for callback in callbacks:  # what the commit would run (the notice, and any figures' refresh)
        callback()
    assert inbox(county_reviewer) == ["admission.order_submitted"]


def test_the_whole_chain_tells_each_person_their_part(
    committed,
    draft,
    dept_clerk,
    county_reviewer,
    township_dispatcher,
    village_cadre,
    supervisor,
    outsider,
    others,
    village,
):
    committed(actions.submit_order, user=dept_clerk, order=draft)
    assert inbox(county_reviewer) == ["admission.order_submitted"]
    committed(actions.approve_order, user=county_reviewer, order=draft)
    assert inbox(dept_clerk) == ["admission.order_approved"]
    assert inbox(township_dispatcher) == ["admission.assignment_received"]
    assignment = draft.assignments.get()
    [task] = committed(actions.dispatch, user=township_dispatcher, assignment=assignment, villages=[village])
    assert inbox(village_cadre) == ["admission.task_sent"]
    committed(actions.receive_task, user=village_cadre, task=task)
    committed(actions.complete_task, user=village_cadre, task=task, note="完成")
    assert inbox(dept_clerk) == ["admission.task_completed", "admission.order_approved"]
    assert inbox(township_dispatcher) == ["admission.task_completed", "admission.assignment_received"]
    for person in [supervisor, outsider, *others]:
        assert inbox(person) == []
    # The acting person is not told about their own step.
    assert inbox(village_cadre) == ["admission.task_sent"]


def test_the_reviewer_is_told_what_was_submitted(committed, draft, dept_clerk, county_reviewer):
    committed(actions.submit_order, user=dept_clerk, order=draft)
    note = Notification.objects.get(recipient=county_reviewer)
    assert note.text == "县农业农村局 submitted a work order for review: 动物防疫宣传和强制免疫"


def test_a_return_and_a_refusal_tell_the_clerk_why(
    committed, catalogs, make_order, dept_clerk, county_reviewer
):
    returned = actions.submit_order(user=dept_clerk, order=make_order())
    committed(actions.return_order, user=county_reviewer, order=returned, reason="请补充经费来源")
    refused = actions.submit_order(user=dept_clerk, order=make_order(text=REFUSE_TEXT))
    committed(actions.refuse_order, user=county_reviewer, order=refused, reason="属于负面清单")
    texts = list(Notification.objects.filter(recipient=dept_clerk).values_list("verb", "text"))
    assert (
        "admission.order_returned",
        "Your work order was returned for clarification: 动物防疫宣传和强制免疫. Reason: 请补充经费来源",
    ) in texts
    assert (
        "admission.order_refused",
        "Your work order was refused: 动物防疫宣传和强制免疫. Reason: 属于负面清单",
    ) in texts


def test_a_refused_step_tells_nobody(committed, submitted, county_reviewer):
    with pytest.raises(Exception, match="reason for refusing"):
        committed(actions.refuse_order, user=county_reviewer, order=submitted, reason="")
    assert not Notification.objects.exists()


def test_a_bypass_complaint_tells_the_reviewers_and_the_department_it_names(
    committed, village_cadre, county_reviewer, dept_clerk, department, others
):
    committed(
        actions.file_complaint,
        user=village_cadre,
        kind="bypass",
        what="电话要求村里三天内上报养殖户名单",
        against_unit=department,
        channel="phone",
    )
    assert inbox(county_reviewer) == ["admission.complaint_filed"]
    assert inbox(dept_clerk) == ["admission.complaint_filed"]
    assert inbox(others[0]) == []  # the other department's clerk


def test_a_handled_complaint_tells_the_filer(committed, village_cadre, county_reviewer):
    complaint = actions.file_complaint(
        user=village_cadre, kind="bypass", what="微信群要求填表", against_name="某科室", channel="chat"
    )
    committed(
        actions.handle_complaint, user=county_reviewer, complaint=complaint, upheld=True, outcome="已纠正"
    )
    [note] = Notification.objects.filter(recipient=village_cadre)
    assert note.verb == "admission.complaint_handled" and "已纠正" in note.text


def test_a_deactivated_reviewer_is_not_told(committed, draft, dept_clerk, county_reviewer):
    county_reviewer.is_active = False
    county_reviewer.save()
    committed(actions.submit_order, user=dept_clerk, order=draft)
    assert not Notification.objects.exists()


def test_each_notification_links_to_the_page_of_its_object(
    committed, draft, dept_clerk, county_reviewer, township_dispatcher, village_cadre, village
):
    committed(actions.submit_order, user=dept_clerk, order=draft)
    committed(actions.approve_order, user=county_reviewer, order=draft)
    assignment = draft.assignments.get()
    [task] = committed(actions.dispatch, user=township_dispatcher, assignment=assignment, villages=[village])
    links = dict(Notification.objects.values_list("verb", "url"))
    assert links["admission.order_submitted"] == reverse("admission:order_detail", args=[draft.pk])
    assert links["admission.assignment_received"] == reverse(
        "admission:assignment_dispatch", args=[assignment.pk]
    )
    assert links["admission.task_sent"] == reverse("admission:task_detail", args=[task.pk])
