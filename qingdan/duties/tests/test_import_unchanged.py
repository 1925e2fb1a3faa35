"""Importing a file identical to the current version is a no-op with a message, through the preview →
commit flow of qingdan.sheets and over the API alike; a changed file still becomes the next version."""

import pytest
from django.urls import reverse

from qingdan.audit.models import AuditEvent
from qingdan.duties.models import Catalog, CatalogVersion, DutyItem
from qingdan.jobs.models import Job

from .view_support import body, publish, row, tsv_file, village_rows

pytestmark = pytest.mark.django_db

UNCHANGED = "文件与甲村履职事项清单的现行版本（第1版）相同，未生成新版本。"


def counts() -> tuple[int, int, int]:
    return CatalogVersion.objects.count(), DutyItem.objects.count(), AuditEvent.objects.count()


def commit_upload(client, village, upload):
    client.post(reverse("duties:catalog_import"), {"division": village.code, "file": upload})
    return client.post(
        reverse("duties:catalog_import_commit", args=[Job.objects.latest("pk").pk]), follow=True
    )


def test_committing_the_current_version_again_says_so_and_makes_no_version(login, catalog_office, village):
    publish(village)
    client = login(catalog_office)
    before = counts()
    response = commit_upload(client, village, tsv_file(village_rows(), name="再次上传.tsv"))
    assert UNCHANGED in body(response)
    assert counts() == before
    assert Catalog.objects.get(division=village).current_version.number == 1


def test_a_changed_file_still_becomes_the_next_version(login, catalog_office, village):
    publish(village)
    commit_upload(
        login(catalog_office), village, tsv_file([*village_rows(), row("primary", "9", "新增事项")])
    )
    assert Catalog.objects.get(division=village).current_version.number == 2


def test_the_api_answers_409_with_the_message_and_keeps_nothing(login, catalog_office, village):
    publish(village)
    client = login(catalog_office)
    before = counts()
    response = client.post(
        "/api/v1/catalogs/import", {"division": village.code, "file": tsv_file(village_rows())}
    )
    assert response.status_code == 409
    assert response.json()["detail"] == UNCHANGED
    assert counts() == before
