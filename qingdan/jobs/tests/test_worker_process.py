"""The real thing: `qingdan worker` in a process of its own runs a queued job on an SQLite file database,
while another process reads the job's progress from the database."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import qingdan

ROOT = Path(qingdan.__file__).resolve().parent.parent

DRIVER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import django
    django.setup()
    from qingdan.jobs import runner
    from qingdan.jobs.models import Job
    from qingdan.jobs.tests import jobfunctions
    from qingdan.orgs.models import User

    user = User.objects.create(username="worker-test", full_name="worker test")
    go = Path(sys.argv[1])
    job = runner.start(kind="test.wait_for_go", user=user, params={"go_file": str(go)})
    seen = []

    def wait(predicate, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            current = runner.current(Job.objects.get(pk=job.pk))
            if predicate(current):
                return current
            time.sleep(0.1)
        raise SystemExit("timed out; job is " + current.status)

    running = wait(lambda j: j.status == "running" and j.done == 7)
    seen.append([running.status, running.done, running.total, running.stage])
    go.touch()
    done = wait(lambda j: j.is_finished)
    seen.append([done.status, done.done, done.total, done.result])
    print(json.dumps(seen, ensure_ascii=False))
    """
)


def test_the_worker_process_runs_a_queued_job_whose_progress_another_process_reads(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qingdan.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "QINGDAN_VAR_DIR": str(tmp_path),
    }
    python = [sys.executable, "-m", "qingdan.cli"]
    subprocess.run([*python, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=300)
    worker = subprocess.Popen([*python, "worker", "--interval", "0.2"], env=env, cwd=ROOT)
    try:
        driver = subprocess.run(
            [sys.executable, "-c", DRIVER, str(tmp_path / "go")],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert driver.returncode == 0, driver.stderr
        running, done = json.loads(driver.stdout.strip().splitlines()[-1])
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    assert running == ["running", 7, 10, "写入"]
    assert done == ["done", 7, 10, {"went": True}]
    assert worker.returncode == 0
    assert not list((tmp_path / "db.sqlite3.jobs").glob("*.json"))  # the progress file is gone
