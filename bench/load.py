"""Load: the shipped server (`qingdan serve`, as `make run` starts it) under 200 signed-in users.

For each database (SQLite file, PostgreSQL) it makes a fresh demo database, adds bench accounts like the
demo's (village cadres, reviewers, department clerks, township dispatchers; 200 by default) and one
approved form every village has to fill, starts `qingdan serve` on a free port, signs every account in,
and drives a page mix at a fixed arrival rate (open loop: a request leaves at its time whether or not the
earlier ones have answered) for --duration seconds. One JSON line per rate:

  {"name": "load_sqlite", "users": 200, "rate": 50, "rps": …, "p50_ms": …, "p99_ms": …, "errors": …}

then, with --find-max (default on), rates go up (or down) in steps until the p99 reaches 1 s or a request
fails (each step a line named "load_sqlite_step"), and the highest rate that stayed under gives a line
named "load_sqlite_max" (`"rate"` is that rate). Run it on a quiet machine: it warns when the load
average is already high.
An error is any answer other than 200, or no answer within 30 s.

    python bench/load.py [--databases sqlite,postgres] [--rates 50,100] [--duration 60] [--users 200]

PostgreSQL: the server at $POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); the bench
database `qingdan_bench` is dropped and made again there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
PYTHON = [sys.executable, "-m", "qingdan.cli"]
PASSWORD = "qingdan-bench-2026"
TIMEOUT_SECONDS = 30
P99_LIMIT_MS = 1000

# Run inside the bench database (Django set up): adds the bench accounts and a form, then prints for each
# account its user name and the pages of its mix, each checked to answer 200 for that account.
SETUP = textwrap.dedent(
    r"""
    import datetime, importlib, json, sys
    import django
    django.setup()
    from django.apps import apps
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone
    from qingdan import access
    from qingdan.orgs.choices import Level, Role, UnitKind
    from qingdan.orgs.models import Division, Unit, User

    users_wanted, password = int(sys.argv[1]), sys.argv[2]

    def model(name, *labels):
        for label in labels:
            try:
                return apps.get_model(label, name)
            except LookupError:
                pass

    def module(*names):
        for name in names:
            try:
                return importlib.import_module(name)
            except ImportError:
                pass

    WorkOrder, VillageTask = model("WorkOrder", "admission"), model("VillageTask", "admission")
    Catalog = model("Catalog", "duties")
    FormRequest = model("FormRequest", "forms")
    DataElement = model("DataElement", "registers", "forms")
    admission = module("qingdan.forms.actions.admission")
    submissions = module("qingdan.forms.actions.submissions")

    # 200 accounts: 60% village cadres, 10% reviewers, 15% department clerks, 15% township dispatchers.
    shares = [(Role.VILLAGE_CADRE, 0.60), (Role.REVIEWER, 0.10), (Role.DEPT_CLERK, 0.15)]
    counts = {role: int(users_wanted * share) for role, share in shares}
    counts[Role.TOWNSHIP_DISPATCHER] = users_wanted - sum(counts.values())
    units = {
        Role.VILLAGE_CADRE: list(Unit.objects.filter(kind=UnitKind.VILLAGE).order_by("id")),
        Role.REVIEWER: [User.objects.filter(role=Role.REVIEWER).first().unit],
        Role.DEPT_CLERK: list(Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("id")),
        Role.TOWNSHIP_DISPATCHER: list(Unit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("id")),
    }
    # Villages with tasks first, so that "task detail" is in the mix of some cadres.
    tasked = set(VillageTask.objects.values_list("village_id", flat=True)) if VillageTask else set()
    units[Role.VILLAGE_CADRE].sort(key=lambda u: u.division_id not in tasked)
    hashed = make_password(password)
    people = []
    with transaction.atomic():
        for role, count in counts.items():
            for i in range(count):
                unit = units[role][i % len(units[role])]
                people.append(User(username=f"bench-{role}-{i:03d}", full_name=f"压测{role}{i}", role=role,
                                   unit=unit, password=hashed))
        User.objects.bulk_create(people)
    people = list(User.objects.filter(username__startswith="bench-").select_related("unit__division"))

    # One approved yearly form of village figures, sent to every village; each village's draft opened.
    forms = {}
    if admission and submissions and DataElement is not None:
        clerk = next(p for p in people if p.role == Role.DEPT_CLERK)
        reviewer = next(p for p in people if p.role == Role.REVIEWER)
        elements = list(DataElement.objects.filter(register="village", status="approved").order_by("id")[:8])
        villages = list(Division.objects.filter(level=Level.VILLAGE))
        form = admission.create_form(
            user=clerk, title="村级基本情况（压测）", purpose="压测用：各村基本情况", frequency="yearly",
            element_ids=[e.pk for e in elements], villages=villages,
            deadline=timezone.localdate() + datetime.timedelta(days=30),
        )
        admission.submit_form(user=clerk, form=form)
        form = admission.approve_form(user=reviewer, form=form)
        for person in people:
            if person.role == Role.VILLAGE_CADRE and person.unit.division_id not in forms:
                village = person.unit.division
                forms[village.pk] = submissions.open_submission(user=person, form=form, village=village).pk

    def first_visible(queryset, user):
        obj = access.visible(queryset, user).order_by("pk").first()
        return obj.pk if obj else None

    def pages(person):
        division = person.unit.division
        catalogs = Catalog.objects.filter(division__code__startswith=division.code[:6])
        own_catalog = Catalog.objects.filter(division=division).first()
        catalog = own_catalog.pk if own_catalog else first_visible(catalogs, person)
        mix = {"home": "/"}
        if catalog:
            mix["catalog"] = f"/catalogs/{catalog}/"
        if person.role == Role.VILLAGE_CADRE:
            mix["task_list"] = "/orders/tasks/"
            task = first_visible(VillageTask.objects.all(), person)
            if task:
                mix["task_detail"] = f"/orders/tasks/{task}/"
            mix["forms_due"] = "/forms/due/"
            if division.pk in forms:
                mix["form_page"] = f"/forms/submissions/{forms[division.pk]}/"
        elif person.role == Role.REVIEWER:
            mix["review_queue"] = "/orders/review/"
            order = first_visible(WorkOrder.objects.exclude(status="draft"), person)
            if order:
                mix["order_detail"] = f"/orders/{order}/"
            mix["form_queue"] = "/forms/requests/queue/"
        elif person.role == Role.DEPT_CLERK:
            mix["order_list"] = "/orders/"
            order = first_visible(WorkOrder.objects.all(), person)
            if order:
                mix["order_detail"] = f"/orders/{order}/"
            mix["form_list"] = "/forms/requests/"
        else:
            mix["township_orders"] = "/orders/township/"
            mix["task_list"] = "/orders/tasks/"
            order = first_visible(WorkOrder.objects.all(), person)
            if order:
                mix["order_detail"] = f"/orders/{order}/"
        return mix

    client, out, dropped = Client(), [], {}
    for person in people:
        client.force_login(person)
        mix = {}
        for name, url in pages(person).items():
            if client.get(url).status_code == 200:
                mix[name] = url
            else:
                dropped[name] = dropped.get(name, 0) + 1
        client.logout()
        out.append({"username": person.username, "role": person.role, "pages": mix})
    print(json.dumps({"users": out, "dropped": dropped}, ensure_ascii=False))
    """
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(command: list[str], env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit(f"{' '.join(command[2:4])} failed")
    return done


def prepare(database: str, var: Path, users: int) -> tuple[dict, dict]:
    """A fresh demo database with the bench accounts; returns the environment and the accounts' mixes."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qingdan.settings",
        "QINGDAN_VAR_DIR": str(var),
        "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghijklmnop",
        "DEBUG": "",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{var / 'bench.sqlite3'}"
    else:
        import psycopg

        server = os.environ.get("POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS qingdan_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE qingdan_bench")
        env["DATABASE_URL"] = re.sub(r"/[^/]*$", "/qingdan_bench", server)
    _run([*PYTHON, "migrate", "--noinput", "-v0"], env)
    _run([*PYTHON, "demo"], env)
    setup = _run([sys.executable, "-c", SETUP, str(users), PASSWORD], env)
    return env, json.loads(setup.stdout.strip().splitlines()[-1])


class Server:
    """`qingdan serve` (gunicorn + job worker) on a free port, stopped with one SIGINT."""

    def __init__(self, env: dict):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*PYTHON, "serve", "--port", str(self.port)],
            env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("qingdan serve did not start") from None
                time.sleep(0.3)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(60)


async def sign_in(http: aiohttp.ClientSession, base: str, username: str) -> dict[str, str]:
    """Sign in through the login page; returns the cookies the account's requests carry."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar, connector=http.connector, connector_owner=False) as own:
        async with own.get(f"{base}/accounts/login/") as response:
            page = await response.text()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            raise RuntimeError(f"the sign-in page answered {response.status}: {page[:300]}")
        token = found.group(1)
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        headers = {"Referer": f"{base}/accounts/login/"}
        async with own.post(f"{base}/accounts/login/", data=form, headers=headers) as response:
            await response.read()
            if "/accounts/login/" in str(response.url):
                raise RuntimeError(f"{username} could not sign in")
        return {c.key: c.value for c in jar}


async def drive(
    base: str, accounts: list[dict], rate: float, duration: float, seed: int, verbose: bool = False
) -> dict:
    """Send requests at `rate` per second for `duration` seconds; latencies and errors."""
    rng = random.Random(seed)
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    latencies: list[float] = []
    by_page: dict[str, list[float]] = {}
    failed: dict[str, int] = {}
    errors = 0
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:

        async def one(account: dict, page: str, url: str) -> None:
            nonlocal errors
            started = time.perf_counter()
            try:
                headers = account["headers"]
                async with http.get(base + url, headers=headers, allow_redirects=False) as response:
                    await response.read()
                    ok = response.status == 200
            except (TimeoutError, aiohttp.ClientError):
                ok = False
            if ok:
                latencies.append(time.perf_counter() - started)
                by_page.setdefault(page, []).append(latencies[-1])
            else:
                errors += 1
                failed[page] = failed.get(page, 0) + 1

        total = int(rate * duration)
        tasks = []
        t0 = time.perf_counter()
        for i in range(total):
            delay = t0 + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            account = accounts[i % len(accounts)]
            page, url = rng.choice(account["urls"])
            tasks.append(asyncio.create_task(one(account, page, url)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - t0
    if verbose:
        pages = {
            page: {"n": len(v), "p50_ms": _percentile(v, 0.5), "p99_ms": _percentile(v, 0.99)}
            for page, v in sorted(by_page.items())
        }
        print(f"# rate {rate}: by page {json.dumps(pages)}; failed {failed}", file=sys.stderr)
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": _percentile(latencies, 0.50),
        "p99_ms": _percentile(latencies, 0.99),
        "errors": errors,
    }


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)


async def sign_in_all(base: str, users: list[dict]) -> list[dict]:
    connector = aiohttp.TCPConnector(limit=8, force_close=True)
    async with aiohttp.ClientSession(connector=connector) as http:
        cookies = await asyncio.gather(*(sign_in(http, base, u["username"]) for u in users))
    accounts = []
    for user, jar in zip(users, cookies, strict=True):
        header = "; ".join(f"{k}={v}" for k, v in jar.items())
        accounts.append({**user, "urls": list(user["pages"].items()), "headers": {"Cookie": header}})
    rng = random.Random(7)
    rng.shuffle(accounts)
    return accounts


def emit(record: dict) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def bench(database: str, args) -> None:
    name = f"load_{database}"
    with tempfile.TemporaryDirectory(prefix="qingdan-load-") as tmp:
        env, setup = prepare(database, Path(tmp), args.users)
        users = setup["users"]
        if args.verbose:
            mixes: dict[str, int] = {}
            for u in users:
                for page in u["pages"]:
                    mixes[page] = mixes.get(page, 0) + 1
            left_out = setup["dropped"]
            print(f"# {name}: pages in the mixes {mixes}; left out (not 200) {left_out}", file=sys.stderr)
        server = Server(env)
        try:
            accounts = asyncio.run(sign_in_all(server.url, users))
            base = {"name": name, "users": len(accounts)}
            results: dict[float, dict] = {}

            def run(rate: float) -> dict:
                if rate not in results:
                    measured = drive(server.url, accounts, rate, args.duration, int(rate), args.verbose)
                    results[rate] = asyncio.run(measured)
                    if rate not in args.rates:  # a step of the search for the highest rate
                        emit({**base, "name": f"{name}_step", "rate": rate, **results[rate]})
                return results[rate]

            asyncio.run(drive(server.url, accounts, 20, 5, seed=0))  # warm every web worker up
            for rate in args.rates:
                emit({**base, "rate": rate, **run(rate)})
            if args.find_max:
                best = find_max(run, args.rates)
                if best is not None:
                    emit({**base, "name": f"{name}_max", "rate": best, **results[best]})
                else:
                    emit({**base, "name": f"{name}_max", "rate": None})
        finally:
            server.stop()


def passes(result: dict) -> bool:
    return result["errors"] == 0 and result["p99_ms"] < P99_LIMIT_MS


def find_max(run, measured: list[float], step: float = 50, ceiling: float = 500) -> float | None:
    """The highest rate, in steps of `step`, whose p99 stays under 1 s with no errors."""
    passing = [r for r in measured if passes(run(r))]
    if not passing:
        rate = min(measured) - step / 2
        while rate > 0:
            if passes(run(rate)):
                return rate
            rate -= step / 2
        return None
    rate = max(passing)
    while rate + step <= ceiling and passes(run(rate + step)):
        rate += step
    return rate


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--rates", default="50,100", type=lambda s: [_number(r) for r in s.split(",")])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--find-max", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("-v", "--verbose", action="store_true", help="the page mixes, on standard error")
    args = parser.parse_args()
    busy = os.getloadavg()[0]
    if busy > 1.5:  # these figures are about the app only on a machine doing nothing else
        warning = f"# warning: load average {busy:.1f} at the start; figures will say more about the machine"
        print(warning, file=sys.stderr)
    for database in args.databases.split(","):
        bench(database.strip(), args)


if __name__ == "__main__":
    main()
