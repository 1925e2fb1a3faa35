"""The catalog list, one catalog's page, its .xlsx export and adopting a county template."""

import pytest
from django.urls import reverse

from qingdan.access import SYSTEM
from qingdan.duties import actions
from qingdan.duties.models import Catalog
from qingdan.duties.queries import rows_of
from qingdan.duties.sheet import read_catalog
from qingdan.jobs.models import Job
from qingdan.jobs.tests.exporting import downloaded

from .view_support import body, publish, row, village_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def _template(county, rows=None):
    return actions.publish_template(
        user=SYSTEM,
        county=county,
        level="village",
        name="测试县村级履职事项清单模板",
        rows=rows or village_rows(),
    ).catalog


# --- the list -------------------------------------------------------------------------------------


def test_catalog_office_sees_every_catalog_with_counts_per_list_kind(
    login, catalog_office, village, other_village
):
    publish(village)
    publish(other_village, [row("primary", "1", "乙村主责事项")])
    response = login(catalog_office).get(reverse("duties:catalog_list"))
    assert response.status_code == 200
    text = body(response)
    assert "甲村" in text and "乙村" in text
    assert "主责事项 2" in text and "协助事项 1" in text and "负面事项 1" in text


def test_templates_come_before_division_catalogs(login, catalog_office, county, village):
    publish(village)
    _template(county)
    text = body(login(catalog_office).get(reverse("duties:catalog_list")))
    assert text.index("测试县村级履职事项清单模板") < text.index("甲村")


def test_village_cadre_sees_only_their_village_and_the_county_template(
    login, village_cadre, county, village, other_village
):
    publish(village)
    publish(other_village, [row("primary", "1", "乙村主责事项")])
    _template(county)
    text = body(login(village_cadre).get(reverse("duties:catalog_list")))
    assert "甲村" in text and "测试县村级履职事项清单模板" in text
    assert "乙村" not in text


def test_catalog_list_filters_by_township_and_by_text(
    login, catalog_office, township, village, other_village
):
    publish(village)
    publish(other_village, [row("primary", "1", "乙村主责事项")])
    client = login(catalog_office)
    by_township = body(client.get(reverse("duties:catalog_list"), {"division": township.code}))
    assert "甲村" in by_township and "乙村" not in by_township
    by_text = body(client.get(reverse("duties:catalog_list"), {"q": "乙村"}))
    assert "乙村" in by_text and "甲村履职" not in by_text


def test_catalog_list_runs_a_fixed_number_of_queries(
    login, catalog_office, county, township, village, community, other_village, django_assert_max_num_queries
):
    client = login(catalog_office)
    publish(village)
    client.get(reverse("duties:catalog_list"))  # warm the session
    with django_assert_max_num_queries(13) as few:
        client.get(reverse("duties:catalog_list"))
    publish(community)
    publish(other_village)
    publish(township, [row("basic", "1", "基本履职"), row("withdrawn", "1", "收回事项")])
    _template(county)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("duties:catalog_list"))
    assert body(response).count("/catalogs/") >= 5


def test_catalog_list_needs_a_signed_in_user(client):
    response = client.get(reverse("duties:catalog_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- one catalog -------------------------------------------------------------------------------


def test_catalog_page_groups_items_by_list_kind_with_counts(login, village_cadre, village):
    catalog = publish(village).catalog
    response = login(village_cadre).get(reverse("duties:catalog_detail", args=[catalog.pk]))
    assert response.status_code == 200
    text = body(response)
    assert text.index("主责事项") < text.index("协助事项") < text.index("负面事项")
    assert "居民财产证明" in text and "县农业农村局" in text
    assert "负责项目规划和资金保障" in text  # the other columns, behind <details>
    sections = response.context["sections"]
    assert [(s.kind, s.count) for s in sections] == [
        ("primary", 2),
        ("assist", 1),
        ("negative", 1),
        ("certificate", 1),
    ]


def test_outsider_gets_404_for_a_catalog_of_another_township(login, outsider, village):
    catalog = publish(village).catalog
    assert login(outsider).get(reverse("duties:catalog_detail", args=[catalog.pk])).status_code == 404


def test_an_older_version_is_shown_with_version_parameter(login, catalog_office, village):
    publish(village, [row("primary", "1", "第一版的事项")])
    catalog = publish(village, [row("primary", "1", "第二版的事项")]).catalog
    client = login(catalog_office)
    current = body(client.get(reverse("duties:catalog_detail", args=[catalog.pk])))
    assert "第二版的事项" in current and "第一版的事项" not in current
    older = body(client.get(reverse("duties:catalog_detail", args=[catalog.pk]), {"version": 1}))
    assert "第一版的事项" in older and "第二版的事项" not in older
    missing = client.get(reverse("duties:catalog_detail", args=[catalog.pk]), {"version": 9})
    assert missing.status_code == 404


def test_supervisor_reads_the_catalog_but_gets_no_write_buttons(login, supervisor, village):
    catalog = publish(village).catalog
    response = login(supervisor).get(reverse("duties:catalog_detail", args=[catalog.pk]))
    assert response.status_code == 200
    text = body(response)
    assert reverse("duties:catalog_export", args=[catalog.pk]) in text
    assert reverse("duties:amendment_create", args=[catalog.pk]) not in text
    assert reverse("duties:catalog_import") not in text


def test_catalog_office_gets_import_and_amendment_buttons(login, catalog_office, village):
    catalog = publish(village).catalog
    text = body(login(catalog_office).get(reverse("duties:catalog_detail", args=[catalog.pk])))
    assert f"{reverse('duties:catalog_import')}?division={village.code}" in text
    assert reverse("duties:amendment_create", args=[catalog.pk]) in text


def test_catalog_page_runs_a_fixed_number_of_queries(
    login, catalog_office, village, django_assert_max_num_queries
):
    catalog = publish(village).catalog
    client = login(catalog_office)
    url = reverse("duties:catalog_detail", args=[catalog.pk])
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    many = [row("negative", str(n), f"第{n}项证明") for n in range(1, 80)]
    publish(village, many)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "第79项证明" in body(response)


# --- export ------------------------------------------------------------------------------------


def test_export_gives_an_xlsx_with_a_chinese_name_that_imports_to_the_same_rows(login, supervisor, village):
    version = publish(village)
    response = downloaded(login(supervisor), reverse("duties:catalog_export", args=[version.catalog_id]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''" in response["Content-Disposition"]
    result = read_catalog(response.content, "export.xlsx")
    assert result.ok
    strip = [r.__class__(**{**r.__dict__, "row": 0}) for r in result.rows]
    assert strip == [r.__class__(**{**r.__dict__, "row": 0}) for r in rows_of(version)]


def test_export_of_an_outsiders_catalog_is_404(login, outsider, village):
    version = publish(village)
    response = login(outsider).get(reverse("duties:catalog_export", args=[version.catalog_id]))
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_a_department_clerk_exports_only_the_items_naming_their_unit(login, dept_clerk, village):
    version = publish(village)
    response = downloaded(login(dept_clerk), reverse("duties:catalog_export", args=[version.catalog_id]))
    assert response.status_code == 200
    result = read_catalog(response.content, "export.xlsx")
    assert [r.name for r in result.rows] == ["协助开展高标准农田建设管护。"]


def test_xlsx_round_trip_of_the_test_rows_is_exact():
    result = read_catalog(xlsx_bytes(village_rows()), "x.xlsx")
    assert [r.name for r in result.rows] == [r.name for r in village_rows()]


# --- adopting a template -----------------------------------------------------------------------


def test_catalog_office_adopts_the_template_for_all_villages(
    login, catalog_office, county, village, community
):
    template = _template(county)
    client = login(catalog_office)
    page = body(client.get(reverse("duties:catalog_detail", args=[template.pk])))
    assert "甲村" in page and "甲社区" in page
    response = client.post(reverse("duties:template_adopt", args=[template.pk]), {"everyone": "on"})
    assert response.status_code == 302
    adopted = Catalog.objects.filter(template=template).order_by("division__code")
    assert [c.division.name for c in adopted] == ["甲村", "甲社区"]
    assert all(c.current_version.items.count() == len(village_rows()) for c in adopted)


def test_adopting_chosen_villages_only(login, catalog_office, county, village, community):
    template = _template(county)
    login(catalog_office).post(
        reverse("duties:template_adopt", args=[template.pk]), {"divisions": [village.pk]}
    )
    assert list(Catalog.objects.filter(template=template).values_list("division__name", flat=True)) == [
        "甲村"
    ]


def test_adopting_without_choosing_anyone_is_refused_with_a_message(login, catalog_office, county, village):
    template = _template(county)
    response = login(catalog_office).post(reverse("duties:template_adopt", args=[template.pk]), {})
    assert response.status_code == 400
    assert "至少选择一个" in body(response)
    assert not Catalog.objects.filter(template=template).exists()


def test_supervisor_may_not_adopt_a_template(login, supervisor, county, village):
    template = _template(county)
    response = login(supervisor).post(
        reverse("duties:template_adopt", args=[template.pk]), {"everyone": "on"}
    )
    assert response.status_code == 403
    assert not Catalog.objects.filter(template=template).exists()


def test_outsider_cannot_adopt_the_template_for_a_village_outside_their_scope(
    login, outsider, county, village, other_village
):
    template = _template(county)
    response = login(outsider).post(
        reverse("duties:template_adopt", args=[template.pk]), {"divisions": [village.pk]}
    )
    assert response.status_code == 400
    assert not Catalog.objects.filter(division=village).exists()


def test_adopting_a_catalog_of_another_township_is_404(login, outsider, village):
    catalog = publish(village).catalog
    response = login(outsider).post(reverse("duties:template_adopt", args=[catalog.pk]), {"everyone": "on"})
    assert response.status_code == 404
