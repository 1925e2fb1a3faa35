"""`qingdan serve` — what `make run` starts: gunicorn and the job worker, stopped together by one Ctrl-C.

The server runs in processes of its own on a fresh SQLite file database, as production settings (the
database queue, not the tests' immediate one), so a job queued before it started is run by its worker.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

import qingdan

ROOT = Path(qingdan.__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "serve-test-password-2026"

SETUP = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from qingdan.jobs import runner
    from qingdan.jobs.tests import jobfunctions
    from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
    from qingdan.orgs.models import Division, Unit, User

    county = Division.objects.create(code="429901000000", name="测试县", level=Level.COUNTY,
                                     kind=DivisionKind.COUNTY)
    county.county = county
    county.save()
    unit = Unit.objects.create(name="县委编办", kind=UnitKind.OFFICE, division=county, county=county)
    user = User(username="bianban", full_name="编办用户", role=Role.CATALOG_OFFICE, unit=unit)
    user.set_password(sys.argv[1])
    user.save()
    job = runner.start(kind="test.halfway", user=user, params={})
    print(json.dumps({"job": job.pk, "status": job.status}))
    """
)

JOB_STATUS = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from qingdan.jobs.models import Job
    print(Job.objects.get(pk=int(sys.argv[1])).status)
    """
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`qingdan serve` on a free port, as a terminal would run it (its own process group)."""
    var = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qingdan.settings",
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "QINGDAN_VAR_DIR": str(var),
    }
    python = [sys.executable, "-m", "qingdan.cli"]
    subprocess.run([*python, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=300)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP, PASSWORD], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    queued = json.loads(setup.stdout.strip().splitlines()[-1])
    assert queued["status"] == "pending"  # no worker yet
    port = _free_port()
    server = subprocess.Popen(
        [*python, "serve", "--port", str(port), "--workers", "2"], env=env, cwd=ROOT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                assert response.status == 200
                break
        except OSError:
            assert server.poll() is None, "qingdan serve ended before it answered"
            assert time.monotonic() < deadline, "qingdan serve did not answer within 60 s"
            time.sleep(0.3)

    def job_status() -> str:
        out = subprocess.run(
            [sys.executable, "-c", JOB_STATUS, str(queued["job"])],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        return out.stdout.strip()

    yield {"url": url, "server": server, "job": queued["job"], "job_status": job_status}
    if server.poll() is None:  # a test failed before the last one stopped it
        children = _children(server.pid)
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            for pid in [server.pid, *children]:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
            server.wait()


def test_the_server_answers_and_its_worker_runs_the_queued_job(served):
    with urllib.request.urlopen(f"{served['url']}/healthz", timeout=5) as response:
        assert response.status == 200
    deadline = time.monotonic() + 30
    while (status := served["job_status"]()) != "done" and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status == "done"


def test_gunicorn_keeps_a_short_queue_and_a_short_timeout(served):
    """Under overload connections wait in a short queue (a bounded wait), not in the kernel's default 2048."""
    [master] = [pid for pid in _children(served["server"].pid) if b"gunicorn" in _cmdline(pid)]
    arguments = _cmdline(master).split(b"\0")
    workers = int(arguments[arguments.index(b"--workers") + 1])
    backlog = int(arguments[arguments.index(b"--backlog") + 1])
    assert workers == 2 and backlog == 16 * workers
    assert int(arguments[arguments.index(b"--timeout") + 1]) <= 30


def _cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


@pytest.mark.browser
def test_a_person_signs_in_and_reads_the_job_page_in_a_browser(served):
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    url = served["url"]
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = chromium.new_page()
            page.goto(f"{url}/accounts/login/")
            page.fill("input[name=username]", "bianban")
            page.fill("input[name=password]", PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_load_state()
            assert "/accounts/login/" not in page.url, page.inner_text("main")
            page.goto(f"{url}/jobs/{served['job']}/")
            page.wait_for_selector("text=已完成", timeout=30_000)
            assert "后台任务" in page.inner_text("main")
        finally:
            chromium.close()


def test_children_end_when_the_supervisor_is_killed(tmp_path):
    """Even `kill -9` of `qingdan serve` leaves no server behind: its children are told to stop."""
    marker = tmp_path / "child.pid"
    script = f"import os, time; open({str(marker)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = (
        "from qingdan.jobs.management.commands.serve import supervise; "
        f"supervise([[{sys.executable!r}, '-c', {script!r}]])"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
    deadline = time.monotonic() + 20
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    child = int(marker.read_text())
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child)


def test_one_ctrl_c_stops_the_server_and_the_worker(served):
    server = served["server"]
    children = _children(server.pid)
    assert len(children) == 2  # gunicorn's master and the job worker
    os.killpg(server.pid, signal.SIGINT)  # what a terminal sends: the children, in sessions of their own,
    assert server.wait(30) == 0  # hear it only from the supervisor, and stop cleanly
    assert not [pid for pid in children if _alive(pid)]
