"""Overdue rows and rows due within three days: the responsible person and the lead leader hear of
each once a day, through `qingdan checklist-alerts`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from qingdan.audit.models import AuditEvent
from qingdan.notifications.models import Notification
from qingdan.tasks import actions
from qingdan.tasks.models import RowAlert
from qingdan.testing import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(make_checklist, row):
    """Rows due 2 days ago, today, in 3 days and in 4 days, in force."""
    return make_checklist(
        rows=[
            row(task="逾期任务", deadline=in_days(-2)),
            row(task="今天到期", deadline=in_days(0)),
            row(task="三天后到期", deadline=in_days(3)),
            row(task="四天后到期", deadline=in_days(4)),
        ],
        issue=True,
    )


def alerts_for(person) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=person, verb__startswith="tasks.row_").values_list(
            "text", flat=True
        )
    )


def run(**kwargs) -> int:
    return actions.send_alerts(**kwargs)


def test_overdue_and_soon_due_rows_are_flagged_to_the_responsible_person_and_the_lead(
    due, worker, leader, helper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == 6  # three rows, two people each
    texts = alerts_for(worker)
    assert len(texts) == 3
    assert any(t.startswith("已逾期2天：") and "逾期任务" in t for t in texts)
    assert any(t.startswith("今天到期：") and "今天到期" in t for t in texts)
    assert any(t.startswith("还有3天到期") and "三天后到期" in t for t in texts)
    assert not any("四天后到期" in t for t in texts)
    assert alerts_for(leader) == texts
    assert alerts_for(helper) == []  # cooperating leaders are not alerted
    assert set(Notification.objects.filter(verb="tasks.row_overdue").values_list("recipient", flat=True)) == {
        worker.pk,
        leader.pk,
    }


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(
    due, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == 6
        assert run() == 0
    assert len(alerts_for(worker)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert run(today=in_days(1)) == 8  # the row due in four days is now due in three
    assert RowAlert.objects.filter(recipient=worker).count() == 7
    assert AuditEvent.objects.filter(action="tasks.send_alerts").count() == 2


def test_done_rows_drafts_and_closed_checklists_raise_no_alert(
    make_checklist, row, worker, township_dispatcher, django_capture_on_commit_callbacks
):
    make_checklist(rows=[row(deadline=in_days(-1))])  # a draft
    active = make_checklist(rows=[row(deadline=in_days(-1)), row(deadline=in_days(1))], issue=True)
    actions.update_progress(user=worker, row=active.rows.get(position=1), percent=100)
    closed = make_checklist(rows=[row(deadline=in_days(-5))], issue=True)
    actions.close_checklist(user=township_dispatcher, checklist=closed)
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == 2  # only the open row due tomorrow, to 李明 and 王书记
    assert [t.startswith("还有1天到期") for t in alerts_for(worker)] == [True]


def test_a_person_who_is_both_lead_and_responsible_hears_once(
    make_checklist, row, leader, django_capture_on_commit_callbacks
):
    make_checklist(rows=[row(responsible=leader, lead_leader=leader, deadline=in_days(-1))], issue=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == 1
    assert len(alerts_for(leader)) == 1


def test_the_command_reports_how_many_alerts_it_sent(due, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("checklist-alerts", stdout=out)
        call_command("checklist-alerts", stdout=out)
    assert out.getvalue().splitlines() == ["已发送6条提醒。", "已发送0条提醒。"]
    assert Notification.objects.filter(verb__startswith="tasks.row_").count() == 6


def test_the_command_alerts_for_a_given_day(due, django_capture_on_commit_callbacks):
    out = io.StringIO()
    later = in_days(30).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("checklist-alerts", "--date", later, stdout=out)
    assert out.getvalue().strip() == "已发送8条提醒。"


def test_an_alert_already_sent_is_seen_by_its_recipient_only(due, worker, leader, township_dispatcher):
    from qingdan import access

    run()
    seen = access.visible(RowAlert.objects.all(), worker)
    assert seen.count() == 3
    assert set(seen.values_list("recipient", flat=True)) == {worker.pk}
    assert access.visible(RowAlert.objects.all(), township_dispatcher).count() == 0
