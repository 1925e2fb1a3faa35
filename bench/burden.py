"""Burden figures at province scale: dashboards, the village screen, the review queue and the refresh.

    .venv/bin/python bench/burden.py [--scale 1.0] [--samples 20]
        [--postgres-url postgres://postgres@127.0.0.1:5432/test] [--skip-sqlite]

A province of 100 counties, 1,300 townships and 26,000 villages (20 a township) over 24 months is
written straight into a fresh PostgreSQL database (test_bench_burden): MonthlyFigure rows (16 measures
a village a month, each under one of its county's 30 departments: 10 million at scale 1) and work
orders (1 million at scale 1, a tenth of them awaiting review). `--scale` shrinks the number of counties,
and so every count, proportionally. The township sums are then built the way the nightly rebuild builds
them (full_rebuild_ms), and pages are fetched through Django's test client, signed in as a provincial
supervisor, a county reviewer and a village cadre (p95 over --samples requests each, after one warm-up);
county_heat_p95_ms is the county's heat view (every village × 12 months of the load).
refresh_after_one_change_ms marks one village changed and runs the job's refresh of it (its derived and
ledger counts, its figures rewritten, its township summed again).

Then the same on SQLite for one county (the hand-sized demo county; every figure computed from the
demo's own records by the real rebuild). Prints one JSON object a line: {"name", "value", "unit", ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEASURES = [
    "orders_approved",
    "tasks_dispatched",
    "tasks_done",
    "tasks_overdue",
    "orders_refused",
    "orders_returned",
    "complaints",
    "forms_asked",
    "fields_prefilled",
    "fields_typed",
    "hours_saved",
    "checklist_rows",
    "documents_received",
    "meetings_called",
    "inspections",
    "apps_required",
]
COUNTIES_FULL, TOWNSHIPS_PER_COUNTY, VILLAGES_PER_TOWNSHIP, MONTHS, DEPARTMENTS = 100, 13, 20, 24, 30
ORDERS_FULL = 1_000_000


def emit(name: str, value: float, unit: str = "ms", **extra) -> None:
    print(
        json.dumps({"name": name, "value": round(value, 1), "unit": unit, **extra}, ensure_ascii=False),
        flush=True,
    )


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def timed_get(client, url: str, samples: int) -> float:
    response = client.get(url)  # warm-up: connections, templates, the translation catalogs
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return p95(times)


def profile(client, url: str) -> None:
    """BENCH_PROFILE=1: where one request spends its time (to stderr), and its SQL with durations."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profiler.runcall(client.get, url)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    for query in queries.captured_queries:
        print(query["time"], query["sql"][:300], file=sys.stderr)


def setup_django(name: str):
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qingdan.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        name if connection.vendor == "postgresql" else str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    )
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    return runner, runner.setup_databases()


def make_province(counties: int):
    """The divisions, 30 departments a county, and the three people whose pages are fetched."""
    from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
    from qingdan.orgs.models import Division, Unit, User

    province = Division.objects.create(
        code="420000000000", name="测试省", level=Level.PROVINCE, kind=DivisionKind.PROVINCE
    )
    cities = Division.objects.bulk_create(
        Division(
            code=f"42{c:02d}00000000",
            name=f"第{c}市",
            level=Level.CITY,
            kind=DivisionKind.CITY,
            parent=province,
        )
        for c in range(1, (counties - 1) // 10 + 2)
    )
    county_rows = Division.objects.bulk_create(
        Division(
            code=f"{cities[n // 10].code[:4]}{n % 10 + 1:02d}000000",
            name=f"第{n + 1}县",
            level=Level.COUNTY,
            kind=DivisionKind.COUNTY,
            parent=cities[n // 10],
        )
        for n in range(counties)
    )
    Division.objects.filter(level=Level.COUNTY).update(county=None)
    for county in county_rows:
        county.county = county
    Division.objects.bulk_update(county_rows, ["county"])
    townships = Division.objects.bulk_create(
        Division(
            code=f"{county.code[:6]}{t + 1:03d}000",
            name=f"{county.name}第{t + 1}镇",
            level=Level.TOWNSHIP,
            kind=DivisionKind.ZHEN,
            parent=county,
            county=county,
        )
        for county in county_rows
        for t in range(TOWNSHIPS_PER_COUNTY)
    )
    Division.objects.bulk_create(
        (
            Division(
                code=f"{township.code[:9]}{v + 1:03d}",
                name=f"{township.name}{v + 1}村",
                level=Level.VILLAGE,
                kind=DivisionKind.VILLAGE,
                parent=township,
                county=township.county,
            )
            for township in townships
            for v in range(VILLAGES_PER_TOWNSHIP)
        ),
        batch_size=5000,
    )
    Unit.objects.bulk_create(
        (
            Unit(name=f"{county.name}第{d + 1}局", kind=UnitKind.DEPARTMENT, division=county, county=county)
            for county in county_rows
            for d in range(DEPARTMENTS)
        ),
        batch_size=5000,
    )
    county = county_rows[0]
    village = Division.objects.filter(county=county, level=Level.VILLAGE).order_by("code").first()
    people = {}
    for username, role, unit in (
        (
            "province",
            Role.SUPERVISOR,
            Unit.objects.create(name="省纪委监委", kind=UnitKind.OFFICE, division=province),
        ),
        (
            "reviewer",
            Role.REVIEWER,
            Unit.objects.create(name="县社会工作部", kind=UnitKind.OFFICE, division=county, county=county),
        ),
        (
            "cadre",
            Role.VILLAGE_CADRE,
            Unit.objects.create(name="村委会", kind=UnitKind.VILLAGE, division=village, county=county),
        ),
        ("clerk", Role.DEPT_CLERK, Unit.objects.filter(county=county, kind=UnitKind.DEPARTMENT).first()),
    ):
        people[username] = User.objects.create(username=username, role=role, unit=unit)
    return province, county, village, people


def fill_figures(cursor) -> int:
    """Every village × 24 months × 16 measures, each under one of its county's departments."""
    cursor.execute(
        "CREATE TEMP TABLE bench_first AS SELECT county_id, min(id) AS first_id FROM orgs_unit "
        "WHERE kind = 'department' GROUP BY county_id"
    )
    sql = f"""
        INSERT INTO burden_monthlyfigure (county_id, division_id, code, issuer_id, month, measure, value)
        SELECT v.county_id, v.id, v.code, f.first_id + ((v.id * 7 + m.n * 3 + k.n) %% {DEPARTMENTS}),
               (date '2025-01-01' + make_interval(months => m.n))::date, k.measure,
               1 + ((v.id + m.n + k.n) %% 5) - CASE WHEN m.n >= 12 THEN 1 ELSE 0 END
        FROM orgs_division v
        JOIN bench_first f ON f.county_id = v.county_id
        CROSS JOIN generate_series(0, {MONTHS - 1}) AS m(n)
        CROSS JOIN unnest(%s::text[]) WITH ORDINALITY AS k(measure, n)
        WHERE v.level = 'village'
    """
    cursor.execute(sql, [MEASURES])
    return cursor.rowcount


def fill_orders(cursor, orders: int, clerk_id: int) -> int:
    cursor.execute(
        """
        INSERT INTO admission_workorder (county_id, department_id, created_by_id, title, text, deadline,
            department_does, grassroots_must, support_money_yuan, support_people, support_training,
            support_equipment, status, verdict, submitted_at, decided_at, created_at, amendment_id)
        SELECT c.county_id, c.first_id + (i %% 30), %s, '派单 ' || i, '请各村完成事项 ' || i,
            date '2026-12-31', '部门负责', '村里配合', 1000, 0, '', '',
            CASE WHEN i %% 10 = 0 THEN 'submitted' WHEN i %% 10 = 1 THEN 'refused' ELSE 'approved' END,
            'allow', timestamp '2025-01-01' + make_interval(mins => i),
            CASE WHEN i %% 10 = 0 THEN NULL ELSE timestamp '2025-01-02' + make_interval(mins => i) END,
            timestamp '2025-01-01' + make_interval(mins => i), NULL
        FROM generate_series(1, %s) AS g(i)
        JOIN (SELECT county_id, first_id, row_number() OVER (ORDER BY county_id) - 1 AS k FROM bench_first) c
          ON c.k = i %% (SELECT count(*) FROM bench_first)
        """,
        [clerk_id, orders],
    )
    return cursor.rowcount


def run_postgres(scale: float, samples: int) -> None:
    runner, old = setup_django("test_bench_burden")
    from django.db import connection
    from django.test import Client

    from qingdan.burden.models import AreaFigure, BurdenSettings, MonthlyFigure
    from qingdan.burden.refresh import _sum_areas, mark, refresh_marked

    try:
        counties = max(1, round(COUNTIES_FULL * scale))
        started = time.perf_counter()
        province, county, village, people = make_province(counties)
        with connection.cursor() as cursor:
            # Generated rows point at rows made above; skip the per-row foreign-key triggers while loading
            # (PostgreSQL superuser), as a bulk restore does.
            cursor.execute("SET session_replication_role = replica")
            figures = fill_figures(cursor)
            orders = fill_orders(cursor, round(ORDERS_FULL * scale), people["clerk"].pk)
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("ANALYZE")
        emit(
            "burden_generate_s",
            time.perf_counter() - started,
            "s",
            figure_rows=figures,
            orders=orders,
            counties=counties,
        )

        from qingdan.orgs.models import Division

        started = time.perf_counter()
        for each in Division.objects.filter(level="county"):
            _sum_areas(each, None)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE burden_areafigure")
        emit(
            "full_rebuild_ms",
            (time.perf_counter() - started) * 1000,
            note="township sums of every county rebuilt from the stored figures",
            figure_rows=MonthlyFigure.objects.count(),
            township_rows=AreaFigure.objects.count(),
        )
        BurdenSettings.objects.create(county=county, reform_date=__import__("datetime").date(2026, 1, 1))

        client = Client()
        client.force_login(people["province"])
        emit(
            "province_dashboard_p95_ms",
            timed_get(client, f"/burden/area/{province.code}/", samples),
            samples=samples,
        )
        client.force_login(people["reviewer"])
        emit(
            "county_dashboard_p95_ms",
            timed_get(client, f"/burden/area/{county.code}/", samples),
            samples=samples,
        )
        emit(
            "county_heat_p95_ms",
            timed_get(client, f"/burden/area/{county.code}/heat/", samples),
            samples=samples,
            note="every village of the county x 12 months, the load",
        )
        if os.environ.get("BENCH_PROFILE"):
            profile(client, f"/burden/area/{county.code}/")
            profile(client, "/orders/review/")
        emit(
            "reviewer_queue_p95_ms",
            timed_get(client, "/orders/review/", samples),
            samples=samples,
            orders=orders,
        )
        client.force_login(people["cadre"])
        emit(
            "village_screen_p95_ms",
            timed_get(client, f"/burden/village/{village.code}/", samples),
            samples=samples,
        )

        times = []
        for _ in range(max(5, samples // 2)):
            started = time.perf_counter()
            mark([village.pk])
            refresh_marked(county)
            times.append((time.perf_counter() - started) * 1000)
        emit(
            "refresh_after_one_change_ms",
            p95(times),
            samples=len(times),
            note="p95; mark + the job's refresh",
        )
    finally:
        runner.teardown_databases(old)


def run_sqlite(samples: int) -> None:
    runner, old = setup_django("")
    from django.test import Client

    from qingdan.burden.refresh import mark, rebuild, refresh_marked
    from qingdan.demo.load import load_demo
    from qingdan.orgs.models import Division, User

    try:
        result = load_demo()
        county = result.county
        started = time.perf_counter()
        stored = rebuild(county)
        emit("sqlite_county_full_rebuild_ms", (time.perf_counter() - started) * 1000, figure_rows=stored)
        client = Client()
        client.force_login(User.objects.get(username="jianfuban"))
        emit(
            "sqlite_county_dashboard_p95_ms",
            timed_get(client, f"/burden/area/{county.code}/", samples),
            samples=samples,
        )
        village = Division.objects.filter(county=county, level="village").order_by("code").first()
        emit(
            "sqlite_county_heat_p95_ms",
            timed_get(client, f"/burden/area/{county.code}/heat/", samples),
            samples=samples,
        )
        emit(
            "sqlite_village_screen_p95_ms",
            timed_get(client, f"/burden/village/{village.code}/", samples),
            samples=samples,
        )
        times = []
        for _ in range(10):
            started = time.perf_counter()
            mark([village.pk])
            refresh_marked(county)
            times.append((time.perf_counter() - started) * 1000)
        emit("sqlite_refresh_after_one_change_ms", p95(times), samples=10)
    finally:
        runner.teardown_databases(old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/test")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--only", choices=["postgres", "sqlite"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only == "postgres":
        return run_postgres(args.scale, args.samples)
    if args.only == "sqlite":
        return run_sqlite(args.samples)
    # Each database in its own process: Django is set up once per process, for one DATABASE_URL.
    base = [sys.executable, __file__, "--scale", str(args.scale), "--samples", str(args.samples)]
    subprocess.run(
        [*base, "--only", "postgres"], env={**os.environ, "DATABASE_URL": args.postgres_url}, check=True
    )
    if not args.skip_sqlite:
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        subprocess.run([*base, "--only", "sqlite"], env=env, check=True)


if __name__ == "__main__":
    main()
