"""Each role's daily path on a phone (390 × 844), from the home page, by clicking links: the card on the home
page's workbench that waits for the person (for the clerk, the next step its empty section offers), then
the pages' own links and buttons; the header's menu has its own test (test_header_menu.py). Each walk ends
by reading the database through the models, and `outside_untouched` checks that it wrote to the test
database and the test's media folder only.

village cadre         receive a dispatched task → report progress → complete → complain
township dispatcher   dispatch an approved order to its villages
county reviewer       approve an order waiting in the queue
department clerk      write an order and read the screening as you write (pre-check) → submit it
"""

from __future__ import annotations

import pytest

from qingdan.admission.models import Assignment, Complaint, OrderTarget, VillageTask, WorkOrder
from qingdan.admission.tests.conftest import order_fields
from qingdan.admission.tests.test_browser_chain import fits_the_screen, signed_in
from qingdan.testing import in_days

from .conftest import PHONE

pytestmark = pytest.mark.browser

STATEMENTS = ("deadline", "department_does", "grassroots_must", "support_money_yuan", "support_people")


def from_the_workbench(page, base_url: str, path: str) -> None:
    """Start on the home page and follow the workbench's link to `path`: the card of what waits, or the
    next step an empty section offers."""
    page.goto(f"{base_url}/")
    page.click(f"main section.workbench a[href$='{path}']")
    page.wait_for_url(f"**{path}")
    fits_the_screen(page)


def test_a_village_cadre_receives_reports_completes_and_complains(
    live_server, browser, outside_untouched, dispatched, village_cadre
):
    task = dispatched
    page = signed_in(browser, live_server.url, village_cadre, **PHONE)
    from_the_workbench(page, live_server.url, f"/orders/tasks/{task.pk}/")
    page.click("#receive-task")
    page.wait_for_selector(".badge.task-received")

    report = "details:has(form[action$='/report/'])"
    page.click(f"{report} > summary")
    page.fill(f"{report} input[name=progress]", "40")
    page.fill(f"{report} textarea[name=note]", "已通知全部养殖户，完成四成入户免疫")
    page.click(f"{report} button[type=submit]")
    page.wait_for_selector(".badge.task-in_progress")

    page.click("#complete > summary")
    page.fill("#complete textarea[name=note]", "已配合防疫员完成全部养殖户的强制免疫")
    page.click("#complete-task")
    page.wait_for_selector(".badge.task-completed")
    fits_the_screen(page)

    page.fill("#complaint-what", "承诺的防疫培训没有开展")
    page.click(".complain button[name=kind][value=support_missing]")
    page.wait_for_url("**/orders/complaints/**")

    task.refresh_from_db()
    assert (task.status, task.progress) == ("completed", 100)
    reports = list(task.reports.values_list("kind", "progress", "actor"))
    assert reports == [("progress", 40, village_cadre.pk), ("completion", 100, village_cadre.pk)]
    complaint = Complaint.objects.get()
    assert (complaint.order_id, complaint.kind, complaint.division_id) == (
        task.order_id,
        "support_missing",
        task.village_id,
    )
    assert complaint.filed_by == village_cadre and complaint.what == "承诺的防疫培训没有开展"
    assert complaint.named is False  # the box was left unticked: the department does not learn who


def test_a_township_dispatcher_dispatches_an_approved_order_to_its_village(
    live_server, browser, outside_untouched, assignment, township_dispatcher, village, community
):
    page = signed_in(browser, live_server.url, township_dispatcher, **PHONE)
    from_the_workbench(page, live_server.url, f"/orders/township/{assignment.pk}/dispatch/")
    assert page.is_checked(f"input[name=villages][value='{village.pk}']")  # the department named it
    page.click("#dispatch")
    page.wait_for_selector(".badge.assignment-dispatched")

    assignment.refresh_from_db()
    assert assignment.status == "dispatched"
    tasks = VillageTask.objects.filter(order=assignment.order)
    assert list(tasks.values_list("village", "status")) == [(village.pk, "sent")]
    assert not tasks.filter(village=community).exists()


def test_a_county_reviewer_approves_an_order_waiting_in_the_queue(
    live_server, browser, outside_untouched, submitted, county_reviewer, township
):
    page = signed_in(browser, live_server.url, county_reviewer, **PHONE)
    from_the_workbench(page, live_server.url, f"/orders/{submitted.pk}/")
    page.fill("form[action$='/approve/'] textarea[name=note]", "部门已明确派员和经费")
    page.click("#approve-order")
    page.wait_for_url("**/orders/review/")
    assert page.locator(f"input[name=orders][value='{submitted.pk}']").count() == 0  # no longer waiting

    submitted.refresh_from_db()
    assert submitted.status == "approved"
    assert submitted.history.last().reason == "部门已明确派员和经费"
    assert list(Assignment.objects.filter(order=submitted).values_list("township", "status")) == [
        (township.pk, "pending")
    ]


def test_a_department_clerk_reads_the_screening_while_writing_then_submits(
    live_server, browser, outside_untouched, catalogs, dept_clerk, village
):
    page = signed_in(browser, live_server.url, dept_clerk, **PHONE)
    from_the_workbench(page, live_server.url, "/orders/new/")  # nothing returned or refused: file one
    fields = order_fields(deadline=in_days(10))  # the admission tests' complete order
    page.fill("#id_title", fields["title"])
    page.fill("#id_text", fields["text"])
    page.check(f"input[name=targets][value='{village.code}']")
    # The pre-check: what the screener says of the draft, before anything is stored.
    page.wait_for_selector("#screen-preview .screening .badge.verdict-cooperate", timeout=10_000)
    assert WorkOrder.objects.count() == 0
    for name in STATEMENTS:
        page.fill(f"#id_{name}", str(fields[name]))
    page.click("button[name=submit]")
    page.wait_for_selector(".badge.order-submitted")
    fits_the_screen(page)

    order = WorkOrder.objects.get()
    assert (order.status, order.verdict) == ("submitted", "cooperate")
    assert order.department_id == dept_clerk.unit_id
    assert {name: getattr(order, name) for name in STATEMENTS} == {name: fields[name] for name in STATEMENTS}
    assert list(OrderTarget.objects.filter(order=order).values_list("division", "all_villages")) == [
        (village.pk, False)
    ]
