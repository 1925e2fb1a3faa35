"""On a phone-sized screen, in a real browser: the home page opens on what waits for the person, fits the
screen, and each item leads to where it is done."""

from __future__ import annotations

import pytest

from qingdan.admission.tests.test_browser_chain import PHONE, fits_the_screen, signed_in
from qingdan.duties.tests import test_browser_import as duty_browser

pytestmark = pytest.mark.browser

live_db = duty_browser.live_db
browser = duty_browser.browser


def open_first_item(page, key: str) -> None:
    card = page.locator(f"#wb-{key} li.card a").first
    card.click()
    page.wait_for_load_state()


def test_a_village_cadre_goes_from_the_home_page_to_the_task_sent(
    live_db, live_server, browser, dispatched, village_cadre
):
    page = signed_in(browser, live_server.url, village_cadre, **PHONE)
    page.goto(f"{live_server.url}/")
    fits_the_screen(page)
    heading = page.locator("#workbench").bounding_box()
    assert heading is not None and heading["y"] < PHONE["viewport"]["height"]  # on the first screen
    assert page.locator("#wb-to-receive li.card").count() == 1
    open_first_item(page, "to-receive")
    assert page.url.endswith(f"/orders/tasks/{dispatched.pk}/")
    fits_the_screen(page)


def test_a_reviewer_goes_from_the_home_page_to_the_order_waiting(
    live_db, live_server, browser, submitted, county_reviewer
):
    page = signed_in(browser, live_server.url, county_reviewer, **PHONE)
    page.goto(f"{live_server.url}/")
    fits_the_screen(page)
    assert "今天送达" in page.inner_text("#wb-orders-waiting")
    open_first_item(page, "orders-waiting")
    assert page.url.endswith(f"/orders/{submitted.pk}/")
