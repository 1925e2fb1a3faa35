"""Bulk import pages: a file is checked first (a job with progress; every bad row named, in Chinese), then
imported all or nothing. ID numbers are masked in the preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.registers.models import Resident, VillageFact
from qingdan.testing import id_number

pytestmark = pytest.mark.django_db


def tsv(text: str, name: str = "居民.tsv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/tab-separated-values")


def residents_file(*lines: str) -> SimpleUploadedFile:
    return tsv("姓名\t身份证号\t户号\t联系电话\t标签\n" + "".join(f"{line}\n" for line in lines))


def upload(client, what, division, file):
    return client.post(f"/forms/import/{what}/", {"division": division.code, "file": file})


def test_residents_are_checked_then_imported(login, village_cadre, village, elements):
    client = login(village_cadre)
    assert client.get("/forms/import/residents/").status_code == 200
    response = upload(
        client,
        "residents",
        village,
        residents_file(f"张三\t{id_number(1)}\t001\t13812345678\t低保", f"李四\t{id_number(2)}\t002\t\t"),
    )
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert 'id="commit-import"' in preview
    assert "张三" in preview and "420102********" in preview
    assert id_number(1) not in preview and "13812345678" not in preview
    assert not Resident.objects.exists()  # checked, not saved
    job_pk = int(response["Location"].rstrip("/").split("/")[-1])
    response = client.post(f"/forms/import/preview/{job_pk}/commit/")
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert 'id="import-done"' in done
    assert sorted(Resident.objects.values_list("name", flat=True)) == ["张三", "李四"]


def test_a_bad_row_is_named_and_nothing_is_imported(login, village_cadre, village, elements):
    client = login(village_cadre)
    bad = id_number(2)[:-1] + ("0" if id_number(2)[-1] != "0" else "1")  # wrong check digit
    response = upload(
        client,
        "residents",
        village,
        residents_file(f"张三\t{id_number(1)}\t001\t\t", f"李四\t{bad}\t002\t\t"),
    )
    preview = client.get(response["Location"]).content.decode()
    assert 'id="import-problems"' in preview and 'id="commit-import"' not in preview
    assert "校验码" in preview  # the Chinese message names the check digit
    assert bad not in preview
    job_pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(f"/forms/import/preview/{job_pk}/commit/")
    assert not Resident.objects.exists()


def test_a_half_broken_xlsx_is_refused_in_chinese(login, village_cadre, village, elements):
    from qingdan.sheets.writing import table_workbook

    data = table_workbook("居民", [("姓名", 10), ("身份证号", 20)], [["张三", id_number(1)]])
    broken = SimpleUploadedFile("居民.xlsx", data[: len(data) // 2])
    client = login(village_cadre)
    response = upload(client, "residents", village, broken)
    preview = client.get(response["Location"]).content.decode()
    assert 'id="import-problems"' in preview and 'id="commit-import"' not in preview
    assert "文件已损坏或不完整" in preview
    assert not Resident.objects.exists()


def test_an_oversized_upload_is_refused_before_reading(login, village_cadre, village, settings):
    settings.QINGDAN_MAX_IMPORT_BYTES = 1024
    client = login(village_cadre)
    big = tsv("姓名\t身份证号\n" + "张三\t110101199003077777\n" * 200)
    response = upload(client, "residents", village, big)
    assert response.status_code == 400
    assert "1024 B" in response.content.decode()  # the limit, named in the Chinese message
    assert not Resident.objects.exists()


def test_village_figures_are_imported_for_a_township(
    login, township_dispatcher, township, village, community, elements
):
    client = login(township_dispatcher)
    text = (
        "村(社区)代码\t户籍人口\t户数\t数据日期\n"
        f"{village.code}\t450\t120\t2025-12-31\n{community.code}\t800\t300\t2025-12-31\n"
    )
    response = upload(client, "figures", township, tsv(text, "村情.tsv"))
    preview = client.get(response["Location"]).content.decode()
    assert 'id="commit-import"' in preview and "甲社区" in preview
    job_pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(f"/forms/import/preview/{job_pk}/commit/")
    assert VillageFact.objects.filter(village=community, element=elements["population"]).get().value == "800"


def test_a_figure_of_the_wrong_type_stops_the_whole_file(
    login, township_dispatcher, township, village, community, elements
):
    client = login(township_dispatcher)
    text = (
        "村(社区)代码\t户籍人口\t数据日期\n"
        f"{village.code}\t450\t2025-12-31\n{community.code}\t很多\t2025-12-31\n"
    )
    response = upload(client, "figures", township, tsv(text, "村情.tsv"))
    preview = client.get(response["Location"]).content.decode()
    assert 'id="import-problems"' in preview and "户籍人口" in preview
    assert not VillageFact.objects.exists()


def test_a_checked_file_not_wanted_is_deleted_and_nothing_is_imported(
    login, village_cadre, village, elements, media_root
):
    client = login(village_cadre)
    response = upload(client, "residents", village, residents_file(f"张三\t{id_number(1)}\t001\t\t"))
    preview = client.get(response["Location"]).content.decode()
    assert 'id="cancel-import"' in preview
    assert len(list((media_root / "imports").iterdir())) == 1  # kept while it waits
    cancelled = client.post(response["Location"] + "cancel/", follow=True)
    assert cancelled.redirect_chain[0][0] == f"/forms/import/residents/?division={village.code}"
    assert "文件没有导入，也不再保存。" in cancelled.content.decode()
    assert list((media_root / "imports").iterdir()) == []
    assert client.post(response["Location"] + "commit/").status_code == 302  # nothing left to import
    assert not Resident.objects.exists()


def test_only_the_person_who_sees_the_check_may_cancel_it(
    login, village_cadre, outsider, village, elements, media_root
):
    response = upload(
        login(village_cadre), "residents", village, residents_file(f"张三\t{id_number(1)}\t\t\t")
    )
    assert login(outsider).post(response["Location"] + "cancel/").status_code == 404
    assert login(outsider).get(response["Location"] + "cancel/").status_code == 405
    assert len(list((media_root / "imports").iterdir())) == 1


def test_a_department_and_the_supervisor_may_not_import(login, dept_clerk, supervisor):
    for user in (dept_clerk, supervisor):
        assert login(user).get("/forms/import/residents/").status_code == 403


def test_another_person_does_not_see_the_check(login, village_cadre, outsider, village, elements):
    response = upload(
        login(village_cadre), "residents", village, residents_file(f"张三\t{id_number(1)}\t\t\t")
    )
    job_url = response["Location"]
    other = login(outsider)
    assert other.get(job_url).status_code == 404
    assert other.post(job_url + "commit/").status_code == 404


def test_a_village_cadre_cannot_import_into_another_village(login, village_cadre, other_village):
    response = upload(
        login(village_cadre), "residents", other_village, residents_file(f"张三\t{id_number(1)}\t\t\t")
    )
    assert response.status_code == 400  # not among the choices: the form refuses it
    assert not Resident.objects.exists()


def test_a_long_check_shows_its_progress_and_polls(login, village_cadre, village):
    from qingdan.jobs.models import Job, JobStatus

    job = Job.objects.create(
        kind="forms.import_check",
        created_by=village_cadre,
        status=JobStatus.RUNNING,
        params={
            "what": "residents",
            "division": village.code,
            "stored_name": "x.tsv",
            "filename": "居民.tsv",
        },
        total=50_000,
        done=20_000,
        stage="检查各行",
    )
    client = login(village_cadre)
    page = client.get(f"/forms/import/preview/{job.pk}/").content.decode()
    assert "40%" in page and 'hx-trigger="every 1s"' in page and 'id="commit-import"' not in page
    partial = client.get(f"/forms/import/preview/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="import-preview"') and "20000/50000" in partial
    assert client.post(f"/forms/import/preview/{job.pk}/commit/").status_code == 302  # not checked yet
    assert not Resident.objects.exists()


def test_a_staged_residents_file_never_lies_on_disk_with_an_id_number_in_clear(
    login, village_cadre, village, elements, media_root
):
    import io
    import os
    import time

    from django.core.management import call_command

    def on_disk() -> bytes:
        folder = media_root / "imports"
        return b"".join(p.read_bytes() for p in folder.iterdir()) if folder.is_dir() else b""

    def in_clear(data: bytes) -> bool:
        return any(text.encode() in data for text in (id_number(1), id_number(2), "13812345678", "张三"))

    client = login(village_cadre)
    lines = (f"张三\t{id_number(1)}\t001\t13812345678\t低保", f"李四\t{id_number(2)}\t002\t\t")
    response = upload(client, "residents", village, residents_file(*lines))
    assert response.status_code == 302
    assert on_disk() and not in_clear(on_disk())  # after the preview
    job_pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(f"/forms/import/preview/{job_pk}/commit/")
    assert on_disk() == b"" and Resident.objects.count() == 2  # deleted on commit

    upload(client, "residents", village, residents_file(*lines))  # a preview left unimported
    assert on_disk() and not in_clear(on_disk())
    for path in (media_root / "imports").iterdir():
        os.utime(path, (time.time() - 25 * 3600,) * 2)
    call_command("purge-uploads", stdout=io.StringIO())
    assert on_disk() == b""  # purged once abandoned
