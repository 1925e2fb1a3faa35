"""The one task the queue (django-tasks) runs: a job, by its id and the path of its function."""

from django_tasks import task

from . import runner


@task()
def run_job(job_id: int, function_path: str) -> str:
    return runner.execute(job_id, function_path)
