"""In a real browser at phone width: the clerk types an order and, before submitting, sees what the
screener says of it for the chosen village; changing the text changes the answer. Nothing is stored."""

from __future__ import annotations

import pytest

from qingdan.admission.models import Screening, WorkOrder

from .conftest import COOPERATE_TEXT, REFUSE_TEXT
from .test_browser_chain import PHONE, browser, fits_the_screen, live_db, signed_in

pytestmark = pytest.mark.browser

__all__ = ["browser", "live_db"]  # fixtures shared with the chain test


def test_the_clerk_sees_the_likely_decision_while_typing(
    live_db, live_server, browser, dept_clerk, catalogs, village
):
    page = signed_in(browser, live_server.url, dept_clerk, **PHONE)
    page.goto(f"{live_server.url}/orders/new/")
    page.wait_for_selector("#screen-preview")
    page.check(f"input[name=targets][value='{village.code}']")
    page.fill("input[name=title]", "动物防疫")
    page.locator("textarea[name=text]").press_sequentially(COOPERATE_TEXT[:12], delay=20)
    page.locator("textarea[name=text]").fill(COOPERATE_TEXT)
    page.locator("textarea[name=text]").press("End")  # a keyup: the debounced request goes out
    page.wait_for_selector("#screen-preview .badge.verdict-cooperate")
    assert "甲村" in page.inner_text("#screen-preview")
    page.locator("textarea[name=text]").fill(REFUSE_TEXT)
    page.locator("textarea[name=text]").press("End")
    page.wait_for_selector("#screen-preview .badge.verdict-refuse")
    assert "否则审核人员一般会不予准入" in page.inner_text("#screen-preview")
    fits_the_screen(page)
    assert not WorkOrder.objects.exists() and not Screening.objects.exists()
