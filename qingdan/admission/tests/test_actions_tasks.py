"""A township dispatches an approved order to villages; villages receive, report progress and complete."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.admission import actions
from qingdan.admission.choices import AssignmentStatus, TaskStatus
from qingdan.admission.models import TaskReport, VillageTask
from qingdan.admission.queries import requested_villages
from qingdan.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("english")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# Dispatch


def test_a_township_dispatches_to_chosen_villages_with_the_orders_deadline(
    assignment, township_dispatcher, village, approved
):
    tasks = actions.dispatch(
        user=township_dispatcher, assignment=assignment, villages=[village], note="请按时完成"
    )
    assert [(t.village, t.status, t.deadline, t.county) for t in tasks] == [
        (village, TaskStatus.SENT, approved.deadline, approved.county)
    ]
    assignment.refresh_from_db()
    assert (
        assignment.status == AssignmentStatus.DISPATCHED and assignment.dispatched_by == township_dispatcher
    )
    assert assignment.note == "请按时完成"
    assert AuditEvent.objects.get(action="admission.dispatch").changes["villages"] == [None, "甲村"]


@pytest.fixture
def both_villages(catalogs, make_order, dept_clerk, county_reviewer, township, village, community):
    """The assignment of an approved order that names 甲村 and 甲社区."""
    order = make_order(targets=[(village, False), (community, False)])
    order = actions.submit_order(user=dept_clerk, order=order)
    actions.approve_order(user=county_reviewer, order=order)
    return order.assignments.get(township=township)


def test_dispatching_again_adds_villages_and_keeps_the_first(
    both_villages, township_dispatcher, village, community
):
    actions.dispatch(user=township_dispatcher, assignment=both_villages, villages=[village])
    added = actions.dispatch(
        user=township_dispatcher, assignment=both_villages, villages=[village, community]
    )
    assert [t.village for t in added] == [community]
    assert VillageTask.objects.filter(assignment=both_villages).count() == 2


def test_a_village_the_order_was_not_screened_for_is_refused_and_nothing_is_sent(
    assignment, township_dispatcher, village, community, nothing_written
):
    with nothing_written() as refused:
        actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[village, community])
    assert refused.value.message.startswith("甲社区 were not among the villages this order was screened")
    assert "县农业农村局 has to file them in an order for screening and review" in refused.value.message


def test_a_village_added_after_dispatch_is_refused_too(
    dispatched, assignment, township_dispatcher, community, nothing_written
):
    with nothing_written():
        actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[community])


def test_a_township_named_with_all_its_villages_may_send_to_each_of_them(
    catalogs, make_order, dept_clerk, county_reviewer, township, township_dispatcher, village, community
):
    order = actions.submit_order(user=dept_clerk, order=make_order(targets=[(township, True)]))
    actions.approve_order(user=county_reviewer, order=order)
    tasks = actions.dispatch(
        user=township_dispatcher, assignment=order.assignments.get(), villages=[village, community]
    )
    assert [t.village for t in tasks] == [village, community]


def test_a_township_named_alone_cannot_hand_the_work_down_to_its_villages(
    catalogs, make_order, dept_clerk, county_reviewer, township, township_dispatcher, village, nothing_written
):
    order = actions.submit_order(user=dept_clerk, order=make_order(targets=[(township, False)]))
    actions.approve_order(user=county_reviewer, order=order)
    with nothing_written() as refused:
        actions.dispatch(user=township_dispatcher, assignment=order.assignments.get(), villages=[village])
    assert refused.value.message.startswith("甲村 were not among")


def test_dispatching_to_villages_that_have_the_task_is_refused(
    dispatched, assignment, township_dispatcher, village, nothing_written
):
    with nothing_written() as refused:
        actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[village])
    assert "already has this task" in refused.value.message


def test_a_township_cannot_dispatch_to_another_townships_village(
    assignment, township_dispatcher, other_village, nothing_written
):
    with nothing_written() as refused:
        actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[other_village])
    assert refused.value.message == "乙村 is not a village of 甲镇."


def test_dispatching_to_no_village_is_refused(assignment, township_dispatcher, nothing_written):
    with nothing_written():
        actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[])


def test_the_villages_the_department_named_are_offered_first(
    catalogs, make_order, dept_clerk, county_reviewer, township, village, community
):
    named_one = actions.submit_order(user=dept_clerk, order=make_order(targets=[(village, False)]))
    named_all = actions.submit_order(user=dept_clerk, order=make_order(targets=[(township, True)]))
    for order in (named_one, named_all):
        actions.approve_order(user=county_reviewer, order=order)
    assert requested_villages(named_one.assignments.get()) == [village]
    assert requested_villages(named_all.assignments.get()) == [village, community]


# Receive, report, complete


def test_a_village_receives_its_task(received):
    assert received.status == TaskStatus.RECEIVED and received.received_at is not None
    assert AuditEvent.objects.filter(action="admission.receive_task").count() == 1


def test_a_task_is_received_once(received, village_cadre, nothing_written):
    with nothing_written() as refused:
        actions.receive_task(user=village_cadre, task=received)
    assert refused.value.message == "This task was already received."


def test_a_village_reports_progress_with_a_photo(received, village_cadre, media_root):
    photo = SimpleUploadedFile("现场.png", PNG)
    report = actions.report_progress(
        user=village_cadre, task=received, progress=40, note="已通知养殖户", file=photo
    )
    received.refresh_from_db()
    assert (received.status, received.progress) == (TaskStatus.IN_PROGRESS, 40)
    assert (report.kind, report.progress, report.note, report.original_name) == (
        "progress",
        40,
        "已通知养殖户",
        "现场.png",
    )
    assert (media_root / report.file.name).read_bytes() == PNG


@pytest.mark.parametrize("progress", [-1, 100, 150, "50", True])
def test_progress_is_a_whole_percentage_below_100(received, village_cadre, nothing_written, progress):
    with nothing_written() as refused:
        actions.report_progress(user=village_cadre, task=received, progress=progress, note="进行中")
    assert "0 to 99" in refused.value.message


def test_a_report_needs_a_short_note(received, village_cadre, nothing_written):
    with nothing_written():
        actions.report_progress(user=village_cadre, task=received, progress=10, note="")
    with nothing_written() as refused:
        actions.report_progress(user=village_cadre, task=received, progress=10, note="长" * 501)
    assert "at most 500" in refused.value.message


def test_a_report_with_a_false_file_is_refused_whole(received, village_cadre, nothing_written):
    fake = SimpleUploadedFile("现场.jpg", PNG)
    with nothing_written() as refused:
        actions.report_progress(user=village_cadre, task=received, progress=10, note="进行中", file=fake)
    assert '"现场.jpg" is not a real JPEG' in refused.value.message


def test_reporting_on_a_task_not_yet_received_receives_it(dispatched, village_cadre):
    actions.report_progress(user=village_cadre, task=dispatched, progress=10, note="已开始")
    dispatched.refresh_from_db()
    assert dispatched.received_at is not None and dispatched.status == TaskStatus.IN_PROGRESS


def test_a_village_completes_its_task(received, village_cadre):
    report = actions.complete_task(user=village_cadre, task=received, note="全部完成")
    received.refresh_from_db()
    assert (received.status, received.progress) == (TaskStatus.COMPLETED, 100)
    assert received.completed_at is not None
    assert (report.kind, report.progress) == ("completion", 100)
    assert AuditEvent.objects.get(action="admission.complete_task").changes["status"] == [
        "received",
        "completed",
    ]


def test_a_completed_task_takes_no_more_reports(received, village_cadre, nothing_written):
    actions.complete_task(user=village_cadre, task=received, note="全部完成")
    with nothing_written() as refused:
        actions.report_progress(user=village_cadre, task=received, progress=50, note="再报")
    assert refused.value.message == "This task is already completed."
    with nothing_written():
        actions.complete_task(user=village_cadre, task=received, note="再报")
    assert TaskReport.objects.count() == 1
