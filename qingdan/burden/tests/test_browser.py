"""In a real browser at phone width: the county dashboard and a village's one screen draw their charts
from non-empty data (headless Chromium, /usr/bin/chromium, through Playwright)."""

from __future__ import annotations

import pytest

from qingdan.duties.tests import test_browser_import as catalog_browser_test
from qingdan.testing import PASSWORD

pytestmark = pytest.mark.browser

live_db = catalog_browser_test.live_db
browser = catalog_browser_test.browser

PHONE = {"width": 390, "height": 844}


def _sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.inner_text("main")


def phone_page(browser):
    """A page at phone width, and the list its script errors and failed loads go to (the browser's own
    favicon request aside)."""
    page = browser.new_page(viewport=PHONE)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            errors.append(response.url)
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    return page, errors


def drawn(page, chart: str) -> int:
    """How many non-zero values the chart drew (burden.js writes it once ECharts has drawn)."""
    element = page.wait_for_selector(f"[data-chart={chart}][data-drawn]")
    assert element.query_selector("canvas") is not None
    box = element.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    return int(element.get_attribute("data-drawn"))


def test_the_county_dashboard_and_a_village_screen_draw_on_a_phone(
    live_db, live_server, browser, small_county, catalog_office, village_cadre, village
):
    page, errors = phone_page(browser)
    _sign_in(page, live_server.url, catalog_office.username)
    page.goto(f"{live_server.url}/burden/area/{small_county.code}/")
    assert drawn(page, "before_after") > 0
    assert drawn(page, "trend") > 0
    assert drawn(page, "villages") > 0
    assert drawn(page, "issuers") > 0
    page.context.clear_cookies()

    _sign_in(page, live_server.url, village_cadre.username)
    page.goto(f"{live_server.url}/burden/village/{village.code}/")
    assert drawn(page, "months") > 0
    assert "甲村负担一表尽览" in page.inner_text("h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert not errors, errors


def test_the_heat_view_draws_villages_by_month_on_a_phone(
    live_db, live_server, browser, small_county, township_dispatcher, township
):
    page, errors = phone_page(browser)
    _sign_in(page, live_server.url, township_dispatcher.username)
    page.goto(f"{live_server.url}/burden/area/{township.code}/heat/?figure=tasks_dispatched&until=2025-06")
    assert drawn(page, "heat") == 2  # 甲村 and 甲社区 in 2025-03: the cells of the hand-counted county
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert not errors, errors
