"""In a real browser, through the real pages: the township office writes a checklist (a second row added with
htmx), issues it and downloads it as PDF, whose text holds the rows in Chinese with page numbers; the
responsible village cadre, on a phone, reports progress on their row.

Runs headless Chromium from Debian's package (/usr/bin/chromium) through Playwright, with the fixtures of
the catalog import browser test (live_db handles the append-only audit table on SQLite).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from qingdan.duties.tests import test_browser_import as duty_browser
from qingdan.tasks.choices import ChecklistStatus
from qingdan.tasks.models import Checklist
from qingdan.testing import PASSWORD, in_days

pytestmark = pytest.mark.browser

live_db = duty_browser.live_db
browser = duty_browser.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True}


def signed_in(browser, base_url: str, user, **context_options):
    """A page in a fresh browser context (its own cookies, downloads allowed), signed in by the form."""
    context = browser.new_context(accept_downloads=True, **context_options)
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.inner_text("main")
    return page


def fill_row(page, n: int, *, area: str, task: str, measures: str, lead, responsible, days: int):
    prefix = f"rows-{n}-"
    page.fill(f"[name={prefix}area]", area)
    page.fill(f"[name={prefix}task]", task)
    page.fill(f"[name={prefix}measures]", measures)
    page.select_option(f"select[name={prefix}lead_leader]", value=str(lead.pk))
    page.select_option(f"select[name={prefix}responsible]", value=str(responsible.pk))
    page.fill(f"[name={prefix}deadline]", in_days(days).isoformat())
    page.fill(f"[name={prefix}report_to]", "镇防汛办")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_township_writes_issues_and_prints_a_checklist_and_the_cadre_reports_progress(
    live_db, live_server, browser, township_dispatcher, leader, worker
):
    page = signed_in(browser, live_server.url, township_dispatcher)
    page.goto(f"{live_server.url}/checklists/new/")
    page.fill("[name=title]", "2025年甲镇防汛抗旱任务清单")
    page.check("input[name=source_kind][value=meeting]")
    page.fill("[name=source_title]", "全县防汛抗旱工作会议")
    fill_row(
        page,
        0,
        area="防汛准备",
        task="开展汛前隐患排查",
        measures="对辖区河道、堤防、山塘水库逐一排查，建立问题清单，限期整改。",
        lead=leader,
        responsible=worker,
        days=20,
    )
    page.click("#add-row")  # htmx swaps in the rows with a second, blank one
    page.wait_for_selector("[name=rows-1-task]")
    assert page.input_value("[name=rows-0-task]") == "开展汛前隐患排查"  # what was typed stays
    fill_row(
        page,
        1,
        area="物资保障",
        task="储备防汛物资",
        measures="储备编织袋、救生衣等物资，建立台账，定点存放。",
        lead=leader,
        responsible=township_dispatcher,
        days=40,
    )
    page.click("#save-checklist")
    page.wait_for_selector("#issue")
    checklist = Checklist.objects.get()
    assert checklist.rows.count() == 2
    page.click("#issue")
    page.wait_for_selector("text=已下发")
    assert Checklist.objects.get().status == ChecklistStatus.ACTIVE

    page.click("#download-pdf")  # the PDF is laid out by a job; its page offers the file when ready
    with page.expect_download() as download_info:
        page.click("#download-file")
    download = download_info.value
    assert download.suggested_filename == "2025年甲镇防汛抗旱任务清单.pdf"
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = squeeze("".join(p.extract_text() for p in reader.pages))
    assert text.startswith("2025年甲镇防汛抗旱任务清单")
    for expected in (
        "任务来源：全县防汛抗旱工作会议",
        "序号工作方面工作任务工作措施牵头领导配合领导具体责任人完成时限汇报对象",
        "开展汛前隐患排查",
        "对辖区河道、堤防、山塘水库逐一排查，建立问题清单，限期整改。",
        "储备防汛物资",
        "王书记",
        "李明",
        "第1页共1页",
    ):
        assert expected in text, expected

    phone = signed_in(browser, live_server.url, worker, **PHONE)
    phone.goto(f"{live_server.url}/checklists/mine/")
    widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"my rows scroll sideways on a phone: {widths}"
    assert "开展汛前隐患排查" in phone.inner_text("main")
    phone.click("text=报告进度")
    phone.fill("[name=percent]", "40")
    phone.fill("[name=note]", "已排查12处，发现隐患3处")
    phone.click("#progress-form button[type=submit]")
    phone.wait_for_selector("text=进度已报告：40%")
    assert "已排查12处，发现隐患3处" in phone.inner_text("main")
    assert checklist.rows.get(task="开展汛前隐患排查").progress == 40
