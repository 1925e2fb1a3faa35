"""Jobs run through django-tasks: results, failures, progress read from the database, dead workers."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from qingdan.jobs import runner
from qingdan.jobs.models import Job, JobStatus

from . import jobfunctions  # noqa: F401  (registers the test job functions)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
def test_a_job_runs_and_keeps_its_result_and_last_progress(catalog_office):
    job = runner.start(kind="test.halfway", user=catalog_office, params={"x": 1})
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == {"rows": 200}
    assert (job.done, job.total, job.stage) == (50, 200, "检查事项")
    assert job.finished_at is not None and job.task_id


@pytest.mark.django_db
def test_a_job_that_raises_a_bug_fails_with_a_chinese_message(catalog_office):
    job = runner.start(kind="test.crash", user=catalog_office, params={})
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "内部错误" in job.error and "ZeroDivision" not in job.error


@pytest.mark.django_db
def test_only_registered_module_level_functions_can_be_started(catalog_office):
    with pytest.raises(ValueError):
        runner.start(kind="test.nobody_registered_this", user=catalog_office, params={})
    assert not Job.objects.exists()

    def local(job, progress):
        return {}

    with pytest.raises(ValueError):
        runner.register("test.local")(local)


@pytest.mark.django_db(transaction=True)
def test_progress_inside_an_all_or_nothing_transaction_is_read_from_outside_it(catalog_office):
    job = runner.start(kind="test.watch_progress", user=catalog_office, params={})
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.result == {"seen_done": 30, "seen_total": 120}


def _running(user, *, heartbeat_age: float) -> Job:
    return Job.objects.create(
        kind="test.halfway",
        created_by=user,
        status=JobStatus.RUNNING,
        heartbeat_at=timezone.now() - timedelta(seconds=heartbeat_age),
    )


@pytest.mark.django_db
def test_a_running_job_whose_worker_died_is_marked_failed_when_a_page_reads_it(login, catalog_office):
    alive = _running(catalog_office, heartbeat_age=2)
    dead = _running(catalog_office, heartbeat_age=runner.STALE_SECONDS + 5)
    client = login(catalog_office)
    text = client.get(reverse("jobs:job_progress", args=[dead.pk])).content.decode()
    assert "失败" in text and "意外中止" in text
    assert Job.objects.get(pk=dead.pk).status == JobStatus.FAILED
    client.get(reverse("jobs:job_progress", args=[alive.pk]))
    assert Job.objects.get(pk=alive.pk).status == JobStatus.RUNNING


@pytest.mark.django_db
def test_a_worker_starting_reaps_the_jobs_of_a_dead_worker(catalog_office):
    dead = _running(catalog_office, heartbeat_age=runner.STALE_SECONDS * 3)
    alive = _running(catalog_office, heartbeat_age=1)
    assert runner.reap() == 1
    assert Job.objects.get(pk=dead.pk).status == JobStatus.FAILED
    assert Job.objects.get(pk=alive.pk).status == JobStatus.RUNNING


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_job_whose_task_the_queue_reports_failed_is_failed(catalog_office):
    from django_tasks_db.models import DBTaskResult

    job = runner.start(kind="test.halfway", user=catalog_office, params={})
    assert job.status == JobStatus.PENDING and job.task_id  # queued; no worker runs here
    assert runner.current(job).status == JobStatus.PENDING
    DBTaskResult.objects.filter(id=job.task_id).update(status="FAILED")
    job = runner.current(Job.objects.get(pk=job.pk))
    assert job.status == JobStatus.FAILED and "意外中止" in job.error
