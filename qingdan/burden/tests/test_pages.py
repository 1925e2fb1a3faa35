"""The burden pages and downloads as their owner, an outsider (404) and the read-only supervisor (403 on
writes), with the queries they make counted."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from qingdan.audit.models import AuditEvent
from qingdan.burden.models import BurdenSettings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cells(response) -> list[list]:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_everyone_starts_at_their_own_figures(
    small_county,
    login,
    village_cadre,
    dept_clerk,
    township_dispatcher,
    catalog_office,
    village,
    township,
    department,
):
    assert login(village_cadre).get(reverse("burden:start")).url == reverse(
        "burden:village", args=[village.code]
    )
    assert login(dept_clerk).get(reverse("burden:start")).url == reverse(
        "burden:department", args=[department.pk]
    )
    assert login(township_dispatcher).get(reverse("burden:start")).url == reverse(
        "burden:area", args=[township.code]
    )
    assert login(catalog_office).get(reverse("burden:start")).url == reverse(
        "burden:area", args=[small_county.code]
    )


def test_the_county_dashboard_shows_the_reform_figures_in_chinese(
    small_county, login, catalog_office, django_assert_max_num_queries
):
    client = login(catalog_office)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("burden:area", args=[small_county.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "改革成效：改革前后对比" in page and "甲村" in page and "县农业农村局" in page
    assert 'id="burden-charts"' in page and "vendor/echarts/dist/echarts.min.js" in page
    assert "Load per village" not in page and "How it is counted" not in page
    assert "<script>" not in page  # data islands only: the CSP forbids inline scripts


def test_the_township_view_ranks_its_villages_only(
    small_county, login, township_dispatcher, township, django_assert_max_num_queries
):
    client = login(township_dispatcher)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("burden:area", args=[township.code]))
    page = response.content.decode()
    assert response.status_code == 200 and "甲村" in page and "甲社区" in page and "乙村" not in page


def test_the_department_view_shows_what_it_asked_and_what_was_refused(
    small_county, login, dept_clerk, other_department, department, django_assert_max_num_queries
):
    client = login(dept_clerk)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("burden:department", args=[department.pk]))
    assert response.status_code == 200 and "甲村" in response.content.decode()
    assert client.get(reverse("burden:department", args=[other_department.pk])).status_code == 404
    assert client.get(reverse("burden:area", args=[small_county.code])).status_code == 404


def test_the_village_screen_lists_its_months(
    small_county, login, village_cadre, village, django_assert_max_num_queries
):
    client = login(village_cadre)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("burden:village", args=[village.code]))
    page = response.content.decode()
    assert response.status_code == 200 and "2025-03" in page and "派到村的事项" in page


@pytest.mark.parametrize(
    "name, args",
    [
        ("burden:village", ["village"]),
        ("burden:village_export", ["village"]),
        ("burden:area", ["township"]),
        ("burden:area_export", ["township", "villages"]),
        ("burden:area_print", ["township"]),
    ],
)
def test_an_outsider_gets_404_for_another_townships_figures(
    small_county, login, outsider, village, township, name, args
):
    values = {"village": village.code, "township": township.code}
    url = reverse(name, args=[values.get(a, a) for a in args])
    assert login(outsider).get(url).status_code == 404


@pytest.mark.parametrize("table", ["figures", "trend", "villages", "issuers"])
def test_every_table_exports_with_real_numbers(small_county, login, catalog_office, table):
    response = login(catalog_office).get(reverse("burden:area_export", args=[small_county.code, table]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    numbers = [cell for row in cells(response) for cell in row if isinstance(cell, float)]
    assert numbers, "the export holds numbers, not text"


def test_the_village_export_sums_to_the_screen(small_county, login, village_cadre, village):
    rows = cells(login(village_cadre).get(reverse("burden:village_export", args=[village.code])))
    header = next(row for row in rows if "派到村的事项" in row)
    column = header.index("派到村的事项")
    body = rows[rows.index(header) + 1 :]
    assert sum(row[column] for row in body if isinstance(row[column], float)) == 2


def test_the_county_report_prints_on_a4(small_county, login, catalog_office):
    response = login(catalog_office).get(reverse("burden:area_print", args=[small_county.code]))
    if response.status_code == 503:
        pytest.skip("WeasyPrint is not installed here")
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) in (842, 595)  # A4 landscape or portrait, in points
    assert "甲村" in "".join(p.extract_text() for p in reader.pages)


def test_the_catalog_office_sets_the_reform_date_audited(small_county, login, catalog_office):
    response = login(catalog_office).post(
        reverse("burden:reform_date", args=[small_county.code]), {"reform_date": "2024-07-01"}
    )
    assert response.status_code == 302
    assert BurdenSettings.objects.get(county=small_county).reform_date == datetime.date(2024, 7, 1)
    assert AuditEvent.objects.filter(action="burden.set_reform_date").count() == 1


def test_a_reform_date_in_the_future_is_refused_and_nothing_changes(small_county, login, catalog_office):
    client = login(catalog_office)
    response = client.post(
        reverse("burden:reform_date", args=[small_county.code]), {"reform_date": "2999-01-01"}, follow=True
    )
    assert "改革日期须在 2000-01-01 至今天之间。" in response.content.decode()
    assert BurdenSettings.objects.get(county=small_county).reform_date == datetime.date(2025, 3, 1)
    assert not AuditEvent.objects.filter(action="burden.set_reform_date").exists()


def test_the_supervisor_reads_but_may_not_write(small_county, login, supervisor):
    client = login(supervisor)
    assert client.get(reverse("burden:area", args=[small_county.code])).status_code == 200
    assert (
        client.post(
            reverse("burden:reform_date", args=[small_county.code]), {"reform_date": "2024-07-01"}
        ).status_code
        == 403
    )
    assert client.post(reverse("burden:rebuild", args=[small_county.code])).status_code == 403
    assert BurdenSettings.objects.get(county=small_county).reform_date == datetime.date(2025, 3, 1)


def test_an_outsider_may_not_write_either(small_county, login, outsider):
    url = reverse("burden:reform_date", args=[small_county.code])
    assert login(outsider).post(url, {"reform_date": "2024-07-01"}).status_code == 404


def test_a_rebuild_runs_as_a_job(small_county, login, catalog_office):
    response = login(catalog_office).post(reverse("burden:rebuild", args=[small_county.code]))
    assert response.status_code == 302 and "/jobs/" in response.url
