"""Staged uploads: a file with personal data never lies on disk in clear, and nothing is kept for long.

Read the bytes on disk, after a preview and after an abandoned preview.
"""

import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from qingdan.jobs.models import Job, JobStatus
from qingdan.sheets import flow, staging

from .importers import COMMITTED, PEOPLE

ID_NUMBER = "420102199003071234"
PHONE = "13812345678"


def residents(*id_numbers: str) -> bytes:
    lines = ["姓名\t身份证号\t联系电话"] + [f"张三\t{number}\t{PHONE}" for number in id_numbers]
    return ("\n".join(lines) + "\n").encode()


def upload(data: bytes, name: str = "居民.tsv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def on_disk() -> bytes:
    """Every byte of every staged file."""
    folder = staging.folder()
    return b"".join(path.read_bytes() for path in folder.iterdir()) if folder.is_dir() else b""


def in_clear(data: bytes) -> bool:
    for text in (ID_NUMBER, PHONE, "张三"):
        for encoding in ("utf-8", "utf-16-le", "gb18030"):
            if text.encode(encoding) in data:
                return True
    return False


@pytest.fixture(autouse=True)
def _nothing_committed_yet():
    COMMITTED.clear()


def test_a_file_with_personal_data_is_sealed_on_disk_and_read_back_whole():
    data = residents(ID_NUMBER)
    token = staging.stage(upload(data), personal=True)
    assert on_disk() and not in_clear(on_disk())
    assert token.endswith(".tsv.sealed")
    assert staging.read(token) == data


def test_a_file_without_personal_data_is_kept_as_it_came():
    token = staging.stage(upload(b"a\tb\n"))
    assert on_disk() == b"a\tb\n" and staging.read(token) == b"a\tb\n"


def test_a_sealed_file_does_not_open_under_another_key(settings):
    token = staging.stage(upload(residents(ID_NUMBER)), personal=True)
    settings.QINGDAN_DATA_KEY = "another installation's key"
    assert staging.read(token) is None


def test_only_names_the_store_made_are_read_or_deleted(tmp_path):
    outside = tmp_path / "secret.tsv"
    outside.write_text("x")
    staging.stage(upload(b"x"))
    for name in ("../secret.tsv", str(outside), "", "x" * 32):
        assert staging.read(name) is None
        staging.discard(name)
    assert outside.exists()


def test_the_purge_deletes_only_what_was_left_longer_than_a_day():
    old, new = staging.stage(upload(b"old")), staging.stage(upload(b"new"))
    a_day_ago = time.time() - staging.KEEP_SECONDS - 60
    os.utime(staging.folder() / old, (a_day_ago, a_day_ago))
    assert staging.purge() == 1
    assert staging.read(old) is None and staging.read(new) == b"new"


def test_the_purge_command_deletes_abandoned_previews_and_says_how_many():
    token = staging.stage(upload(b"x"))
    two_hours_ago = time.time() - 2 * 3600
    os.utime(staging.folder() / token, (two_hours_ago, two_hours_ago))
    out = io.StringIO()
    call_command("purge-uploads", "--hours", "1", stdout=out)
    assert out.getvalue().strip() == "1" and staging.read(token) is None


# --- the flow ------------------------------------------------------------------------------------


def test_a_preview_keeps_the_file_sealed_and_the_commit_deletes_it(catalog_office):
    preview = flow.start_preview(PEOPLE, user=catalog_office, upload=upload(residents(ID_NUMBER)), params={})
    assert preview.status == JobStatus.DONE and preview.result == {"ok": True, "total": 1, "bad_rows": []}
    assert on_disk() and not in_clear(on_disk())
    assert ID_NUMBER not in str(preview.params) + str(preview.result)

    commit = flow.start_commit(PEOPLE, user=catalog_office, preview=preview)
    assert commit.status == JobStatus.DONE and commit.result["count"] == 1 and COMMITTED == [1]
    assert on_disk() == b""

    again = flow.start_commit(PEOPLE, user=catalog_office, preview=preview)
    assert again.status == JobStatus.FAILED and "已经导入" in again.error and COMMITTED == [1]


def test_an_abandoned_preview_leaves_no_clear_bytes_and_is_purged(catalog_office):
    flow.start_preview(PEOPLE, user=catalog_office, upload=upload(residents(ID_NUMBER, ID_NUMBER)), params={})
    assert on_disk() and not in_clear(on_disk())
    for path in staging.folder().iterdir():
        long_ago = time.time() - staging.KEEP_SECONDS - 60
        os.utime(path, (long_ago, long_ago))
    call_command("purge-uploads", stdout=io.StringIO())
    assert on_disk() == b""


def test_a_preview_with_errors_keeps_nothing_and_cannot_be_committed(catalog_office):
    preview = flow.start_preview(PEOPLE, user=catalog_office, upload=upload(residents("123")), params={})
    assert preview.result["ok"] is False and on_disk() == b""
    with pytest.raises(flow.ActionRefused):
        flow.start_commit(PEOPLE, user=catalog_office, preview=preview)
    assert COMMITTED == []


def test_a_cancelled_preview_is_deleted_at_once(catalog_office):
    preview = flow.start_preview(PEOPLE, user=catalog_office, upload=upload(residents(ID_NUMBER)), params={})
    flow.cancel(PEOPLE, preview=preview)
    assert on_disk() == b""


def test_an_unreadable_file_fails_the_check_in_chinese_and_keeps_nothing(catalog_office):
    preview = flow.start_preview(
        PEOPLE, user=catalog_office, upload=upload(b"PK\x03\x04", "a.tsv"), params={}
    )
    assert preview.status == JobStatus.FAILED and "xlsx" in preview.error and on_disk() == b""


def test_only_the_starter_sees_a_flow_job(catalog_office, county_reviewer):
    from django.http import Http404

    preview = flow.start_preview(PEOPLE, user=catalog_office, upload=upload(residents(ID_NUMBER)), params={})
    assert flow.job(PEOPLE, catalog_office, preview.pk).pk == preview.pk
    with pytest.raises(Http404):
        flow.job(PEOPLE, county_reviewer, preview.pk)
    assert Job.objects.count() == 1
