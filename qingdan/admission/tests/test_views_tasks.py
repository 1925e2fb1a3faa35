"""Township inbox and dispatch; the village's task inbox, receiving, reporting and completing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import Assignment, TaskReport, VillageTask
from qingdan.testing import in_days

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def approve(clerk, reviewer, make_order, **fields):
    order = actions.submit_order(user=clerk, order=make_order(**fields))
    return actions.approve_order(user=reviewer, order=order)


# --- township inbox -----------------------------------------------------------------------------


def test_the_township_inbox_lists_assignments_with_a_dispatch_button(login, township_dispatcher, assignment):
    response = login(township_dispatcher).get(reverse("admission:assignment_list"))
    assert response.status_code == 200
    text = body(response)
    assert assignment.order.title in text
    assert reverse("admission:assignment_dispatch", args=[assignment.pk]) in text
    assert "badge assignment-pending" in text


def test_the_township_inbox_of_another_township_is_empty(login, other_township, county, assignment):
    from qingdan.orgs.choices import Role, UnitKind
    from qingdan.orgs.models import Unit
    from qingdan.testing import make_user

    unit = Unit.objects.create(
        name="乙乡党政办", kind=UnitKind.TOWNSHIP, division=other_township, county=county
    )
    other = make_user("yixiang", Role.TOWNSHIP_DISPATCHER, unit)
    client = login(other)
    assert assignment.order.title not in body(client.get(reverse("admission:assignment_list")))
    assert client.get(reverse("admission:assignment_dispatch", args=[assignment.pk])).status_code == 404


def test_the_township_inbox_costs_the_same_queries_for_many_assignments(
    login,
    township_dispatcher,
    dept_clerk,
    county_reviewer,
    make_order,
    catalogs,
    django_assert_max_num_queries,
):
    client = login(township_dispatcher)
    approve(dept_clerk, county_reviewer, make_order)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("admission:assignment_list"))
    for n in range(8):
        approve(dept_clerk, county_reviewer, make_order, title=f"第{n}个派单")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admission:assignment_list"))
    assert "第7个派单" in body(response)


def test_the_dispatch_form_prechecks_the_villages_the_department_named_and_shows_its_support(
    login, township_dispatcher, assignment, village, community
):
    response = login(township_dispatcher).get(reverse("admission:assignment_dispatch", args=[assignment.pk]))
    assert response.status_code == 200
    text = body(response)
    assert f'value="{village.pk}"' in text and f'value="{community.pk}"' in text
    checked = text.split(f'value="{village.pk}"')[1].split(">")[0]
    assert "checked" in checked
    assert "checked" not in text.split(f'value="{community.pk}"')[1].split(">")[0]
    assert "防疫知识培训一次" in text and "5,000" in text


def test_the_dispatcher_sends_the_order_to_chosen_villages(
    login,
    township_dispatcher,
    dept_clerk,
    county_reviewer,
    make_order,
    catalogs,
    township,
    village,
    community,
):
    order = approve(dept_clerk, county_reviewer, make_order, targets=[(township, True)])
    assignment = order.assignments.get()
    response = login(township_dispatcher).post(
        reverse("admission:assignment_dispatch", args=[assignment.pk]),
        {"villages": [village.pk, community.pk], "note": "请各村本周内完成"},
    )
    assert response.status_code == 302
    assert set(VillageTask.objects.values_list("village__name", flat=True)) == {"甲村", "甲社区"}
    assignment.refresh_from_db()
    assert assignment.status == "dispatched" and assignment.note == "请各村本周内完成"


def test_dispatching_to_no_village_is_refused_in_chinese(login, township_dispatcher, assignment):
    response = login(township_dispatcher).post(
        reverse("admission:assignment_dispatch", args=[assignment.pk]), {"villages": []}
    )
    assert response.status_code == 400
    assert "请至少选择一个村" in body(response)
    assert not VillageTask.objects.exists()


def test_dispatching_to_a_village_of_another_township_is_refused(
    login, township_dispatcher, assignment, other_village
):
    response = login(township_dispatcher).post(
        reverse("admission:assignment_dispatch", args=[assignment.pk]), {"villages": [other_village.pk]}
    )
    assert response.status_code == 400
    assert not VillageTask.objects.exists()


def test_supervisor_may_not_dispatch_and_outsider_gets_404(login, supervisor, outsider, assignment, village):
    url = reverse("admission:assignment_dispatch", args=[assignment.pk])
    assert login(supervisor).get(url).status_code == 403
    assert login(supervisor).post(url, {"villages": [village.pk]}).status_code == 403
    assert login(outsider).post(url, {"villages": [village.pk]}).status_code == 404
    assert not VillageTask.objects.exists()
    assert Assignment.objects.get().status == "pending"


# --- village tasks ------------------------------------------------------------------------------


def test_the_village_inbox_shows_deadline_and_days_left(login, village_cadre, dispatched):
    response = login(village_cadre).get(reverse("admission:task_list"))
    assert response.status_code == 200
    text = body(response)
    assert dispatched.order.title in text
    assert dispatched.deadline.isoformat() in text
    assert "14" in text and "天" in text


def test_an_overdue_task_is_flagged(login, village_cadre, dispatched):
    VillageTask.objects.filter(pk=dispatched.pk).update(deadline=in_days(-3))
    text = body(login(village_cadre).get(reverse("admission:task_list")))
    assert "badge overdue" in text and "3" in text


def test_the_village_inbox_costs_the_same_queries_for_many_tasks(
    login,
    village_cadre,
    township_dispatcher,
    dept_clerk,
    county_reviewer,
    make_order,
    catalogs,
    township,
    village,
    django_assert_max_num_queries,
):
    def send(**fields):
        order = approve(dept_clerk, county_reviewer, make_order, **fields)
        assignment = Assignment.objects.get(order=order, township=township)
        actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[village])

    client = login(village_cadre)
    send()
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("admission:task_list"))
    for n in range(8):
        send(title=f"第{n}个任务")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admission:task_list"))
    assert "第7个任务" in body(response)


def test_an_outsider_sees_no_task_and_gets_404_on_it(login, outsider, dispatched):
    client = login(outsider)
    assert dispatched.order.title not in body(client.get(reverse("admission:task_list")))
    assert client.get(reverse("admission:task_detail", args=[dispatched.pk])).status_code == 404
    assert client.post(reverse("admission:task_receive", args=[dispatched.pk])).status_code == 404


def test_the_task_page_shows_what_the_village_must_do_and_the_support(login, village_cadre, dispatched):
    text = body(login(village_cadre).get(reverse("admission:task_detail", args=[dispatched.pk])))
    assert "村委会通知养殖户" in text and "防疫知识培训一次" in text
    assert reverse("admission:task_receive", args=[dispatched.pk]) in text


def test_the_village_receives_reports_and_completes_a_task(login, village_cadre, dispatched):
    client = login(village_cadre)
    client.post(reverse("admission:task_receive", args=[dispatched.pk]))
    dispatched.refresh_from_db()
    assert dispatched.status == "received"
    proof = SimpleUploadedFile("进度.txt", "已通知12户养殖户".encode(), content_type="text/plain")
    response = client.post(
        reverse("admission:task_report", args=[dispatched.pk]),
        {"progress": "40", "note": "已通知养殖户", "file": proof},
    )
    assert response.status_code == 302
    dispatched.refresh_from_db()
    assert dispatched.progress == 40
    report = TaskReport.objects.get()
    assert report.original_name == "进度.txt"
    assert client.get(reverse("admission:report_file", args=[report.pk])).status_code == 200
    client.post(reverse("admission:task_complete", args=[dispatched.pk]), {"note": "全部完成免疫"})
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.progress) == ("completed", 100)


def test_progress_of_100_or_an_empty_note_is_refused_in_chinese(login, village_cadre, received):
    client = login(village_cadre)
    response = client.post(
        reverse("admission:task_report", args=[received.pk]), {"progress": "100", "note": "x"}
    )
    assert response.status_code == 400 and "99%" in body(response)
    response = client.post(reverse("admission:task_complete", args=[received.pk]), {"note": ""})
    assert response.status_code == 400 and "完成" in body(response)
    received.refresh_from_db()
    assert received.status == "received" and not TaskReport.objects.exists()


def test_supervisor_and_township_may_not_work_a_village_task(
    login, supervisor, township_dispatcher, received
):
    for person in (supervisor, township_dispatcher):
        client = login(person)
        assert client.get(reverse("admission:task_detail", args=[received.pk])).status_code == 200
        assert client.post(reverse("admission:task_receive", args=[received.pk])).status_code == 403
        data = {"progress": "50", "note": "不应生效"}
        assert client.post(reverse("admission:task_report", args=[received.pk]), data).status_code == 403
        assert client.post(reverse("admission:task_complete", args=[received.pk]), data).status_code == 403
    assert not TaskReport.objects.exists()


def test_the_clerk_sees_village_progress_on_the_order_page(login, dept_clerk, village_cadre, received):
    actions.complete_task(user=village_cadre, task=received, note="完成")
    text = body(login(dept_clerk).get(reverse("admission:order_detail", args=[received.order_id])))
    assert "甲村" in text and "badge task-completed" in text and "100%" in text


def test_the_village_sees_and_downloads_the_orders_attachments(login, village_cadre, outsider, dispatched):
    from qingdan.admission.models import Attachment

    pdf = b"%PDF-1.4\n%%EOF\n"
    attachment = Attachment.objects.create(
        order=dispatched.order,
        file=SimpleUploadedFile("防疫通知.pdf", pdf),
        original_name="防疫通知.pdf",
        content_type="application/pdf",
        size=len(pdf),
    )
    client = login(village_cadre)
    assert "防疫通知.pdf" in body(client.get(reverse("admission:task_detail", args=[dispatched.pk])))
    response = client.get(reverse("admission:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    assert (
        login(outsider).get(reverse("admission:attachment_download", args=[attachment.pk])).status_code == 404
    )
