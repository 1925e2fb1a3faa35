"""Every message catalog is complete: no screen shows an English msgid to a Chinese user."""

import subprocess
from pathlib import Path

import pytest

CATALOGS = sorted(Path(__file__).resolve().parents[2].glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


def test_every_app_with_pages_has_a_chinese_catalog():
    apps = {path.parents[3].name for path in CATALOGS}
    assert {"web", "orgs", "duties", "accounts", "audit", "jobs"} <= apps


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parents[3].name)
def test_the_catalog_has_no_untranslated_or_fuzzy_message(catalog):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalog)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
