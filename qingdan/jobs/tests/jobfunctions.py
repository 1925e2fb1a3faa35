"""Job functions the tests start (module level, as the worker needs them)."""

import time
from pathlib import Path

from django.db import transaction

from qingdan.jobs import exports, runner
from qingdan.jobs.models import Job


@runner.register("test.halfway")
def halfway(job, progress):
    progress(50, 200, "检查事项")
    return {"rows": 200}


@runner.register("test.broken_file")
def broken_file(job, progress):
    raise runner.JobError("文件已损坏")


@runner.register("test.crash")
def crash(job, progress):
    raise ZeroDivisionError("a bug")


@runner.register("test.watch_progress")
def watch_progress(job, progress):
    """Inside one transaction, as an all-or-nothing import: report progress, then wait until a fresh read
    of the job (what a page does) shows it."""
    seen = None
    with transaction.atomic():
        _write_something()  # this transaction now holds the write lock, as an import does
        progress(30, 120, "写入")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            seen = runner.current(_read_elsewhere(job.pk))
            if seen.done == 30:
                break
            time.sleep(0.1)
    return {"seen_done": seen.done if seen else None, "seen_total": seen.total if seen else None}


def _write_something():
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    key = f"job-test-{time.monotonic_ns()}"
    Session.objects.create(session_key=key, session_data="", expire_date=timezone.now())


def _read_elsewhere(pk):
    return Job.objects.get(pk=pk)


@runner.register("test.wait_for_go")
def wait_for_go(job, progress):
    """For the worker-process test: report progress inside a transaction, then wait for a file."""
    go = Path(job.params["go_file"])
    with transaction.atomic():
        _write_something()
        progress(7, 10, "写入")
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    return {"went": go.exists()}


# --- an export (qingdan.jobs.exports) ---------------------------------------------------------------


def _unit_in_scope(user, params):
    from qingdan import access
    from qingdan.orgs.models import Unit

    return access.get_visible_or_404(Unit.objects.all(), user, pk=params.get("unit"))


def _unit_sheet(job, progress):
    from qingdan.jobs import exports

    unit = _unit_in_scope(job.created_by, job.params)
    return exports.File(f"单位：{unit.name}".encode(), f"{unit.name}.txt", "text/plain; charset=utf-8")


def _authorize(user, params):
    _unit_in_scope(user, params)


UNIT_SHEET = exports.Export(
    path="qingdan.jobs.tests.jobfunctions.UNIT_SHEET",
    kind="test.unit_sheet",
    authorize=_authorize,
    build=_unit_sheet,
)
