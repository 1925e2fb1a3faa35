"""Exports as jobs: the file is made by the job, kept sealed, downloaded only by the person who asked for
it while it is still in their scope, and deleted by `qingdan purge-uploads` after exports.KEEP_SECONDS."""

import io
import os
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from qingdan import testing
from qingdan.jobs import exports
from qingdan.jobs.models import Job, JobStatus
from qingdan.orgs.choices import UnitKind
from qingdan.sheets import staging

from .jobfunctions import UNIT_SHEET

pytestmark = pytest.mark.django_db


def started(person, unit) -> Job:
    return exports.start(UNIT_SHEET, user=person, params={"unit": unit.pk})


def download(client, job):
    return client.get(reverse("jobs:export_download", args=[job.pk]))


def test_the_job_page_offers_the_file_and_the_owner_downloads_it(login, township_dispatcher):
    job = started(township_dispatcher, township_dispatcher.unit)
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE
    client = login(township_dispatcher)
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "下载 甲镇党政办.txt" in page and reverse("jobs:export_download", args=[job.pk]) in page
    response = download(client, job)
    assert response.status_code == 200 and response.content.decode() == "单位：甲镇党政办"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert "no-store" in response["Cache-Control"]


def test_the_file_is_sealed_on_disk(township_dispatcher):
    started(township_dispatcher, township_dispatcher.unit)
    [kept] = list(staging.folder(staging.EXPORTS).iterdir())
    assert kept.name.endswith(".sealed") and "甲镇党政办".encode() not in kept.read_bytes()


def test_an_outsider_cannot_start_it_and_nobody_else_gets_the_file(
    login, township_dispatcher, outsider, supervisor
):
    job = started(township_dispatcher, township_dispatcher.unit)
    with pytest.raises(Exception) as refused:
        started(outsider, township_dispatcher.unit)
    assert refused.type.__name__ == "Http404"
    assert not Job.objects.filter(created_by=outsider).exists()
    for person in (outsider, supervisor):
        client = login(person)
        assert download(client, job).status_code == 404
        assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 404


def test_the_download_asks_for_the_scope_again(login, township_dispatcher, village, other_village):
    unit = testing.make_unit("甲村村委会", UnitKind.VILLAGE, village)
    job = started(township_dispatcher, unit)
    client = login(township_dispatcher)
    assert download(client, job).status_code == 200
    unit.division = other_village  # the unit has moved out of the person's township since
    unit.save()
    assert download(client, job).status_code == 404


def test_purge_uploads_deletes_an_export_after_its_keeping_time(login, township_dispatcher):
    job = started(township_dispatcher, township_dispatcher.unit)
    fresh = started(township_dispatcher, township_dispatcher.unit)
    old = time.time() - exports.KEEP_SECONDS - 60
    kept = staging.folder(staging.EXPORTS) / Job.objects.get(pk=job.pk).result["file"]
    os.utime(kept, (old, old))
    out = io.StringIO()
    call_command("purge-uploads", stdout=out)
    assert out.getvalue().strip() == "1" and not kept.exists()
    client = login(township_dispatcher)
    gone = download(client, job)
    assert gone.status_code == 410 and "请重新导出" in gone.content.decode()
    assert download(client, fresh).status_code == 200


def test_a_job_that_is_not_an_export_has_no_download(login, catalog_office):
    from qingdan.jobs import runner

    job = runner.start(kind="test.halfway", user=catalog_office, params={})
    client = login(catalog_office)
    assert download(client, job).status_code == 404
    assert "download-file" not in client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
