"""Fixtures of the phone-sized browser walks: the live server and Chromium of the catalog import browser
test, the published catalogs and orders at each stage of the admission tests, and `outside_untouched`,
which fails a test that wrote anywhere but the test database and the test's own media folder.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import dj_database_url
import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from qingdan.admission.tests import conftest as admission_fixtures
from qingdan.duties.tests import test_browser_import as duty_browser
from qingdan.testing import database_snapshot

live_db = duty_browser.live_db
browser = duty_browser.browser
catalogs = admission_fixtures.catalogs
make_order = admission_fixtures.make_order
draft = admission_fixtures.draft
submitted = admission_fixtures.submitted
approved = admission_fixtures.approved
assignment = admission_fixtures.assignment
dispatched = admission_fixtures.dispatched

# A phone's first screen in CSS pixels (390 × 844, as iPhone 12 to 14 and many Android phones report it).
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def _outside_settings() -> dict:
    """The database the settings use outside tests (DATABASE_URL, or var/qingdan.sqlite3), as settings.py
    reads it; the test run has renamed the live one to its test database."""
    default = f"sqlite:///{settings.VAR_DIR / 'qingdan.sqlite3'}"
    return dj_database_url.parse(os.environ.get("DATABASE_URL") or default)


def _tables() -> dict[str, tuple[str, str]]:
    """Every stored model's table and primary key column, by model label."""
    return {
        model._meta.label: (model._meta.db_table, model._meta.pk.column)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _outside_rows(tables: list[tuple[str, str]]) -> dict[str, tuple | None]:
    """(row count, highest key) of each (table, key column) in the database outside the tests, None where
    it has no such table. Only read: an SQLite file is opened read-only, and one that does not exist is
    not made."""
    outside = _outside_settings()
    count = 'SELECT COUNT(*), MAX("{1}") FROM "{0}"'
    if outside["ENGINE"].endswith("sqlite3"):
        path = Path(outside["NAME"])
        if not path.exists():
            return dict.fromkeys(t for t, _ in tables)
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            existing = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            return {
                t: db.execute(count.format(t, pk)).fetchone() if t in existing else None for t, pk in tables
            }
    import psycopg

    params = {"dbname": outside["NAME"], "user": outside["USER"], "host": outside["HOST"] or None}
    params |= {key.lower(): outside[key] for key in ("PASSWORD", "PORT") if outside.get(key)}
    with psycopg.connect(**params) as db:
        found: dict[str, tuple | None] = {}
        for t, pk in tables:
            exists = db.execute("SELECT to_regclass(%s)", [f'public."{t}"']).fetchone()
            found[t] = db.execute(count.format(t, pk)).fetchone() if exists and exists[0] else None
        return found


def _files(folder: Path) -> list[tuple[str, int]]:
    if not folder.exists():
        return []
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def outside_untouched(live_db, media_root):
    """The test writes to the test database and its own media folder only.

    After the test, the test database has changed (the walk did something), and every table that changed
    there has the same row count and highest key as before in the database the settings use outside tests
    (DATABASE_URL or var/qingdan.sqlite3); the project's own media folder holds the same files."""
    outside_media = settings.VAR_DIR / "media"
    assert Path(settings.MEDIA_ROOT) != outside_media
    assert connection.settings_dict["NAME"] != _outside_settings()["NAME"]
    tables = _tables()
    before = database_snapshot()
    before_outside = _outside_rows(sorted(set(tables.values())))
    before_media = _files(outside_media)
    yield
    after = database_snapshot()
    changed = sorted({tables[label] for label in after if after[label] != before.get(label)})
    assert changed, "nothing was written to the test database"
    after_outside = _outside_rows(changed)
    unchanged = {t: before_outside[t] for t, _ in changed}
    assert after_outside == unchanged, "rows changed outside the test database"
    assert _files(outside_media) == before_media, "files changed under var/media"
