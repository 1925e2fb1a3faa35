"""Writing catalogs over the API from files: import, dry run, templates and adoption."""

import pytest
from django.test import override_settings

from qingdan.audit.models import AuditEvent
from qingdan.duties import actions
from qingdan.duties.models import Catalog, CatalogVersion, DutyItem

from .api_helpers import BAD_ROWS, publish_village_catalog, tsv_file
from .factories import village_rows

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/catalogs/import"
TEMPLATES = "/api/v1/templates"


def test_the_catalog_office_imports_a_village_catalog(login, catalog_office, village, department):
    response = login(catalog_office).post(IMPORT, {"division": village.code, "file": tsv_file()})
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["rows"] == 5
    assert body["counts"] == {"primary": 1, "assist": 1, "negative": 2, "certificate": 1}
    assert body["errors"] == []
    assert body["version"] == 1
    catalog = Catalog.objects.get(division=village)
    assert body["catalog"] == catalog.pk
    assert catalog.current_version.items.get(list_kind="assist").responsible_unit == department
    assert AuditEvent.objects.filter(action="duties.import_catalog", actor=catalog_office).count() == 1


def test_a_dry_run_checks_the_file_and_saves_nothing(login, catalog_office, village):
    response = login(catalog_office).post(
        IMPORT, {"division": village.code, "file": tsv_file(), "dry_run": "true"}
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert response.json()["rows"] == 5
    assert response.json()["version"] is None
    assert not Catalog.objects.exists()
    assert not DutyItem.objects.exists()
    assert not AuditEvent.objects.filter(action="duties.import_catalog").exists()


def test_a_bad_file_answers_422_with_every_error_by_row_and_column_and_saves_nothing(
    login, catalog_office, village
):
    response = login(catalog_office).post(IMPORT, {"division": village.code, "file": tsv_file(BAD_ROWS)})
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False
    assert body["version"] is None
    problems = {(e["row"], e["column"]) for e in body["errors"]}
    assert problems == {(3, "清单类型"), (4, "事项名称")}
    assert all(e["message"] for e in body["errors"])
    assert not Catalog.objects.exists()
    assert not DutyItem.objects.exists()


def test_a_file_that_is_not_a_catalog_answers_422_with_a_file_error(login, catalog_office, village):
    from django.core.files.uploadedfile import SimpleUploadedFile

    junk = SimpleUploadedFile("清单.doc", b"\xd0\xcf\x11\xe0 not a catalog")
    response = login(catalog_office).post(IMPORT, {"division": village.code, "file": junk})
    assert response.status_code == 422
    assert response.json()["errors"][0]["row"] == 0
    assert not Catalog.objects.exists()


@override_settings(QINGDAN_MAX_UPLOAD_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused(login, catalog_office, village):
    rows = [("负面事项", str(n), "不得要求村级组织出具证明" * 32, "") for n in range(1, 1001)]
    response = login(catalog_office).post(IMPORT, {"division": village.code, "file": tsv_file(rows)})
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert message.startswith("文件过大") and "上限为 1 MB" in message
    assert not Catalog.objects.exists()


def test_a_supervisor_may_not_import(login, supervisor, village):
    response = login(supervisor).post(IMPORT, {"division": village.code, "file": tsv_file()})
    assert response.status_code == 403
    assert not Catalog.objects.exists()


def test_a_supervisor_may_not_even_dry_run_an_import(login, supervisor, village):
    response = login(supervisor).post(IMPORT, {"division": village.code, "file": tsv_file(), "dry_run": "1"})
    assert response.status_code == 403


def test_importing_into_a_division_outside_the_scope_is_404(login, township_dispatcher, other_village):
    response = login(township_dispatcher).post(IMPORT, {"division": other_village.code, "file": tsv_file()})
    assert response.status_code == 404
    assert not Catalog.objects.exists()


def test_a_county_has_no_catalog_so_the_import_is_refused_with_409(login, catalog_office, county):
    for dry_run in ("false", "true"):
        response = login(catalog_office).post(
            IMPORT, {"division": county.code, "file": tsv_file(), "dry_run": dry_run}
        )
        assert response.status_code == 409
        assert response.json()["detail"]
    assert not Catalog.objects.exists()


def test_an_import_without_a_file_is_422(login, catalog_office, village):
    assert login(catalog_office).post(IMPORT, {"division": village.code}).status_code == 422


def test_the_catalog_office_publishes_a_template(login, catalog_office, county):
    response = login(catalog_office).post(
        TEMPLATES, {"level": "village", "name": "村级清单模板", "file": tsv_file()}
    )
    assert response.status_code == 200
    assert response.json()["version"] == 1
    template = Catalog.objects.get(pk=response.json()["catalog"])
    assert template.is_template and template.division == county and template.name == "村级清单模板"


def test_a_template_from_a_bad_file_is_refused_with_422(login, catalog_office):
    response = login(catalog_office).post(
        TEMPLATES, {"level": "village", "name": "模板", "file": tsv_file(BAD_ROWS)}
    )
    assert response.status_code == 422
    assert len(response.json()["errors"]) == 2
    assert not Catalog.objects.exists()


def test_a_template_needs_a_name_and_a_known_level(login, catalog_office):
    client = login(catalog_office)
    assert client.post(TEMPLATES, {"level": "village", "name": "  ", "file": tsv_file()}).status_code == 422
    assert client.post(TEMPLATES, {"level": "city", "name": "模板", "file": tsv_file()}).status_code == 422
    assert not Catalog.objects.exists()


def test_a_supervisor_may_not_publish_a_template(login, supervisor):
    response = login(supervisor).post(TEMPLATES, {"level": "village", "name": "模板", "file": tsv_file()})
    assert response.status_code == 403


def test_a_township_dispatcher_may_not_publish_a_template(login, township_dispatcher):
    response = login(township_dispatcher).post(
        TEMPLATES, {"level": "village", "name": "模板", "file": tsv_file()}
    )
    assert response.status_code == 403


@pytest.fixture
def template(catalog_office, county):
    return actions.publish_template(
        user=catalog_office, county=county, level="village", name="村级清单模板", rows=village_rows()
    ).catalog


def adopt(client, template, codes):
    return client.post(
        f"/api/v1/catalogs/{template.pk}/adopt", {"divisions": codes}, content_type="application/json"
    )


def test_villages_adopt_a_template_once(login, catalog_office, template, village, community):
    client = login(catalog_office)
    response = adopt(client, template, [village.code, community.code])
    assert response.status_code == 200
    adopted = response.json()["adopted"]
    assert [(a["division"], a["version"]) for a in adopted] == [(village.code, 1), (community.code, 1)]
    assert response.json()["unchanged"] == []
    again = adopt(client, template, [village.code])
    assert again.json() == {"adopted": [], "unchanged": [village.code]}
    assert CatalogVersion.objects.filter(catalog__division=village).count() == 1


def test_a_village_cadre_adopts_for_their_own_village(login, village_cadre, template, village):
    response = adopt(login(village_cadre), template, [village.code])
    assert response.status_code == 200
    assert Catalog.objects.get(division=village).template == template


def test_adopting_for_a_division_outside_the_scope_names_the_code_as_unknown(
    login, township_dispatcher, template, village, other_village
):
    response = adopt(login(township_dispatcher), template, [village.code, other_village.code])
    assert response.status_code == 422
    assert other_village.code in response.json()["detail"][0]["msg"]
    assert not Catalog.objects.filter(is_template=False).exists()


def test_a_supervisor_may_not_adopt(login, supervisor, template, village):
    assert adopt(login(supervisor), template, [village.code]).status_code == 403
    assert not Catalog.objects.filter(is_template=False).exists()


def test_adopting_a_catalog_that_is_not_a_template_is_refused_with_409(
    login, catalog_office, village, community
):
    catalog = publish_village_catalog(catalog_office, village)
    response = adopt(login(catalog_office), catalog, [community.code])
    assert response.status_code == 409


def test_an_outsider_cannot_adopt_a_template_of_another_county(login, outsider, catalog_office, village):
    catalog = publish_village_catalog(catalog_office, village)
    assert adopt(login(outsider), catalog, [village.code]).status_code == 404


def test_adoption_needs_at_least_one_division(login, catalog_office, template):
    assert adopt(login(catalog_office), template, []).status_code == 422
