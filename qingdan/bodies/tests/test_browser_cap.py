"""In a real browser: at the cap, the catalog office sets a body up by revoking another in the same act.

Runs headless Chromium from Debian's package (/usr/bin/chromium) through Playwright, with the fixtures
of the catalog import's browser test (live database with the audit triggers handled, the browser).
"""

import pytest

from qingdan.bodies.models import CoordinationBody
from qingdan.duties.tests import test_browser_import as catalog_browser_test
from qingdan.testing import PASSWORD

from .conftest import active_count

pytestmark = pytest.mark.browser

# The fixtures of the catalog import's browser test, shared rather than copied.
live_db = catalog_browser_test.live_db
browser = catalog_browser_test.browser

NEW_BODY = "县新能源产业发展领导小组"


def _sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.inner_text("main")


def badge(page) -> str:
    return page.inner_text("#cap-badge").strip()


def fill_set_up_form(page, department) -> None:
    page.fill("input[name=name]", NEW_BODY)
    page.select_option("select[name=kind]", value="leading_group")
    page.select_option("select[name=permanence]", value="permanent")
    page.select_option("select[name=basis_class]", value="local")
    page.fill("textarea[name=basis]", "本县新能源产业发展需要，经县委常委会研究设立")
    page.select_option("select[name=lead_unit]", value=str(department.pk))
    page.fill("input[name=leader]", "县长")
    page.fill("input[name=set_up_on]", "2024-05-06")
    page.fill("input[name=set_up_document]", "测办发〔2024〕8号")


def test_at_the_cap_revoke_one_set_one_through_the_real_pages(
    live_db, live_server, browser, catalog_office, county, department, full_county
):
    old = full_county[0]
    page = browser.new_page()
    _sign_in(page, live_server.url, catalog_office.username)

    page.goto(f"{live_server.url}/bodies/")
    assert badge(page) == "25 / 25"

    # Setting up alone is refused with the rule's own words, and nothing changes.
    page.goto(f"{live_server.url}/bodies/new/")
    assert page.is_visible("#revoke-one")
    fill_set_up_form(page, department)
    page.click("#set-up")
    page.wait_for_selector(".problems")
    assert "已达上限，须撤一设一" in page.inner_text(".problems")
    assert not CoordinationBody.objects.filter(name=NEW_BODY).exists()

    # Revoke one and set one up, in the same form.
    fill_set_up_form(page, department)
    page.select_option("select[name=revoke]", value=str(old.pk))
    page.fill("input[name=revocation_document]", "测编发〔2024〕3号")
    page.fill("input[name=revocation_date]", "2024-05-06")
    page.click("#set-up")
    page.wait_for_selector("h1:has-text('县新能源产业发展领导小组')")
    assert "撤一设一" in page.inner_text(".messages")

    old.refresh_from_db()
    assert (old.status, old.revocation_document) == ("revoked", "测编发〔2024〕3号")
    assert active_count(county) == 25

    page.goto(f"{live_server.url}/bodies/")
    assert badge(page) == "25 / 25"
    listed = page.inner_text("table.bodies")
    assert NEW_BODY in listed and old.name not in listed

    page.goto(f"{live_server.url}/bodies/{old.pk}/")
    assert "测编发〔2024〕3号" in page.inner_text("main") and page.is_visible("#handover")
    handover = f"承接原{old.name}的统筹协调工作"
    assert handover in page.inner_text("#handover")
    if page.query_selector("#make-checklist"):  # the task checklists are installed: hand the work over
        page.click("#make-checklist")
        page.wait_for_load_state()
        assert f"from_body={old.pk}" in page.url
        assert handover in page.content()


def test_the_register_and_the_set_up_form_fit_a_phone(
    live_db, live_server, browser, catalog_office, county, department, full_county
):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    _sign_in(page, live_server.url, catalog_office.username)
    for path in (
        "/bodies/",
        "/bodies/new/",
        f"/bodies/{full_county[0].pk}/",
        "/bodies/review/",
        "/bodies/report/",
    ):
        page.goto(f"{live_server.url}{path}")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} scrolls sideways on a 375px phone: {widths}"
    context.close()
