"""A village's progress report sent twice is kept once: the same person, progress and note as the task's
latest report, with no file, changes nothing and says so — in the action, on the page and over the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import TaskReport

pytestmark = pytest.mark.django_db

SAME = "本次报告与您上次的报告相同（进度 40%，说明相同），未重复保存。"


def test_the_same_report_twice_is_kept_once(received, village_cadre, nothing_written):
    actions.report_progress(user=village_cadre, task=received, progress=40, note="已通知养殖户")
    with nothing_written() as refused:
        actions.report_progress(user=village_cadre, task=received, progress=40, note="已通知养殖户")
    assert refused.value.message == SAME


def test_a_new_progress_a_new_note_or_a_file_is_a_new_report(received, village_cadre):
    report = actions.report_progress
    report(user=village_cadre, task=received, progress=40, note="已通知养殖户")
    report(user=village_cadre, task=received, progress=60, note="已通知养殖户")
    report(user=village_cadre, task=received, progress=60, note="已入户登记")
    proof = SimpleUploadedFile("进度.txt", "登记表".encode(), content_type="text/plain")
    report(user=village_cadre, task=received, progress=60, note="已入户登记", file=proof)
    assert TaskReport.objects.count() == 4


def test_the_page_says_so_and_keeps_one_report(login, village_cadre, received):
    client = login(village_cadre)
    url = reverse("admission:task_report", args=[received.pk])
    assert client.post(url, {"progress": "40", "note": "已通知养殖户"}).status_code == 302
    again = client.post(url, {"progress": "40", "note": "已通知养殖户"})
    assert again.status_code == 400 and SAME in again.content.decode()
    assert TaskReport.objects.count() == 1


def test_the_api_answers_409_and_keeps_one_report(login, village_cadre, received):
    client = login(village_cadre)

    def send():
        return client.post(
            f"/api/v1/tasks/{received.pk}/report",
            {"progress": 40, "note": "已通知养殖户"},
            content_type="application/json",
        )

    assert send().status_code == 200
    again = send()
    assert again.status_code == 409 and again.json()["detail"] == SAME
    assert TaskReport.objects.count() == 1
