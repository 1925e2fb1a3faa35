"""The order form on a phone: the count of chosen townships and villages follows the ticks, and the three
statements' labels sit above their boxes."""

from __future__ import annotations

import pytest

from qingdan.admission.tests.test_browser_chain import signed_in

from .conftest import PHONE

pytestmark = pytest.mark.browser


def test_the_count_of_chosen_targets_follows_the_ticks(
    live_db, live_server, browser, dept_clerk, township, village, community, other_village
):
    page = signed_in(browser, live_server.url, dept_clerk, **PHONE)
    page.goto(f"{live_server.url}/orders/new/")
    count = page.locator("#targets-count")
    assert count.inner_text() == "0"
    page.check(f"input[name=targets][value='{village.code}']")
    assert count.inner_text() == "1"
    page.check(f"input[name=all_villages][value='{township.code}']")
    assert count.inner_text() == "3"  # 甲镇 itself, 甲村 and 甲社区; 甲村 once
    page.click(f"details.township-pick:has(input[value='{other_village.code}']) summary")
    page.check(f"input[name=targets][value='{other_village.code}']")
    assert count.inner_text() == "4"
    page.uncheck(f"input[name=all_villages][value='{township.code}']")
    assert count.inner_text() == "2"


STATEMENTS = (
    "department_does",
    "grassroots_must",
    "support_money_yuan",
    "support_people",
    "support_training",
)


def test_the_statements_labels_sit_above_their_boxes(live_db, live_server, browser, dept_clerk, village):
    page = signed_in(browser, live_server.url, dept_clerk, **PHONE)
    page.goto(f"{live_server.url}/orders/new/")
    page.wait_for_load_state("networkidle")  # the screening preview has been swapped in
    # Label and box measured in one go, so nothing above them can move between the two readings.
    boxes = page.evaluate(
        """names => names.map(name => [
            document.querySelector(`label[for=id_${name}]`).getBoundingClientRect().toJSON(),
            document.getElementById(`id_${name}`).getBoundingClientRect().toJSON(),
        ])""",
        list(STATEMENTS),
    )
    for name, (label, box) in zip(STATEMENTS, boxes, strict=True):
        assert label["bottom"] <= box["top"] + 1, f"{name}: the label is not above its box"
        assert abs(label["left"] - box["left"]) < 2, f"{name}: the label is not flush over its box"
