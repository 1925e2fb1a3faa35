"""In a real browser: the catalog office signs in, imports a village catalog file, and finds its items.

Runs headless Chromium from Debian's package (/usr/bin/chromium) through Playwright; never downloads one.
"""

from importlib import import_module
from pathlib import Path

import pytest
from django.db import connection, connections

from qingdan.duties import uploads
from qingdan.duties.models import Catalog
from qingdan.jobs.models import Job, JobStatus
from qingdan.testing import PASSWORD

from .view_support import publish, tsv_file, village_rows

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
REPO_ROOT = Path(__file__).resolve().parents[3]
# The published county catalog the demo ships (a copy of the shared development data, byte for byte).
SAMPLE = REPO_ROOT / "qingdan" / "demo" / "data" / "hubei_county_village.tsv"


@pytest.fixture
def live_db(transactional_db):
    """transactional_db whose flush also works on SQLite, where triggers refuse to delete audit events.

    After the test, the triggers are dropped, the events deleted and the triggers made again, so that
    the flush that follows finds an empty audit table and later tests still get an append-only one.
    """
    yield
    if connection.vendor != "sqlite":
        return  # PostgreSQL flushes with TRUNCATE, which row triggers do not stop
    triggers = import_module("qingdan.audit.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        for sql in triggers.DROP["sqlite"]:
            cursor.execute(sql)
        cursor.execute("DELETE FROM audit_auditevent")
        for sql in triggers.SQLITE:
            cursor.execute(sql)


@pytest.fixture
def browser(live_db):
    """Headless Chromium. While Playwright's event loop runs in this thread, Django keeps separate database
    connections (asgiref sees a running loop), so connections are closed on the way in and out: none is
    left open to block dropping the PostgreSQL test database."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    connections.close_all()
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield chromium
        finally:
            chromium.close()
            connections.close_all()


def _sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.inner_text("main")


def test_catalog_office_imports_a_village_catalog_in_the_browser(
    live_db, live_server, browser, catalog_office, village, community
):
    sample = SAMPLE
    page = browser.new_page()
    _sign_in(page, live_server.url, catalog_office.username)

    page.goto(f"{live_server.url}/catalogs/import/")
    page.select_option("select[name=division]", value=village.code)
    page.set_input_files("input[name=file]", str(sample))
    page.click("main form button[type=submit]")

    page.wait_for_selector("#commit-import", timeout=20_000)
    preview = page.inner_text("#import-preview")
    assert "共读取 122 个事项" in preview
    assert "负面事项 74" in preview

    page.click("#commit-import")
    page.wait_for_selector("section#kind-negative", timeout=20_000)
    text = page.inner_text("main")
    assert "已导入甲村履职事项清单第 1 版，共 122 个事项" in text
    assert "居民财产证明" in text
    catalog = Catalog.objects.get(division=village)
    assert catalog.current_version.items.count() == 122


def test_the_preview_page_polls_until_the_check_is_done(
    live_db, live_server, browser, catalog_office, village
):
    upload = tsv_file(village_rows())
    stored_name = uploads.store(upload)
    job = Job.objects.create(
        kind=uploads.PREVIEW_JOB,
        created_by=catalog_office,
        params={
            "stored_name": stored_name,
            "filename": upload.name,
            "target": "catalog",
            "division": village.code,
        },
        total=5,
        done=2,
        stage="检查事项",
    )
    page = browser.new_page()
    _sign_in(page, live_server.url, catalog_office.username)
    page.goto(f"{live_server.url}/catalogs/import/{job.pk}/")
    assert "40%" in page.inner_text("#import-preview")
    assert page.query_selector("#commit-import") is None

    result = uploads.read_stored(stored_name, upload.name)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done=5, result=uploads.summary(result))
    page.wait_for_selector("#commit-import", timeout=10_000)  # swapped in by the next poll
    assert "共读取 5 个事项" in page.inner_text("#import-preview")


def test_the_catalog_page_fits_a_phone_screen(live_db, live_server, browser, catalog_office, village):
    catalog = publish(village).catalog
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    _sign_in(page, live_server.url, catalog_office.username)
    for path in (f"/catalogs/{catalog.pk}/", "/catalogs/", "/catalogs/import/"):
        page.goto(f"{live_server.url}{path}")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} scrolls sideways on a 375px phone: {widths}"
    context.close()
