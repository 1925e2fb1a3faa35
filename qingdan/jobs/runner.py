"""Jobs on django-tasks: a Job row for the person who started it, a task in the queue that runs it.

See the package docstring (qingdan/jobs/__init__.py) for how to write and start a job.

How progress travels. The job function runs in the worker process (or inline under the immediate backend
of the tests). It reports progress to a small reporter that keeps the latest figures in memory; a
reporter thread writes them out at most every PROGRESS_SECONDS, and at least every HEARTBEAT_SECONDS as a
heartbeat, through its own database connection in autocommit, so pages in any process see them while the
job itself is still inside an all-or-nothing transaction:
- PostgreSQL: the Job row (done, total, stage, heartbeat_at).
- SQLite has one writer: while an import holds the write lock no other connection may update the Job
  row, so the reporter writes a small JSON file beside the database instead (`<database>.jobs/<id>.json`,
  replaced atomically), which every process using that database file reads. The row gets the final
  figures when the job ends.
A job whose heartbeat stops for STALE_SECONDS (its worker was killed), or whose task the queue reports
failed, is marked failed with a message saying so, by the next page that reads it (`current`) and by
`reap` when a worker starts.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
JobFunction = Callable[[Job, Progress], dict[str, Any]]

PROGRESS_SECONDS = 0.5
HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 60.0


class JobError(Exception):
    """A failure whose message is fit to show the user (in Chinese)."""


# kind → dotted path of the module-level function that runs it. The queue carries the path, so the worker
# imports the function's module (which registers it again) without knowing every app.
_registry: dict[str, str] = {}


def register(kind: str) -> Callable[[JobFunction], JobFunction]:
    """Register a module-level job function under `kind` (the Job's kind, e.g. "duties.import_preview")."""

    def decorate(fn: JobFunction) -> JobFunction:
        path = f"{fn.__module__}.{fn.__qualname__}"
        if "<locals>" in path:
            raise ValueError(f"job function {path} must be defined at module level")
        known = _registry.setdefault(kind, path)
        if known != path:
            raise ValueError(f"job kind {kind!r} is already registered to {known}")
        return fn

    return decorate


def start(*, kind: str, user=None, params: dict[str, Any]) -> Job:
    """Create a job and put it in the queue. Under the immediate backend (tests) it has run on return.

    The task is queued in the caller's transaction: a worker sees it only once the Job row is committed.
    `user` None makes a system job (no one's: it has no page anyone sees), e.g. a refresh after a change.
    """
    from .tasks import run_job

    try:
        path = _registry[kind]
    except KeyError:
        raise ValueError(f"no job function registered for {kind!r}") from None
    job = Job.objects.create(kind=kind, created_by=user, params=params)
    result = run_job.enqueue(job.pk, path)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def start_after_commit(*, kind: str, params: dict[str, Any]) -> None:
    """Queue a system job once the caller's transaction commits (at once outside a transaction), so the
    job reads what the transaction wrote and the request that made the change does not wait for the work.

    A system job of the same kind and params still waiting in the queue (not started) stands for this one
    too: it will read everything committed before it starts.
    """
    if kind not in _registry:
        raise ValueError(f"no job function registered for {kind!r}")

    def queue() -> None:
        waiting = Job.objects.filter(kind=kind, status=JobStatus.PENDING, created_by=None)
        if any(job.params == params for job in waiting.only("params")):
            return
        start(kind=kind, user=None, params=params)

    transaction.on_commit(queue, robust=True)


# --- running (inside the task) ---------------------------------------------------------------------


def _side_dir() -> Path | None:
    """Where a job on SQLite writes its progress while it runs: beside the database file."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "sqlite":
        return None
    name = str(db.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        return Path(settings.VAR_DIR) / "jobs-memory"
    return Path(name + ".jobs")


def _side_file(job_id: int) -> Path | None:
    folder = _side_dir()
    return folder / f"{job_id}.json" if folder else None


class _Reporter:
    """Takes progress from the job and writes it, with a heartbeat, from a thread of its own."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.side_file = _side_file(job_id)
        self.latest: tuple[int, int, str] | None = None
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name=f"job-{job_id}-reporter", daemon=True)

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        with self.lock:
            self.latest = (int(done), int(total), str(stage)[:100])

    def __enter__(self) -> _Reporter:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        if self.side_file is not None:
            self.side_file.unlink(missing_ok=True)

    def _loop(self) -> None:
        written: tuple[int, int, str] | None = None
        beat = 0.0
        try:
            while True:
                with self.lock:
                    latest = self.latest
                now = time.monotonic()
                if latest != written or now - beat >= HEARTBEAT_SECONDS:
                    try:
                        self._write(latest)
                    except Exception:  # a missed progress write must never break the job
                        logger.warning("job %s: could not write progress", self.job_id, exc_info=True)
                    written, beat = latest, now
                if self.stop.wait(PROGRESS_SECONDS):
                    return
        finally:
            connections.close_all()  # this thread's own connections

    def _write(self, latest: tuple[int, int, str] | None) -> None:
        now = timezone.now()
        if self.side_file is not None:
            data = {"heartbeat_at": now.isoformat(), "progress": latest}
            self.side_file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.side_file.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, ensure_ascii=False))
            partial.replace(self.side_file)
            return
        fields: dict[str, Any] = {"heartbeat_at": now}
        if latest is not None:
            fields.update(done=latest[0], total=latest[1], stage=latest[2])
        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(**fields)


def execute(job_id: int, function_path: str) -> str:
    """Run one job (called by the task). Returns the job's final status."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.PENDING).update(
        status=JobStatus.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return "skipped"  # already run, or marked failed while it waited
    job = Job.objects.get(pk=job_id)
    reporter = _Reporter(job_id)
    try:
        fn: JobFunction = import_string(function_path)
        with reporter:
            result = fn(job, reporter)
    except JobError as exc:
        _finish(job_id, reporter, JobStatus.FAILED, error=str(exc))
        return JobStatus.FAILED.value
    except BaseException as exc:
        # A worker told to stop (a second Ctrl-C) leaves through SystemExit/KeyboardInterrupt: the job
        # is failed, not left running, and the exit goes on.
        stopped = isinstance(exc, SystemExit | KeyboardInterrupt)
        if not stopped:
            logger.exception("job %s failed", job_id)
        error = (
            _("The job worker was stopped before this job finished; please start it again.")
            if stopped
            else _("Internal error; please tell the platform administrator.")
        )
        _finish(job_id, reporter, JobStatus.FAILED, error=error)
        if stopped:
            raise
        return JobStatus.FAILED.value
    _finish(job_id, reporter, JobStatus.DONE, result=result)
    return JobStatus.DONE.value


def _finish(job_id: int, reporter: _Reporter, status: str, **fields: Any) -> None:
    if reporter.latest is not None:
        fields.update(done=reporter.latest[0], total=reporter.latest[1], stage=reporter.latest[2])
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), **fields)


# --- reading (any process) -------------------------------------------------------------------------


def _read_side(job: Job) -> dict[str, Any] | None:
    path = _side_file(job.pk)
    if path is None:
        return None
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _task_failed(job: Job) -> bool:
    """Whether the queue says the job's task failed (a task that died before it could mark its job)."""
    if not job.task_id:
        return False
    from django_tasks import TaskResultStatus, task_backends
    from django_tasks.exceptions import TaskResultDoesNotExist

    backend = task_backends["default"]
    if not backend.supports_get_result:
        return False
    try:
        return backend.get_result(job.task_id).status == TaskResultStatus.FAILED
    except TaskResultDoesNotExist:
        return False


def _mark_dead(job: Job) -> Job:
    message = _("The job stopped unexpectedly (its worker ended or was restarted); please start it again.")
    Job.objects.filter(pk=job.pk, status__in=[JobStatus.PENDING, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED, error=message, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def current(job: Job) -> Job:
    """The job as it stands now: its latest progress, or failed if its worker died. Use it on every read."""
    if job.status == JobStatus.PENDING:
        return _mark_dead(job) if _task_failed(job) else job
    if job.status != JobStatus.RUNNING:
        return job
    heartbeat = job.heartbeat_at or job.created_at
    side = _read_side(job)
    if side:
        if side.get("progress"):
            job.done, job.total, job.stage = side["progress"]
        beat = datetime.fromisoformat(side["heartbeat_at"])
        heartbeat = max(heartbeat, beat)
    stale = timezone.now() - heartbeat > timedelta(seconds=STALE_SECONDS)
    if stale or _task_failed(job):
        return _mark_dead(job)
    return job


def reap() -> int:
    """Mark failed every running job whose worker is gone (as a worker starts). Returns how many."""
    count = 0
    running = Job.objects.filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING])
    for job in running.only("id", "status", "heartbeat_at", "created_at", "task_id"):
        if current(job).status == JobStatus.FAILED:
            count += 1
    return count
