"""In a real browser at phone width: a checklist row's cooperating leaders are chosen by typing their
names into a searchable multi-select (Tom Select, no Ctrl-click), and the choice survives a row added with
htmx (whose new select becomes a picker too)."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

from qingdan.tasks.models import Checklist

from .test_browser_print import PHONE, browser, fill_row, live_db, signed_in  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        finders.find("vendor/tom-select/dist/js/tom-select.complete.min.js") is None,
        reason="tom-select is not installed (npm ci)",
    ),
]


def choose(page, select: str, typed: str) -> None:
    page.click(f"{select} + .ts-wrapper .ts-control")
    page.keyboard.type(typed)
    page.locator(".ts-dropdown:visible .option", has_text=typed).first.click()


def test_cooperating_leaders_are_typed_and_picked_on_a_phone(
    live_db,  # noqa: F811
    live_server,
    browser,  # noqa: F811
    township_dispatcher,
    leader,
    helper,
    worker,
):
    page = signed_in(browser, live_server.url, township_dispatcher, **PHONE)
    page.goto(f"{live_server.url}/checklists/new/")
    page.fill("[name=title]", "2025年甲镇防汛抗旱任务清单")
    page.check("input[name=source_kind][value=meeting]")
    page.fill("[name=source_title]", "全县防汛抗旱工作会议")
    fill_row(
        page,
        0,
        area="防汛",
        task="开展汛前隐患排查",
        measures="逐一排查",
        lead=leader,
        responsible=worker,
        days=20,
    )
    # A row's labels sit above their fields (qingdan.css, not the check-box style of labels in a fieldset).
    label = page.locator("fieldset.row-editor label[for=id_rows-0-task]").bounding_box()
    field = page.locator("#id_rows-0-task").bounding_box()
    assert label["y"] + label["height"] <= field["y"] and label["width"] > 0.5 * field["width"]
    leaders = "select[name=rows-0-cooperating_leaders]"
    choose(page, leaders, "赵镇长")
    page.keyboard.press("Escape")
    chosen = page.locator(f"{leaders} option:checked")
    assert [chosen.nth(i).get_attribute("value") for i in range(chosen.count())] == [str(helper.pk)]

    page.click("#add-row")  # htmx swaps the rows in again, with a second, blank one
    page.wait_for_selector("select[name=rows-1-cooperating_leaders] + .ts-wrapper")
    assert "赵镇长" in page.inner_text(f"{leaders} + .ts-wrapper")  # the choice stays, as a tag

    fill_row(
        page,
        1,
        area="物资",
        task="储备防汛物资",
        measures="建立台账",
        lead=leader,
        responsible=worker,
        days=40,
    )
    page.click("#save-checklist")
    page.wait_for_selector("#issue")
    row = Checklist.objects.get().rows.get(position=1)
    assert list(row.cooperating_leaders.all()) == [helper]
