"""Run a job inline (tests, commands) or in a background thread (the web server), reporting progress.

A job function takes the Job and a `progress(done, total, stage)` callback and returns a JSON-able
result. Progress is written through its own short updates so a page polling the job sees it move.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

JobFunction = Callable[[Job, Callable[[int, int, str], None]], dict[str, Any]]


class JobError(Exception):
    """A failure whose message is fit to show the user (in Chinese)."""


# Progress as the job's thread reports it. A job that writes inside one transaction (an all-or-nothing
# import) cannot show progress through the database until it commits, so pages read it from here.
_live: dict[int, tuple[int, int, str]] = {}


def live(job: Job) -> Job:
    """The job with the latest progress its thread reported in this process."""
    reported = _live.get(job.pk)
    if reported and job.status == JobStatus.RUNNING:
        job.done, job.total, job.stage = reported
    return job


class _ProgressWriter:
    """Writes a job's progress. On PostgreSQL through a connection of its own, in autocommit, so other
    processes see it at once and a job busy on its own connection (inside a COPY, say) is never
    interrupted; on SQLite, which has one writer, through the job's connection."""

    def __init__(self, job: Job):
        self.job_id = job.pk
        self.side = (
            connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None
        )

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        _live[self.job_id] = (done, total, stage)
        if self.side is None:
            Job.objects.filter(pk=self.job_id).update(done=done, total=total, stage=stage)
            return
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Job._meta.db_table} SET done = %s, total = %s, stage = %s WHERE id = %s",
                [done, total, stage[:100], self.job_id],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def _run(job_id: int, fn: JobFunction) -> None:
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    progress = _ProgressWriter(job)
    try:
        result = fn(job, progress)
    except JobError as exc:
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=str(exc), finished_at=timezone.now()
        )
    except Exception:
        logger.exception("job %s failed", job_id)
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            error=_("Internal error; please tell the platform administrator."),
            finished_at=timezone.now(),
        )
    else:
        Job.objects.filter(pk=job_id).update(status=JobStatus.DONE, result=result, finished_at=timezone.now())
    finally:
        progress.close()
        _live.pop(job_id, None)


def _run_in_thread(job_id: int, fn: JobFunction) -> None:
    try:
        _run(job_id, fn)
    finally:
        close_old_connections()


def start(*, kind: str, user, params: dict[str, Any], fn: JobFunction) -> Job:
    """Create a job and run it: inline when QINGDAN_JOBS is "sync", else in a daemon thread."""
    job = Job.objects.create(kind=kind, created_by=user, params=params)
    if settings.QINGDAN_JOBS == "sync":
        _run(job.pk, fn)
    else:
        threading.Thread(target=_run_in_thread, args=(job.pk, fn), daemon=True).start()
    return job
