"""The header on a phone: one line with a menu button, the page's own content right below; on a wide
screen the same header as without the button."""

from __future__ import annotations

import pytest
from django.db import transaction
from playwright.sync_api import expect

from qingdan.admission.tests.test_browser_chain import signed_in
from qingdan.notifications.actions import notify

from .conftest import PHONE

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
TASKS_LINK = "#site-nav a[href$='/orders/tasks/']"


def header_height(page) -> float:
    return page.locator("header.top").bounding_box()["height"]


def test_on_a_phone_the_links_fold_behind_a_menu_button_that_opens_them(
    live_db, live_server, browser, village_cadre
):
    page = signed_in(browser, live_server.url, village_cadre, **PHONE)
    page.goto(f"{live_server.url}/")
    screen = PHONE["viewport"]["height"]
    assert header_height(page) < 0.2 * screen
    assert page.locator("main").bounding_box()["y"] < 0.2 * screen  # the page's own content comes first
    assert not page.locator("#site-nav").is_visible()
    assert not page.locator("#site-who").is_visible()

    toggle = page.locator("header.top .menu-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-who").is_visible()  # who is signed in, and signing out, are in the menu
    page.click(TASKS_LINK)
    page.wait_for_url("**/orders/tasks/")
    assert page.locator("h1").is_visible()
    assert not page.locator("#site-nav").is_visible()  # a new page starts folded


def test_unread_notifications_show_on_the_folded_menu_button(live_db, live_server, browser, village_cadre):
    with transaction.atomic():  # notify sends after the commit
        notify(recipients=[village_cadre], verb="test", text="一条新通知")
    page = signed_in(browser, live_server.url, village_cadre, **PHONE)
    count = page.locator("header.top .menu-toggle .unread-count")
    assert count.is_visible() and count.inner_text() == "1"
    assert count.get_attribute("aria-label") == "1 条未读"


def test_escape_folds_the_open_menu_again(live_db, live_server, browser, village_cadre):
    page = signed_in(browser, live_server.url, village_cadre, **PHONE)
    page.click("header.top .menu-toggle")
    assert page.locator("#site-nav").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#site-nav").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")


def test_a_phone_without_javascript_shows_every_link(live_db, live_server, browser, village_cadre):
    page = signed_in(browser, live_server.url, village_cadre, java_script_enabled=False, **PHONE)
    assert page.locator(TASKS_LINK).is_visible()
    assert not page.locator("header.top .menu-toggle").is_visible()


def test_a_wide_screen_shows_the_header_as_without_the_button(live_db, live_server, browser, village_cadre):
    with_script = signed_in(browser, live_server.url, village_cadre, **DESKTOP)
    without = signed_in(browser, live_server.url, village_cadre, java_script_enabled=False, **DESKTOP)
    assert with_script.locator(TASKS_LINK).is_visible()
    assert not with_script.locator("header.top .menu-toggle").is_visible()
    assert header_height(with_script) == header_height(without)


def test_marking_a_notification_read_lowers_the_count_on_the_menu_button_as_on_the_link(
    live_db, live_server, browser, village_cadre
):
    with transaction.atomic():  # notify sends after the commit
        notify(recipients=[village_cadre], verb="test", text="第一条新通知")
        notify(recipients=[village_cadre], verb="test", text="第二条新通知")
    page = signed_in(browser, live_server.url, village_cadre, **PHONE)
    page.goto(f"{live_server.url}/notifications/")
    on_button = page.locator("header.top .menu-toggle .unread-count")
    on_link = page.locator("#inbox-link .unread-count")
    assert on_button.inner_text() == "2" and on_link.inner_text() == "2"
    mark = page.locator("li.notification.unread button.link")
    mark.first.click()
    expect(page.locator("li.notification.unread")).to_have_count(1)
    assert on_button.is_visible() and on_button.inner_text() == "1"
    assert on_button.get_attribute("aria-label") == "1 条未读"
    assert on_link.inner_text() == "1"
    mark.first.click()
    expect(page.locator("li.notification.unread")).to_have_count(0)
    assert on_button.count() == 0 and on_link.count() == 0
    page.click("header.top .menu-toggle")  # the button still opens the menu after its count was swapped
    assert page.locator("#site-nav").is_visible()
