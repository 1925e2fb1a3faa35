"""A village's and a township's home pages list what waits for them, each a link to where it is done, and
nothing from outside their scope."""

from __future__ import annotations

import datetime

from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import Assignment
from qingdan.forms.actions import admission as form_admission
from qingdan.orgs.choices import Role, UnitKind
from qingdan.tasks.models import ChecklistRow
from qingdan.testing import in_days, make_unit, make_user
from qingdan.web import workbench

from .conftest import section


def keyed(user, today: datetime.date | None = None) -> dict[str, workbench.Section]:
    return {s.key: s for s in workbench.sections(user, today=today)}


def urls(found: workbench.Section) -> list[str]:
    return [item.url for item in found.items]


# --- the village --------------------------------------------------------------------------------


def test_a_task_sent_to_the_village_waits_to_be_received_with_its_link(dispatched, village_cadre, home):
    html = section(home(village_cadre), "to-receive")
    assert reverse("admission:task_detail", args=[dispatched.pk]) in html
    assert dispatched.order.title in html


def test_a_task_sent_to_another_village_is_not_on_the_cadre_home(dispatched, outsider, community, home):
    link = reverse("admission:task_detail", args=[dispatched.pk])
    neighbour = make_user("shequ", Role.VILLAGE_CADRE, make_unit("甲社区居委会", UnitKind.VILLAGE, community))
    assert link not in home(outsider) and link not in home(neighbour)
    assert keyed(outsider)["to-receive"].total == 0


def test_a_received_task_moves_to_the_tasks_under_way(received, village_cadre):
    found = keyed(village_cadre)
    assert found["to-receive"].total == 0
    assert urls(found["under-way"]) == [reverse("admission:task_detail", args=[received.pk])]


def test_tasks_under_way_past_their_deadline_are_counted_and_marked(received, village_cadre):
    later = received.deadline + datetime.timedelta(days=2)
    under_way = keyed(village_cadre, today=later)["under-way"]
    assert under_way.overdue == 1
    assert under_way.items[0].overdue and under_way.items[0].days_over == 2


def test_a_checklist_row_naming_the_cadre_waits_to_be_received(make_checklist, row, village_cadre, home):
    checklist = make_checklist(rows=[row(responsible=village_cadre)], issue=True)
    [mine] = checklist.rows.all()
    html = section(home(village_cadre), "to-receive")
    assert reverse("tasks:row_progress", args=[mine.pk]) in html


def test_a_checklist_row_naming_someone_else_is_not_on_the_cadre_home(
    make_checklist, row, worker, village_cadre
):
    make_checklist(rows=[row(responsible=worker)], issue=True)
    assert ChecklistRow.objects.count() == 1
    assert keyed(village_cadre)["to-receive"].total == 0
    assert keyed(worker)["to-receive"].total == 1


def test_a_form_sent_to_the_village_is_due_with_a_link_to_fill_it(village_form, village_cadre, home):
    html = section(home(village_cadre), "forms-due")
    assert village_form.title in html and reverse("forms:due_list") in html
    assert keyed(village_cadre)["forms-due"].total == 1


def test_a_form_sent_to_another_village_is_not_due_here(
    make_form, dept_clerk, county_reviewer, other_village, village_cadre, outsider
):
    form = make_form(villages=[other_village], title="乙村专用表")
    form_admission.submit_form(user=dept_clerk, form=form)
    form_admission.approve_form(user=county_reviewer, form=form)
    assert keyed(village_cadre)["forms-due"].total == 0
    assert [item.title for item in keyed(outsider)["forms-due"].items] == ["乙村专用表"]


def bypass(user):
    return actions.file_complaint(
        user=user,
        kind="bypass",
        what="电话要求村里上报环境整治台账",
        against_name="县城管局某科室",
        channel="phone",
    )


def test_an_answered_complaint_shows_with_its_link(village_cadre, county_reviewer, outsider, home):
    complaint = bypass(village_cadre)
    assert keyed(village_cadre)["complaints-answered"].total == 0  # still open
    actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=True, outcome="已责令整改")
    html = section(home(village_cadre), "complaints-answered")
    assert reverse("admission:complaint_detail", args=[complaint.pk]) in html
    assert keyed(outsider)["complaints-answered"].total == 0


def test_with_nothing_waiting_the_village_is_told_what_it_can_do_next(village_cadre, home):
    html = home(village_cadre)
    assert "没有待接收的任务。" in section(html, "to-receive")
    assert reverse("admission:task_list") in section(html, "to-receive")
    assert reverse("admission:complaint_create") in section(html, "complaints-answered")


# --- the township -------------------------------------------------------------------------------


def test_an_approved_order_waits_for_the_township_to_dispatch_it(
    assignment, township_dispatcher, other_township, home
):
    html = section(home(township_dispatcher), "to-dispatch")
    assert reverse("admission:assignment_dispatch", args=[assignment.pk]) in html
    stranger = make_user(
        "yixiang", Role.TOWNSHIP_DISPATCHER, make_unit("乙乡党政办", UnitKind.TOWNSHIP, other_township)
    )
    assert keyed(stranger)["to-dispatch"].total == 0


def test_only_the_townships_own_assignments_wait(
    make_order, dept_clerk, county_reviewer, village, other_village, township_dispatcher, catalogs
):
    order = make_order(targets=[(village, False), (other_village, False)])
    actions.submit_order(user=dept_clerk, order=order)
    actions.approve_order(user=county_reviewer, order=order)
    assert Assignment.objects.filter(order=order).count() == 2
    [mine] = keyed(township_dispatcher)["to-dispatch"].items
    assert mine.url == reverse(
        "admission:assignment_dispatch",
        args=[Assignment.objects.get(order=order, township=township_dispatcher.unit.division).pk],
    )


def test_a_villages_task_past_its_deadline_shows_to_its_township(
    dispatched, township_dispatcher, other_township
):
    later = dispatched.deadline + datetime.timedelta(days=1)
    assert keyed(township_dispatcher)["villages-overdue"].total == 0
    overdue = keyed(township_dispatcher, today=later)["villages-overdue"]
    assert urls(overdue) == [reverse("admission:task_detail", args=[dispatched.pk])]
    stranger = make_user(
        "yixiang", Role.TOWNSHIP_DISPATCHER, make_unit("乙乡党政办", UnitKind.TOWNSHIP, other_township)
    )
    assert keyed(stranger, today=later)["villages-overdue"].total == 0


def test_a_checklist_with_an_overdue_row_shows_to_its_township(
    make_checklist, row, township_dispatcher, outsider
):
    checklist = make_checklist(
        rows=[row(deadline=in_days(5)), row(task="第二项", deadline=in_days(60))], issue=True
    )
    assert keyed(township_dispatcher)["checklists-overdue"].total == 0
    [item] = keyed(township_dispatcher, today=in_days(6))["checklists-overdue"].items
    assert item.url == reverse("tasks:checklist_detail", args=[checklist.pk])
    assert keyed(outsider, today=in_days(6)).get("checklists-overdue") is None  # not a township


def test_with_nothing_waiting_the_township_is_told_where_to_look(township_dispatcher, home):
    html = section(home(township_dispatcher), "to-dispatch")
    assert "审核通过的工单都已派发。" in html
    assert reverse("admission:assignment_list") in html


def test_sections_with_something_waiting_come_first(received, village_cadre):
    keys = [s.key for s in workbench.sections(village_cadre)]
    assert keys == ["under-way", "to-receive", "forms-due", "complaints-answered"]
