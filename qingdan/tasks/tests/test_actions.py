"""Creating, editing, issuing and closing checklists; rows; progress reports by the responsible person."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.notifications.models import Notification
from qingdan.tasks import actions
from qingdan.tasks.choices import ChecklistStatus, RowStatus
from qingdan.tasks.models import Checklist, ChecklistRow, RowUpdate
from qingdan.testing import in_days, make_user, nothing_written

pytestmark = pytest.mark.django_db


def test_a_township_office_creates_a_draft_checklist_with_its_rows(
    make_checklist, row, township_dispatcher, township, leader, helper, worker
):
    checklist = make_checklist(rows=[row(), row(task="落实防汛物资储备", area="物资保障")])
    assert checklist.status == ChecklistStatus.DRAFT
    assert checklist.owner_unit == township_dispatcher.unit
    assert checklist.division == township
    assert checklist.county == township.county
    rows = list(checklist.rows.order_by("position"))
    assert [(r.position, r.task) for r in rows] == [(1, "开展汛前隐患排查"), (2, "落实防汛物资储备")]
    assert rows[0].lead_leader == leader and rows[0].responsible == worker
    assert list(rows[0].cooperating_leaders.all()) == [helper]
    event = AuditEvent.objects.get(action="tasks.create_checklist")
    assert event.division == township and event.changes["rows"] == [None, 2]


def test_a_row_without_a_responsible_person_refuses_the_whole_checklist_in_chinese(make_checklist, row):
    with nothing_written() as refused:
        make_checklist(rows=[row(), row(responsible=None)])
    assert refused.value.message == "第2行没有具体责任人：每一行都必须写明具体责任人。"


def test_a_row_without_a_deadline_is_refused_in_chinese(make_checklist, row):
    with nothing_written() as refused:
        make_checklist(rows=[row(deadline=None)])
    assert refused.value.message == "第1行没有完成时限：每一行都必须写明完成时限。"


def test_several_bad_rows_are_all_listed(make_checklist, row):
    with nothing_written() as refused:
        make_checklist(rows=[row(task=" "), row(responsible=None, deadline=None)])
    assert refused.value.problems == [
        "第1行：工作任务为空。",
        "第2行没有具体责任人：每一行都必须写明具体责任人。",
        "第2行没有完成时限：每一行都必须写明完成时限。",
    ]
    assert "3" in refused.value.message


def test_a_checklist_needs_a_title_and_a_source(make_checklist):
    with nothing_written() as refused:
        make_checklist(title="  ")
    assert "标题" in refused.value.message
    with nothing_written() as refused:
        make_checklist(source_title="")
    assert "会议或文件" in refused.value.message


def test_a_person_of_another_township_cannot_be_named_on_a_row(make_checklist, row, outsider):
    with nothing_written() as refused:
        make_checklist(rows=[row(responsible=outsider)])
    assert "yicun" in refused.value.message and "甲镇" in refused.value.message


def test_a_deactivated_person_cannot_be_named(make_checklist, row, worker):
    worker.is_active = False
    worker.save()
    with nothing_written():
        make_checklist(rows=[row()])


def test_a_lead_leader_never_also_cooperates_on_the_same_row(make_checklist, row, leader, helper):
    checklist = make_checklist(rows=[row(cooperating_leaders=[leader, helper, helper])])
    assert list(checklist.rows.get().cooperating_leaders.all()) == [helper]


@pytest.mark.parametrize("persona", ["village_cadre", "supervisor", "platform_admin"])
def test_roles_that_keep_no_checklists_cannot_create_one(persona, request, row):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        actions.create_checklist(user=user, title="清单", source_title="会议", year=2025, rows=[row()])


@pytest.mark.parametrize("persona", ["catalog_office", "county_reviewer", "dept_clerk"])
def test_county_offices_and_departments_create_checklists_for_their_own_unit(persona, request, county):
    user = request.getfixturevalue(persona)
    owner = make_user(f"{persona}-lead", user.role, user.unit, full_name="张主任")
    rows = [actions.RowInput(task="牵头推进", responsible=owner, deadline=in_days(10), lead_leader=owner)]
    checklist = actions.create_checklist(
        user=user, title="清单", source_title="县委常委会", year=2025, rows=rows
    )
    assert checklist.owner_unit == user.unit and checklist.division == county


def test_another_unit_of_the_county_cannot_change_a_township_checklist(active, catalog_office, row):
    with pytest.raises(PermissionDenied):
        actions.add_row(user=catalog_office, checklist=active, row=row())
    with pytest.raises(PermissionDenied):
        actions.close_checklist(user=catalog_office, checklist=active)


def test_a_supervisor_changes_nothing(active, supervisor, row):
    for act in (
        lambda: actions.add_row(user=supervisor, checklist=active, row=row()),
        lambda: actions.close_checklist(user=supervisor, checklist=active),
        lambda: actions.update_progress(user=supervisor, row=active.rows.get(), percent=10),
    ):
        with pytest.raises(PermissionDenied):
            act()


def test_the_header_is_edited_and_the_change_audited(make_checklist, township_dispatcher):
    checklist = make_checklist()
    actions.update_checklist(
        user=township_dispatcher,
        checklist=checklist,
        title="2025年甲镇防汛抗旱任务清单（修订）",
        source_title="全县防汛抗旱工作会议",
        source_kind="meeting",
        source_date=datetime.date(2025, 3, 20),
        year=2025,
    )
    checklist.refresh_from_db()
    assert checklist.title.endswith("（修订）")
    event = AuditEvent.objects.get(action="tasks.update_checklist")
    assert event.changes == {"title": ["2025年甲镇防汛抗旱任务清单", "2025年甲镇防汛抗旱任务清单（修订）"]}


def test_rows_are_added_at_the_end_edited_and_removed_with_renumbering(
    make_checklist, row, township_dispatcher, helper
):
    checklist = make_checklist(rows=[row(task="一"), row(task="二")])
    added = actions.add_row(user=township_dispatcher, checklist=checklist, row=row(task="三"))
    assert added.position == 3
    first = checklist.rows.get(position=1)
    actions.edit_row(user=township_dispatcher, row=first, data=row(task="一（改）", lead_leader=helper))
    first.refresh_from_db()
    assert first.task == "一（改）" and first.lead_leader == helper
    assert list(first.cooperating_leaders.all()) == []  # the lead leader was taken out of cooperating
    changes = AuditEvent.objects.get(action="tasks.edit_row").changes
    assert changes["task"] == ["一", "一（改）"] and changes["lead_leader"] == ["王书记", "赵镇长"]
    actions.remove_row(user=township_dispatcher, row=checklist.rows.get(position=2))
    assert list(checklist.rows.order_by("position").values_list("position", "task")) == [
        (1, "一（改）"),
        (2, "三"),
    ]


def test_an_edit_cannot_take_away_the_responsible_person(active, row, township_dispatcher):
    target = active.rows.get()
    with nothing_written() as refused:
        actions.edit_row(user=township_dispatcher, row=target, data=row(responsible=None))
    assert "具体责任人" in refused.value.message


def test_a_row_with_progress_reports_cannot_be_removed(active, worker, township_dispatcher):
    target = active.rows.get()
    actions.update_progress(user=worker, row=target, percent=30, note="已排查一半")
    with pytest.raises(ActionRefused, match="进度"):
        actions.remove_row(user=township_dispatcher, row=target)


def test_issuing_tells_everyone_named_and_needs_a_row(
    make_checklist, township_dispatcher, leader, helper, worker, django_capture_on_commit_callbacks
):
    empty = make_checklist(rows=[])
    with pytest.raises(ActionRefused, match="至少"):
        actions.issue_checklist(user=township_dispatcher, checklist=empty)
    checklist = make_checklist()
    with django_capture_on_commit_callbacks(execute=True):
        actions.issue_checklist(user=township_dispatcher, checklist=checklist)
    told = set(Notification.objects.filter(verb="tasks.checklist_issued").values_list("recipient", flat=True))
    assert told == {leader.pk, helper.pk, worker.pk}
    with pytest.raises(ActionRefused):
        actions.issue_checklist(user=township_dispatcher, checklist=checklist)


def test_a_closed_checklist_changes_no_more(active, township_dispatcher, worker, row):
    actions.close_checklist(user=township_dispatcher, checklist=active)
    with nothing_written() as refused:
        actions.add_row(user=township_dispatcher, checklist=active, row=row())
    assert "已关闭" in refused.value.message
    with nothing_written():
        actions.update_progress(user=worker, row=active.rows.get(), percent=50)


# --- progress ------------------------------------------------------------------------------------


def test_the_responsible_person_reports_progress_with_a_note_and_a_file(active, worker):
    target = active.rows.get()
    scan = SimpleUploadedFile("排查台账.pdf", b"%PDF-1.4 ledger", content_type="application/pdf")
    update = actions.update_progress(user=worker, row=target, percent=40, note="已排查12处", file=scan)
    target.refresh_from_db()
    assert (target.progress, target.status) == (40, RowStatus.IN_PROGRESS)
    assert update.original_name == "排查台账.pdf" and update.file.read().startswith(b"%PDF")
    event = AuditEvent.objects.get(action="tasks.update_progress")
    assert event.changes["progress"] == [0, 40] and event.note == "已排查12处"


def test_nobody_but_the_responsible_person_reports_progress(active, leader, helper, township_dispatcher):
    target = active.rows.get()
    for person in (leader, helper, township_dispatcher):
        with pytest.raises(PermissionDenied):
            actions.update_progress(user=person, row=target, percent=50)
    assert not RowUpdate.objects.exists()


@pytest.mark.parametrize("percent", [-1, 101, "50", 50.5, True])
def test_progress_is_a_whole_percent_from_0_to_100(active, worker, percent):
    with nothing_written() as refused:
        actions.update_progress(user=worker, row=active.rows.get(), percent=percent)
    assert "0 到 100" in refused.value.message


def test_progress_on_a_draft_is_refused(make_checklist, worker):
    draft_row = make_checklist().rows.get()
    with nothing_written() as refused:
        actions.update_progress(user=worker, row=draft_row, percent=10)
    assert "下发" in refused.value.message


def test_a_fake_file_is_refused_and_nothing_is_stored(active, worker, settings):
    fake = SimpleUploadedFile("台账.pdf", b"PK\x03\x04 not a pdf", content_type="application/pdf")
    with nothing_written():
        actions.update_progress(user=worker, row=active.rows.get(), percent=10, file=fake)
    assert not (settings.MEDIA_ROOT / "tasks").exists()


def test_reporting_100_percent_finishes_the_row_and_tells_the_lead_leader(
    active, worker, leader, django_capture_on_commit_callbacks
):
    target = active.rows.get()
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_progress(user=worker, row=target, percent=100, note="全部整改完毕")
    target.refresh_from_db()
    assert target.status == RowStatus.DONE and target.completed_at is not None
    done = Notification.objects.get(verb="tasks.row_done")
    assert done.recipient == leader and "李明" in done.text and "开展汛前隐患排查" in done.text


def test_a_row_going_back_from_100_percent_is_open_again(active, worker):
    target = active.rows.get()
    actions.update_progress(user=worker, row=target, percent=100)
    actions.update_progress(user=worker, row=target, percent=90, note="复查发现一处未整改")
    target.refresh_from_db()
    assert target.status == RowStatus.IN_PROGRESS and target.completed_at is None


def test_checklists_keep_their_rows_in_order(make_checklist, row):
    checklist = make_checklist(rows=[row(task=str(n)) for n in range(1, 13)])
    assert list(ChecklistRow.objects.filter(checklist=checklist).values_list("task", flat=True)) == [
        str(n) for n in range(1, 13)
    ]
    assert Checklist.objects.count() == 1
