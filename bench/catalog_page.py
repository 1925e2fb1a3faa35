"""How long the catalog page takes: the demo's largest catalog rendered N times through Django's test client.

    .venv/bin/python bench/catalog_page.py [--times 30] [--database-url sqlite:///… | postgres://…/db]

Without --database-url it makes a fresh demo database (an SQLite file under a temporary directory:
migrate, then `qingdan demo`). Signed in as the county's catalog office (who sees every item), it asks for
the catalog with the most items: first with the item-list cache switched off (every request renders the
list, as before the cache), then with it on and warm. Prints JSON lines:
{"name": "catalog_page_uncached", "items": …, "times": N, "p50_ms": …, "mean_ms": …, "max_ms": …} and
"catalog_page_cached".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = [sys.executable, "-m", "qingdan.cli"]


def _fresh_demo(var: Path) -> str:
    url = f"sqlite:///{var / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "QINGDAN_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "qingdan.settings",
    }
    for command in (["migrate", "--noinput", "-v0"], ["demo"]):
        done = subprocess.run([*PYTHON, *command], env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
            raise SystemExit(f"{command[0]} failed")
    return url


def _timed(client, url: str, times: int) -> list[float]:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        response = client.get(url)
        spent.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return spent


def _line(name: str, items: int, spent: list[float]) -> str:
    return json.dumps(
        {
            "name": name,
            "items": items,
            "times": len(spent),
            "p50_ms": round(statistics.median(spent), 1),
            "mean_ms": round(statistics.fmean(spent), 1),
            "max_ms": round(max(spent), 1),
        }
    )


def measure(times: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.cache import caches
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from qingdan.duties.models import Catalog
    from qingdan.orgs.choices import Role
    from qingdan.orgs.models import User

    catalog = (
        Catalog.objects.filter(current_version__isnull=False)
        .annotate(n=Count("current_version__items"))
        .order_by("-n")
        .first()
    )
    if catalog is None:
        raise SystemExit("no published catalog in this database")
    office = User.objects.filter(role=Role.CATALOG_OFFICE, is_active=True).first()
    client = Client()
    client.force_login(office)
    url = reverse("duties:catalog_detail", args=[catalog.pk])
    client.get(url)  # warm imports, templates, translations
    from django.conf import settings

    # The setting_changed signal gives the cache handler the new CACHES (django.test.signals).
    dummy = {**settings.CACHES, "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        print(_line("catalog_page_uncached", catalog.n, _timed(client, url, times)), flush=True)
    caches["fragments"].clear()
    client.get(url)  # fills the cache
    print(_line("catalog_page_cached", catalog.n, _timed(client, url, times)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--times", type=int, default=30)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qingdan.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    with tempfile.TemporaryDirectory(prefix="qingdan-catalog-bench-") as var:
        os.environ["QINGDAN_VAR_DIR"] = var
        os.environ["DATABASE_URL"] = args.database_url or _fresh_demo(Path(var))
        measure(args.times)


if __name__ == "__main__":
    main()
