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
from django.db import close_old_connections
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


def _progress_writer(job: Job) -> Callable[[int, int, str], None]:
    def progress(done: int, total: int, stage: str = "") -> None:
        _live[job.pk] = (done, total, stage)
        Job.objects.filter(pk=job.pk).update(done=done, total=total, stage=stage)

    return progress


def _run(job_id: int, fn: JobFunction) -> None:
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    try:
        result = fn(job, _progress_writer(job))
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
