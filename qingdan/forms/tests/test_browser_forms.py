"""In a real browser, through the real pages: a department requests a form whose fields are mostly held in
the registers; the reviewer sees the overlap and approves; a village cadre, on a phone-sized screen, opens
it, finds it pre-filled, types the rest (checked as it is typed) and submits; the department sees the
results and the figures.

Runs headless Chromium from Debian's package (/usr/bin/chromium) through Playwright, with the fixtures of
the catalog import browser test (live_db handles the append-only audit table on SQLite).
"""

from __future__ import annotations

import pytest

from qingdan.admission.tests.test_browser_chain import PHONE, fits_the_screen, signed_in
from qingdan.duties.tests import test_browser_import as duty_browser
from qingdan.forms.actions import admission, submissions
from qingdan.forms.choices import FormStatus, SubmissionStatus
from qingdan.registers.models import VillageFact
from qingdan.testing import id_number, in_days

from ..models import FormRequest, Submission

pytestmark = pytest.mark.browser

live_db = duty_browser.live_db
browser = duty_browser.browser

TITLE = "农业生产基本情况年报"


def request_form(page, base: str, village, elements) -> FormRequest:
    """The department picks four fields, three of them held in the village profile."""
    page.goto(f"{base}/forms/requests/new/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=purpose]", "掌握各村农业生产基本情况，用于年度统计")
    page.select_option("select[name=frequency]", "yearly")
    page.fill("input[name=deadline]", in_days(30).isoformat())
    for name in ("户数", "户籍人口", "耕地面积", "本年新修沟渠长度"):
        page.fill("#element-search", name)  # the search box narrows the dictionary down
        page.check(f"#element-options input[value='{elements_by_name(elements)[name].pk}']")
    page.fill("#element-search", "")
    page.check(f"input[name=villages][value='{village.code}']")
    page.click("#submit-form-request")
    page.wait_for_selector(".badge.form-submitted")
    return FormRequest.objects.get(title=TITLE)


def elements_by_name(elements) -> dict:
    return {element.name: element for element in elements.values()}


def test_a_form_mostly_held_in_the_registers_goes_from_request_to_results(
    live_db,
    live_server,
    browser,
    registers_filled,
    dept_clerk,
    county_reviewer,
    village_cadre,
    village,
):
    base = live_server.url
    elements = registers_filled["elements"]

    clerk = signed_in(browser, base, dept_clerk)
    form = request_form(clerk, base, village, elements)
    assert form.status == FormStatus.SUBMITTED and form.fields.count() == 4

    reviewer = signed_in(browser, base, county_reviewer)
    reviewer.goto(f"{base}/forms/requests/queue/")
    reviewer.click(f"text={TITLE}")
    overlap = reviewer.inner_text("#overlap")
    assert reviewer.locator("#overlap tr.overlap-held").count() == 3
    assert reviewer.locator("#overlap tr.overlap-new").count() == 1
    assert "本年新修沟渠长度" in overlap
    assert reviewer.inner_text("#typing-values") == "1"  # one value a year left to type, instead of four
    reviewer.click("#approve-form")
    reviewer.wait_for_load_state()
    form.refresh_from_db()
    assert form.status == FormStatus.APPROVED

    cadre = signed_in(browser, base, village_cadre, **PHONE)
    cadre.goto(f"{base}/forms/due/")
    fits_the_screen(cadre)
    cadre.click(".due-forms .open-form")
    cadre.wait_for_selector("#fill-summary")
    fits_the_screen(cadre)
    population = f"c-0-{elements['population'].pk}"
    households = f"c-0-{elements['households'].pk}"
    farmland = f"c-0-{elements['farmland'].pk}"
    ditches = f"c-0-{elements['ditches'].pk}"
    assert cadre.input_value(f"[name='{population}']") == "450"
    assert cadre.input_value(f"[name='{households}']") == "120"
    assert cadre.locator(".badge.prefilled").count() == 2
    assert "已预填" in cadre.inner_text("main")

    # A value of the wrong type is named at once, in Chinese; nothing is saved by the check.
    cadre.fill(f"[name='{farmland}']", "很多")
    cadre.press(f"[name='{farmland}']", "Tab")
    cadre.wait_for_selector(f"#m-{farmland} .error")
    assert "数" in cadre.inner_text(f"#m-{farmland}")
    cadre.fill(f"[name='{farmland}']", "1200.5")
    cadre.press(f"[name='{farmland}']", "Tab")
    cadre.wait_for_selector(f"#m-{farmland} .ok-mark")
    cadre.fill(f"[name='{ditches}']", "350")
    cadre.click("#submit-values")
    cadre.wait_for_selector(".badge.submission-submitted")
    fits_the_screen(cadre)
    submission = Submission.objects.get(form=form, village=village)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert (submission.prefilled_count, submission.typed_count) == (2, 2)
    # 耕地面积 is kept in the village profile: next time it fills itself.
    assert (
        VillageFact.objects.filter(village=village, element=elements["farmland"]).latest("id").value
        == "1200.5"
    )

    clerk.goto(f"{base}/forms/requests/{form.pk}/results/")
    results = clerk.inner_text("main")
    assert "甲村" in results and "1200.5" in results and "450" in results
    clerk.goto(f"{base}/forms/figures/")
    assert clerk.inner_text("#total-prefilled") == "2"
    assert clerk.inner_text("#total-typed") == "2"
    assert TITLE in clerk.inner_text("main")


def test_the_register_pages_fit_a_phone_and_keep_id_numbers_masked(
    live_db, live_server, browser, registers_filled, village_form, resident_form, village_cadre, village
):
    base = live_server.url
    cadre = signed_in(browser, base, village_cadre, **PHONE)
    zhang = registers_filled["residents"]["zhang"]
    filling = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    for path in (
        f"/forms/submissions/{filling.pk}/",  # one card per resident on a phone
        f"/forms/villages/{village.code}/",
        f"/forms/villages/{village.code}/profile/",
        f"/forms/villages/{village.code}/residents/",
        f"/forms/residents/{zhang.pk}/",
        "/forms/elements/",
        "/forms/",
    ):
        cadre.goto(f"{base}{path}")
        fits_the_screen(cadre)
        assert id_number(1) not in cadre.content()
    # Revealing asks a reason and shows the clear number once, in place (htmx).
    cadre.goto(f"{base}/forms/residents/{zhang.pk}/")
    cadre.click("#reveal summary")
    cadre.select_option("#reveal select[name=field]", "id_number")
    cadre.fill("#reveal input[name=reason]", "核对低保申请材料")
    cadre.click("#reveal-button")
    cadre.wait_for_selector("#revealed-value")
    assert cadre.inner_text("#revealed-value") == id_number(1)


def test_the_department_and_review_pages_fit_a_phone(
    live_db,
    live_server,
    browser,
    registers_filled,
    village_form,
    make_form,
    dept_clerk,
    county_reviewer,
    township_dispatcher,
    township,
):
    base = live_server.url
    waiting = admission.submit_form(user=dept_clerk, form=make_form(title="季度走访"))
    pages = {
        dept_clerk: (
            "/forms/requests/new/",
            f"/forms/requests/{waiting.pk}/",
            f"/forms/requests/{village_form.pk}/results/",
            "/forms/figures/",
        ),
        county_reviewer: ("/forms/requests/queue/", f"/forms/requests/{waiting.pk}/"),
        township_dispatcher: (f"/forms/townships/{township.code}/", "/forms/registers/"),
    }
    for user, paths in pages.items():
        page = signed_in(browser, base, user, **PHONE)
        for path in paths:
            page.goto(f"{base}{path}")
            fits_the_screen(page)
