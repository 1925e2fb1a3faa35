"""In a real browser: the figures page draws its ECharts chart from the JSON island, under the
Content-Security-Policy (no inline script), beside the table."""

import pytest
from django.contrib.staticfiles import finders

from qingdan.duties.tests import test_browser_import as catalog_browser_test
from qingdan.testing import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        finders.find("vendor/echarts/dist/echarts.min.js") is None, reason="echarts is not installed (npm ci)"
    ),
]

live_db = catalog_browser_test.live_db
browser = catalog_browser_test.browser


def test_the_chart_is_drawn_beside_the_table_without_breaking_the_policy(
    live_db, live_server, browser, organiser, posting
):
    organiser.set_password(PASSWORD)
    organiser.save()
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", organiser.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/cadres/")
    page.wait_for_selector("#cadres-chart canvas", timeout=10_000)
    assert "甲镇" in page.inner_text("table.figures")
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
