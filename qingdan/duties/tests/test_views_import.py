"""Importing a catalog file through the web: upload → checked preview (a job) → commit, all or nothing."""

import codecs
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qingdan.duties.models import Catalog, CatalogVersion, DutyItem
from qingdan.jobs.models import Job
from qingdan.orgs.choices import Role
from qingdan.testing import make_user

from .view_support import body, publish, row, text_file, tsv_file, village_rows

pytestmark = pytest.mark.django_db

HEADER = "清单类型\t序号\t类别\t事项名称\t责任单位\n"


def _database_rows() -> tuple[int, int, int]:
    return Catalog.objects.count(), CatalogVersion.objects.count(), DutyItem.objects.count()


def _upload(client, division, upload):
    return client.post(reverse("duties:catalog_import"), {"division": division.code, "file": upload})


def _preview(client, response):
    assert response.status_code == 302, body(response)
    return client.get(response["Location"])


# --- the form ----------------------------------------------------------------------------------


def test_catalog_office_gets_the_form_with_villages_grouped_by_township(
    login, catalog_office, village, other_village
):
    response = login(catalog_office).get(reverse("duties:catalog_import"), {"division": village.code})
    assert response.status_code == 200
    text = body(response)
    assert '<optgroup label="甲镇">' in text and '<optgroup label="乙乡">' in text
    assert f'<option value="{village.code}" selected>甲村</option>' in text


def test_supervisor_may_not_import(login, supervisor, village):
    client = login(supervisor)
    assert client.get(reverse("duties:catalog_import")).status_code == 403
    assert client.get(reverse("duties:catalog_import"), {"division": village.code}).status_code == 403
    before = _database_rows()
    assert _upload(client, village, tsv_file(village_rows())).status_code == 403
    assert _database_rows() == before


def test_a_division_outside_the_scope_is_404(login, outsider, village):
    client = login(outsider)
    assert client.get(reverse("duties:catalog_import"), {"division": village.code}).status_code == 404
    assert _upload(client, village, tsv_file(village_rows())).status_code == 404


def test_a_file_that_is_too_large_is_refused_in_chinese(login, catalog_office, village, settings):
    settings.QINGDAN_MAX_UPLOAD_BYTES = 100
    response = _upload(login(catalog_office), village, tsv_file(village_rows()))
    assert response.status_code == 400
    assert "文件过大" in body(response)
    assert not Job.objects.exists()


def test_a_file_of_another_type_is_refused_in_chinese(login, catalog_office, village):
    response = _upload(login(catalog_office), village, text_file("x", name="清单.docx"))
    assert response.status_code == 400
    assert "不是清单文件" in body(response)


# --- preview -----------------------------------------------------------------------------------


def test_a_good_file_shows_counts_rows_and_a_commit_button_and_saves_nothing(login, catalog_office, village):
    client = login(catalog_office)
    before = _database_rows()
    preview = _preview(client, _upload(client, village, tsv_file(village_rows())))
    assert preview.status_code == 200
    text = body(preview)
    assert "共读取 5 个事项" in text
    assert "主责事项 2" in text and "协助事项 1" in text and "出具证明事项 1" in text
    assert "居民财产证明" in text
    assert 'id="commit-import"' in text
    assert _database_rows() == before


def test_the_preview_partial_stops_polling_when_the_job_is_done(login, catalog_office, village):
    client = login(catalog_office)
    response = _upload(client, village, tsv_file(village_rows()))
    partial = client.get(response["Location"], headers={"HX-Request": "true"})
    text = body(partial)
    assert text.startswith('<div id="import-preview"')
    assert "hx-trigger" not in text and "<html" not in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("类型\t序号\t事项名称\n主责事项\t1\t某事项\n", "缺少必填列「清单类型」"),
        (HEADER + "主要事项\t1\t\t某事项\t\n", "未知的清单类型「主要事项」"),
        (HEADER + "主责事项\t1\t\t甲事项\t\n主责事项\t1\t\t乙事项\t\n", "序号「1」在「主责事项」中重复"),
    ],
    ids=["wrong-header", "unknown-kind", "duplicate-number"],
)
def test_a_bad_file_names_every_problem_and_offers_no_commit(
    login, catalog_office, village, content, expected
):
    client = login(catalog_office)
    before = _database_rows()
    preview = _preview(client, _upload(client, village, text_file(content)))
    text = body(preview)
    assert expected in text
    assert "修改文件后重新上传" in text
    assert 'id="commit-import"' not in text
    assert _database_rows() == before


def test_every_bad_row_is_listed_with_its_row_number(login, catalog_office, village):
    content = HEADER + "主责事项\t1\t\t甲\t\n未知类型\t2\t\t乙\t\n主责事项\t\t\t丙\t\n主责事项\t3\t\t\t\n"
    client = login(catalog_office)
    preview = _preview(client, _upload(client, village, text_file(content)))
    errors = preview.context["result"]["errors"]
    assert sorted(e["row"] for e in errors) == [3, 4, 5]
    text = body(preview)
    assert "未填写序号" in text and "未填写事项名称" in text


def test_a_commit_of_a_bad_file_imports_nothing(login, catalog_office, village):
    client = login(catalog_office)
    response = _upload(client, village, text_file(HEADER + "主要事项\t1\t\t某事项\t\n"))
    job = Job.objects.get()
    before = _database_rows()
    commit = client.post(reverse("duties:catalog_import_commit", args=[job.pk]))
    assert commit.status_code == 302
    assert _database_rows() == before
    assert response.status_code == 302


# --- commit ------------------------------------------------------------------------------------


def test_commit_creates_the_first_version_and_shows_the_catalog(login, catalog_office, village):
    client = login(catalog_office)
    _upload(client, village, tsv_file(village_rows(), name="甲村清单.tsv"))
    job = Job.objects.get()
    response = client.post(reverse("duties:catalog_import_commit", args=[job.pk]), follow=True)
    catalog = Catalog.objects.get(division=village)
    assert response.redirect_chain[-1][0] == reverse("duties:catalog_detail", args=[catalog.pk])
    assert catalog.current_version.number == 1
    assert catalog.current_version.source_file == "甲村清单.tsv"
    assert catalog.current_version.items.count() == 5
    text = body(response)
    assert "已导入甲村履职事项清单第 1 版，共 5 个事项" in text
    assert "居民财产证明" in text


def test_a_file_with_a_byte_order_mark_imports_the_same_as_one_without(
    login, catalog_office, village, other_village
):
    with_mark = tsv_file(village_rows()).read()
    without_mark = with_mark.removeprefix(codecs.BOM_UTF8)
    assert with_mark != without_mark  # write_tsv starts the file with the mark
    client = login(catalog_office)
    for division, data in ((village, with_mark), (other_village, without_mark)):
        _upload(
            client, division, SimpleUploadedFile("清单.tsv", data, content_type="text/tab-separated-values")
        )
        job = Job.objects.latest("pk")
        client.post(reverse("duties:catalog_import_commit", args=[job.pk]))

    def items(division):
        return list(
            DutyItem.objects.filter(version__catalog__division=division)
            .order_by("position")
            .values_list("list_kind", "item_no", "category", "name", "responsible_unit", "basis")
        )

    assert len(items(village)) == 5
    assert items(village) == items(other_village)


def test_a_second_import_becomes_version_two(login, catalog_office, village):
    publish(village)
    client = login(catalog_office)
    _upload(client, village, tsv_file([row("primary", "1", "新的主责事项")]))
    client.post(reverse("duties:catalog_import_commit", args=[Job.objects.get().pk]))
    catalog = Catalog.objects.get(division=village)
    assert catalog.current_version.number == 2
    assert [i.name for i in catalog.current_version.items.all()] == ["新的主责事项"]


def test_the_same_preview_cannot_be_committed_twice(login, catalog_office, village):
    client = login(catalog_office)
    _upload(client, village, tsv_file(village_rows()))
    job = Job.objects.get()
    client.post(reverse("duties:catalog_import_commit", args=[job.pk]))
    again = client.post(reverse("duties:catalog_import_commit", args=[job.pk]), follow=True)
    assert "已经导入过" in body(again)
    assert CatalogVersion.objects.count() == 1


def test_someone_elses_preview_is_404(login, catalog_office, village, county):
    client = login(catalog_office)
    _upload(client, village, tsv_file(village_rows()))
    job = Job.objects.get()
    colleague = make_user("bianban2", Role.CATALOG_OFFICE, catalog_office.unit)
    other = login(colleague)
    assert other.get(reverse("duties:import_preview", args=[job.pk])).status_code == 404
    assert other.post(reverse("duties:catalog_import_commit", args=[job.pk])).status_code == 404
    assert not CatalogVersion.objects.exists()


def test_commit_needs_post(login, catalog_office, village):
    client = login(catalog_office)
    _upload(client, village, tsv_file(village_rows()))
    job = Job.objects.get()
    assert client.get(reverse("duties:catalog_import_commit", args=[job.pk])).status_code == 405


# --- publishing a template ---------------------------------------------------------------------


def test_catalog_office_publishes_a_village_template_through_the_same_preview(login, catalog_office, county):
    client = login(catalog_office)
    form = client.get(reverse("duties:template_publish"))
    assert form.status_code == 200
    response = client.post(
        reverse("duties:template_publish"),
        {"level": "village", "name": "测试县村级清单模板", "file": tsv_file(village_rows())},
    )
    preview = _preview(client, response)
    assert "测试县村级清单模板" in body(preview)
    job = Job.objects.get()
    client.post(reverse("duties:catalog_import_commit", args=[job.pk]))
    template = Catalog.objects.get(is_template=True)
    assert (template.division, template.level, template.name) == (county, "village", "测试县村级清单模板")
    assert template.current_version.items.count() == 5


def test_supervisor_may_not_publish_a_template(login, supervisor, county):
    client = login(supervisor)
    assert client.get(reverse("duties:template_publish")).status_code == 403
    response = client.post(
        reverse("duties:template_publish"),
        {"level": "village", "name": "模板", "file": tsv_file(village_rows())},
    )
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_a_village_cadre_may_not_publish_a_template(login, village_cadre):
    assert login(village_cadre).get(reverse("duties:template_publish")).status_code == 403


def test_uploads_left_unimported_for_a_day_are_removed_by_the_next_upload(
    login, catalog_office, village, media_root
):
    old = media_root / "imports" / "forgotten.tsv"
    old.parent.mkdir(parents=True)
    old.write_text("x")
    a_day_ago = time.time() - 25 * 60 * 60
    os.utime(old, (a_day_ago, a_day_ago))
    _upload(login(catalog_office), village, tsv_file(village_rows()))
    assert not old.exists()
    assert len(list((media_root / "imports").iterdir())) == 1


def test_a_commit_runs_as_a_job_and_deletes_the_kept_file(login, catalog_office, village, media_root):
    client = login(catalog_office)
    _upload(client, village, tsv_file(village_rows()))
    assert len(list((media_root / "imports").iterdir())) == 1
    preview = Job.objects.get()
    client.post(reverse("duties:catalog_import_commit", args=[preview.pk]))
    commit = Job.objects.exclude(pk=preview.pk).get()
    assert commit.kind == "duties.import_commit" and commit.status == "done"
    assert commit.result["count"] == CatalogVersion.objects.get().items.count()
    assert list((media_root / "imports").iterdir()) == []
    finished = client.get(reverse("duties:import_preview", args=[commit.pk]))
    assert finished.status_code == 302 and finished["Location"].endswith(f"/{commit.result['catalog_id']}/")


def test_a_cancelled_preview_keeps_no_file_and_imports_nothing(login, catalog_office, village, media_root):
    client = login(catalog_office)
    _upload(client, village, tsv_file(village_rows()))
    job = Job.objects.get()
    assert 'id="cancel-import"' in body(client.get(reverse("duties:import_preview", args=[job.pk])))
    response = client.post(reverse("duties:catalog_import_cancel", args=[job.pk]))
    assert response.status_code == 302 and list((media_root / "imports").iterdir()) == []
    client.post(reverse("duties:catalog_import_commit", args=[job.pk]))
    assert _database_rows() == (0, 0, 0)
