"""A progress report sent twice (a double click, a resent form) is kept once: a report by the same person
saying what the row's latest report said, with no file, changes nothing and says so."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qingdan.tasks import actions
from qingdan.tasks.models import RowUpdate
from qingdan.testing import nothing_written

pytestmark = pytest.mark.django_db

SAME = "本次报告与您上次的报告相同（进度 40%，说明相同），未重复保存。"


def test_the_same_report_twice_is_kept_once(active, worker):
    row = active.rows.get()
    actions.update_progress(user=worker, row=row, percent=40, note="已排查12处")
    with nothing_written() as refused:
        actions.update_progress(user=worker, row=row, percent=40, note="已排查12处")
    assert refused.value.message == SAME
    assert RowUpdate.objects.count() == 1


def test_a_new_percent_a_new_note_or_a_file_is_a_new_report(active, worker):
    row = active.rows.get()
    actions.update_progress(user=worker, row=row, percent=40, note="已排查12处")
    actions.update_progress(user=worker, row=row, percent=50, note="已排查12处")
    actions.update_progress(user=worker, row=row, percent=50, note="已排查15处")
    scan = SimpleUploadedFile("台账.pdf", b"%PDF-1.4 ledger", content_type="application/pdf")
    actions.update_progress(user=worker, row=row, percent=50, note="已排查15处", file=scan)
    assert RowUpdate.objects.count() == 4


def test_going_back_to_an_earlier_report_is_a_new_report(active, worker):
    row = active.rows.get()
    actions.update_progress(user=worker, row=row, percent=40, note="过半")
    actions.update_progress(user=worker, row=row, percent=60, note="过半")
    actions.update_progress(user=worker, row=row, percent=40, note="过半")  # corrected downwards
    assert RowUpdate.objects.count() == 3


def test_the_page_says_so_and_keeps_one_report(login, worker, active):
    row = active.rows.get()
    client = login(worker)
    url = reverse("tasks:row_progress", args=[row.pk])
    assert client.post(url, {"percent": "40", "note": "已排查12处"}).status_code == 302
    again = client.post(url, {"percent": "40", "note": "已排查12处"})
    assert again.status_code == 400 and SAME in again.content.decode()
    assert RowUpdate.objects.count() == 1


def test_the_api_answers_409_and_keeps_one_report(login, worker, active):
    row = active.rows.get()
    client = login(worker)

    def send():
        return client.post(
            f"/api/v1/checklist-rows/{row.pk}/progress",
            {"percent": 40, "note": "已排查12处"},
            content_type="application/json",
        )

    assert send().status_code == 201
    again = send()
    assert again.status_code == 409 and again.json()["detail"] == SAME
    assert RowUpdate.objects.count() == 1
