"""A job's page and its progress partial: visible to the person who started it, and to nobody else."""

import pytest
from django.urls import reverse

from qingdan.jobs import runner
from qingdan.jobs.models import Job, JobStatus

from . import jobfunctions  # noqa: F401  (registers the test job functions)

pytestmark = pytest.mark.django_db


def _pending(user, **params):
    """A job still waiting to run, as a page sees it while no worker has picked it up."""
    return Job.objects.create(
        kind="test.pending", created_by=user, params=params, total=200, done=50, stage="检查事项"
    )


def test_the_owner_sees_the_job_and_its_progress(login, catalog_office):
    job = _pending(catalog_office)
    response = login(catalog_office).get(reverse("jobs:job_detail", args=[job.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "后台任务" in text and "排队中" in text
    assert "25%" in text and "检查事项" in text
    assert f'hx-get="{reverse("jobs:job_progress", args=[job.pk])}"' in text
    assert 'hx-trigger="every 1s"' in text


def test_the_partial_of_a_finished_job_stops_polling_and_links_the_result(login, catalog_office):
    job = runner.start(kind="test.halfway", user=catalog_office, params={"result_view": "jobs:job_detail"})
    response = login(catalog_office).get(reverse("jobs:job_progress", args=[job.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text and "hx-trigger" not in text
    assert "已完成" in text
    assert reverse("jobs:job_detail", args=[job.pk]) in text


def test_a_failed_job_shows_its_message(login, catalog_office):
    job = runner.start(kind="test.broken_file", user=catalog_office, params={})
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
    text = login(catalog_office).get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "失败" in text and "文件已损坏" in text


def test_nobody_else_sees_the_job(login, catalog_office, supervisor, outsider):
    job = _pending(catalog_office)
    for person in (supervisor, outsider):
        client = login(person)
        assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("jobs:job_progress", args=[job.pk])).status_code == 404


def test_a_result_view_that_does_not_exist_gives_no_link(login, catalog_office):
    job = runner.start(kind="test.halfway", user=catalog_office, params={"result_view": "nowhere:at_all"})
    response = login(catalog_office).get(reverse("jobs:job_detail", args=[job.pk]))
    assert response.status_code == 200 and response.context["result_url"] == ""


def test_job_pages_need_a_signed_in_user(client, catalog_office):
    job = _pending(catalog_office)
    response = client.get(reverse("jobs:job_detail", args=[job.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
