"""In a real browser at phone width: the catalog list's division filter is chosen by typing a township's
name (Tom Select fed by orgs:division_search), and the list narrows to that township's catalogs.
Also the item search box of a catalog page narrows its items as one types (htmx), under the CSP."""

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import expect

from .test_browser_import import _sign_in, browser, live_db  # noqa: F401 (fixtures)
from .view_support import publish, row, village_rows

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        finders.find("vendor/tom-select/dist/js/tom-select.complete.min.js") is None,
        reason="tom-select is not installed (npm ci)",
    ),
]

PHONE = {"width": 390, "height": 844}


def _phone_page(chromium, problems: list[str]):
    page = chromium.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    return page


def test_a_township_typed_by_name_narrows_the_catalog_list(
    live_db,  # noqa: F811
    live_server,
    browser,  # noqa: F811
    catalog_office,
    township,
    village,
    other_township,
    other_village,
):
    publish(village)
    publish(other_village, [row("primary", "1", "乙村主责事项")])
    problems: list[str] = []
    page = _phone_page(browser, problems)
    _sign_in(page, live_server.url, catalog_office.username)
    page.goto(f"{live_server.url}/catalogs/")
    listed = page.inner_text("table.catalogs")
    assert "甲村" in listed and "乙村" in listed

    page.click("#id_division + .ts-wrapper .ts-control")
    page.keyboard.type("甲镇")
    option = page.locator(".ts-dropdown .option", has_text="甲镇").first
    option.wait_for(timeout=10_000)
    option.click()
    assert page.input_value("select[name=division]") == township.code
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/catalogs/?division=*")

    listed = page.inner_text("table.catalogs")
    assert "甲村" in listed and "乙村" not in listed
    assert page.inner_text("#id_division + .ts-wrapper .item") == "甲镇"  # shown by name, not by code
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_the_search_box_narrows_a_catalogs_items_as_one_types(
    live_db,  # noqa: F811
    live_server,
    browser,  # noqa: F811
    village_cadre,
    village,
):
    version = publish(village, [*village_rows(), row("certificate", "2", "居住证明")])
    problems: list[str] = []
    page = _phone_page(browser, problems)
    _sign_in(page, live_server.url, village_cadre.username)
    page.goto(f"{live_server.url}/catalogs/{version.catalog_id}/")
    assert "组织开展村民自治活动" in page.inner_text("#catalog-items")

    page.fill("#item-search", "证明")
    expect(page.locator("#catalog-items")).not_to_contain_text("组织开展村民自治活动", timeout=10_000)
    items = page.inner_text("#catalog-items")
    assert "居住证明" in items and "居民财产证明" in items
    assert "q=" in page.url
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
