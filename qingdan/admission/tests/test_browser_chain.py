"""In a real browser, through the real pages and sign-in form, the whole admission chain:

clerk files and submits → reviewer approves in the queue → township dispatches to 甲村 → the village cadre,
on a phone-sized screen, receives and completes → the clerk sees it completed. And a refused order never
reaches a township or a village.

Runs headless Chromium from Debian's package (/usr/bin/chromium) through Playwright, with the fixtures of
the catalog import browser test (live_db handles the append-only audit table on SQLite).
"""

from __future__ import annotations

import pytest

from qingdan.admission.models import Assignment, VillageTask, WorkOrder
from qingdan.duties.tests import test_browser_import as duty_browser
from qingdan.testing import PASSWORD, in_days

from .conftest import REFUSE_TEXT

pytestmark = pytest.mark.browser

live_db = duty_browser.live_db
browser = duty_browser.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True}
ORDER_TEXT = "动物防疫知识宣传、动物饲养情况调查、动物疫病强制免疫服务工作"


def signed_in(browser, base_url: str, user, **context_options):
    """A page in a fresh browser context (its own cookies), signed in through the login form."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.inner_text("main")
    return page


def fits_the_screen(page) -> None:
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{page.url} scrolls sideways: {scroll_width} > {inner_width}"


def file_order(page, base_url: str, village, *, title: str, text: str) -> WorkOrder:
    page.goto(f"{base_url}/orders/new/")
    page.fill("input[name=title]", title)
    page.fill("textarea[name=text]", text)
    page.fill("input[name=deadline]", in_days(10).isoformat())
    page.check(f"input[name=targets][value='{village.code}']")
    page.fill("textarea[name=department_does]", "派出动物防疫员入村开展强制免疫,提供疫苗")
    page.fill("textarea[name=grassroots_must]", "通知养殖户,配合防疫员入户")
    page.fill("input[name=support_money_yuan]", "5000")
    page.fill("input[name=support_people]", "2")
    page.click("button[name=submit]")
    page.wait_for_selector(".badge.order-submitted")
    return WorkOrder.objects.get(title=title)


def test_an_order_goes_from_the_department_to_the_village_and_back(
    live_db,
    live_server,
    browser,
    catalogs,
    dept_clerk,
    county_reviewer,
    township_dispatcher,
    village_cadre,
    village,
):
    base = live_server.url

    clerk = signed_in(browser, base, dept_clerk)
    order = file_order(clerk, base, village, title="动物防疫宣传和强制免疫", text=ORDER_TEXT)
    assert order.status == "submitted" and order.verdict == "cooperate"
    assert clerk.locator("#screening mark").count() > 0  # matched words highlighted

    reviewer = signed_in(browser, base, county_reviewer)
    reviewer.goto(f"{base}/orders/review/")
    reviewer.check(f"input[name=orders][value='{order.pk}']")
    reviewer.click("#bulk-approve")
    reviewer.wait_for_selector(".bulk-results li.approved")
    order.refresh_from_db()
    assert order.status == "approved"

    township = signed_in(browser, base, township_dispatcher)
    township.goto(f"{base}/orders/township/")
    township.click(f"a[href$='/orders/township/{Assignment.objects.get(order=order).pk}/dispatch/']")
    assert township.is_checked(f"input[name=villages][value='{village.pk}']")  # the department named it
    assert "5,000" in township.inner_text("main")  # the department's support is shown
    township.click("#dispatch")
    township.wait_for_selector(".badge.assignment-dispatched")

    cadre = signed_in(browser, base, village_cadre, **PHONE)
    cadre.goto(f"{base}/orders/tasks/")
    fits_the_screen(cadre)
    cadre.click(f"text={order.title}")
    cadre.wait_for_selector("#receive-task")
    fits_the_screen(cadre)
    cadre.click("#receive-task")
    cadre.wait_for_selector(".badge.task-received")
    cadre.click("#complete summary")
    cadre.fill("#complete textarea[name=note]", "已完成全部养殖户的强制免疫")
    cadre.click("#complete-task")
    cadre.wait_for_selector(".badge.task-completed")
    fits_the_screen(cadre)
    task = VillageTask.objects.get(order=order, village=village)
    assert (task.status, task.progress) == ("completed", 100)

    clerk.goto(f"{base}/orders/{order.pk}/")
    progress = clerk.inner_text("#progress")
    assert "甲村" in progress and "100%" in progress
    assert clerk.locator("#progress .badge.task-completed").count() == 1


def test_a_refused_order_never_reaches_a_township_or_village(
    live_db,
    live_server,
    browser,
    catalogs,
    dept_clerk,
    county_reviewer,
    township_dispatcher,
    village_cadre,
    village,
):
    base = live_server.url
    clerk = signed_in(browser, base, dept_clerk)
    order = file_order(clerk, base, village, title="城市管理执法任务", text=REFUSE_TEXT)
    assert order.verdict == "refuse"

    reviewer = signed_in(browser, base, county_reviewer)
    reviewer.goto(f"{base}/orders/{order.pk}/")
    refuse = "#review form[action$='/refuse/']"
    reviewer.fill(f"{refuse} textarea[name=reason]", "属于村级组织不应承担的负面事项")
    reviewer.select_option(f"{refuse} select[name=cited_choice]", index=1)
    reviewer.click("#refuse-order")
    reviewer.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == "refused"
    assert order.history.last().cited_item.startswith("负面事项:")

    township = signed_in(browser, base, township_dispatcher)
    township.goto(f"{base}/orders/township/")
    assert township.locator(".empty-inbox").count() == 1
    assert order.title not in township.inner_text("main")

    cadre = signed_in(browser, base, village_cadre, **PHONE)
    cadre.goto(f"{base}/orders/tasks/")
    assert cadre.locator(".empty-inbox").count() == 1
    fits_the_screen(cadre)
    assert cadre.goto(f"{base}/orders/{order.pk}/").status == 404
    assert not Assignment.objects.filter(order=order).exists()
    assert not VillageTask.objects.filter(order=order).exists()
