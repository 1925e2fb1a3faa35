"""A department's mirror view: the items naming it as 责任单位 in every township and village."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from qingdan.jobs.models import Job
from qingdan.jobs.tests.exporting import downloaded
from qingdan.orgs.choices import Role
from qingdan.orgs.models import Unit
from qingdan.testing import make_user

from .view_support import body, publish, row

pytestmark = pytest.mark.django_db


def _township_rows():
    return [
        row("basic", "1", "乡镇基本履职事项"),
        row(
            "cooperate",
            "1",
            "配合开展农村人居环境整治",
            responsible_unit="县农业农村局",
            department_duty="牵头部署",
        ),
        row(
            "withdrawn",
            "1",
            "农业行政执法",
            responsible_unit="县农业农村局",
            working_method="由县农业综合执法大队承担",
        ),
        row("withdrawn", "2", "自然资源执法", responsible_unit="县自然资源局"),
    ]


@pytest.fixture
def catalogs(department, other_department, township, village, other_village):
    """甲镇, 甲村 and 乙村 publish catalogs naming 县农业农村局 (and one item naming 县自然资源局)."""
    publish(township, _township_rows())
    publish(village)  # its assist item names 县农业农村局
    publish(other_village)


def test_department_clerk_sees_every_item_naming_their_unit_grouped_by_kind_and_division(
    login, dept_clerk, catalogs
):
    response = login(dept_clerk).get(reverse("duties:mirror"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [(g["kind"], g["count"]) for g in groups] == [("cooperate", 1), ("withdrawn", 1), ("assist", 2)]
    assert [block["division"].name for block in groups[2]["divisions"]] == ["甲村", "乙村"]
    text = body(response)
    assert "农业行政执法" in text and "由县农业综合执法大队承担" in text
    assert "自然资源执法" not in text and "乡镇基本履职事项" not in text
    assert "县农业农村局" in text


def test_the_mirror_filters_by_township_and_list_kind(login, dept_clerk, catalogs, other_township):
    client = login(dept_clerk)
    by_township = client.get(reverse("duties:mirror"), {"division": other_township.code})
    assert by_township.context["total"] == 1
    by_kind = client.get(reverse("duties:mirror"), {"list_kind": "withdrawn"})
    assert [g["kind"] for g in by_kind.context["groups"]] == ["withdrawn"]


def test_a_newer_version_replaces_the_older_one_in_the_mirror(login, dept_clerk, catalogs, township):
    publish(township, [row("basic", "1", "只剩基本事项")])
    response = login(dept_clerk).get(reverse("duties:mirror"))
    assert [g["kind"] for g in response.context["groups"]] == ["assist"]


def test_county_reviewer_chooses_any_county_department(login, county_reviewer, catalogs, other_department):
    client = login(county_reviewer)
    first = client.get(reverse("duties:mirror"))
    assert first.status_code == 200 and first.context["unit"] is None
    assert "县自然资源局" in body(first) and "县农业农村局" in body(first)
    chosen = client.get(reverse("duties:mirror"), {"unit": other_department.pk})
    assert chosen.context["total"] == 1
    assert "自然资源执法" in body(chosen)


def test_a_clerk_cannot_look_at_another_departments_mirror(login, dept_clerk, catalogs, other_department):
    response = login(dept_clerk).get(reverse("duties:mirror"), {"unit": other_department.pk})
    assert response.status_code == 404


def test_village_cadre_gets_403(login, village_cadre, catalogs):
    assert login(village_cadre).get(reverse("duties:mirror")).status_code == 403
    assert login(village_cadre).get(reverse("duties:mirror_export")).status_code == 403


def test_a_clerk_cannot_export_another_departments_mirror(login, dept_clerk, catalogs, other_department):
    response = login(dept_clerk).get(reverse("duties:mirror_export"), {"unit": other_department.pk})
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_supervisor_reads_a_mirror(login, supervisor, catalogs, department):
    response = login(supervisor).get(reverse("duties:mirror"), {"unit": department.pk})
    assert response.status_code == 200 and response.context["total"] == 4


def test_mirror_export_is_an_xlsx_with_division_columns(login, dept_clerk, catalogs):
    response = downloaded(login(dept_clerk), reverse("duties:mirror_export"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = workbook.get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["乡镇（街道）", "村（社区）", "清单类型", "序号"]
    assert len(rows) == 5
    assert ["甲镇", "甲村", "协助事项"] in [r[:3] for r in rows]


def test_mirror_runs_a_fixed_number_of_queries(
    login, dept_clerk, department, township, village, community, other_village, django_assert_max_num_queries
):
    publish(village)
    client = login(dept_clerk)
    client.get(reverse("duties:mirror"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("duties:mirror"))
    publish(community)
    publish(other_village)
    publish(township, _township_rows())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("duties:mirror"))
    assert response.context["total"] == 5


def test_a_clerk_whose_unit_is_not_a_department_sees_nothing(login, county, catalogs):
    office = Unit.objects.create(name="县某办公室", kind="office", division=county, county=county)
    clerk = make_user("bangongshi", Role.DEPT_CLERK, office)
    response = login(clerk).get(reverse("duties:mirror"))
    assert response.status_code == 200 and response.context["total"] == 0


def test_the_mirror_link_is_shown_only_to_those_who_may_open_it(login, village_cadre, dept_clerk):
    mirror_link = f'href="{reverse("duties:mirror")}"'
    assert mirror_link not in body(login(village_cadre).get(reverse("duties:catalog_list")))
    assert mirror_link in body(login(dept_clerk).get(reverse("duties:catalog_list")))
