"""In a real browser at phone width: the catalog office records a small reform on the page, and the set-up
pages fit the screen without sideways scrolling (headless Chromium, /usr/bin/chromium, via Playwright)."""

from __future__ import annotations

import pytest

from qingdan.burden.tests.test_browser import PHONE, _sign_in, phone_page
from qingdan.duties.tests import test_browser_import as catalog_browser_test
from qingdan.staffing.models import Reform, ReformMapping

pytestmark = pytest.mark.browser

live_db = catalog_browser_test.live_db
browser = catalog_browser_test.browser


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_a_reform_is_recorded_on_a_phone_and_the_set_up_pages_fit_it(
    live_db, live_server, browser, catalog_office, township, town_office
):
    page, errors = phone_page(browser)
    _sign_in(page, live_server.url, catalog_office.username)
    for path in ("/staffing/modules/", "/staffing/scoring-rule/", "/staffing/templates/"):
        page.goto(f"{live_server.url}{path}")
        assert fits(page), path
    page.goto(f"{live_server.url}/staffing/reforms/new/?rows=2")
    assert fits(page)
    page.fill("input[name=name]", "县级机构改革")
    page.fill("input[name=document]", "县委发〔2019〕1号")
    page.fill("input[name=decided_on]", "2019-03-01")
    page.fill("input[name=before-0-name]", "县文化局")
    page.select_option("select[name=before-0-kind]", "department")
    page.fill("input[name=before-0-administrative_quota]", "8")
    page.select_option("select[name=before-0-how]", "merged")
    page.fill("input[name=before-0-into]", "县文化和旅游局")
    page.fill("input[name=after-0-name]", "县文化和旅游局")
    page.select_option("select[name=after-0-kind]", "department")
    page.fill("input[name=after-0-administrative_quota]", "12")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "县级机构改革" in page.inner_text("h1") and fits(page)
    assert ReformMapping.objects.get().new.name == "县文化和旅游局"
    assert Reform.objects.count() == 1
    page.goto(f"{live_server.url}/staffing/towns/{township.code}/manage/")
    assert fits(page)
    assert not errors, errors
