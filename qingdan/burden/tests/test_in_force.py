"""Apps and chat groups stay in force from one month until another: a month's figure is the count in force
that month; a period's figure (before, after, last year, a ranking) counts each app or group once, not once
a month (an app used all year is one app in the year, not twelve)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from qingdan.burden import queries
from qingdan.burden.ledger.models import DigitalTool
from qingdan.burden.models import BurdenSettings
from qingdan.burden.refresh import rebuild

M = datetime.date
TODAY = M(2025, 6, 15)  # reform 2025-01: after 2025-01…06, before 2024-07…12, last year 2024-01…06


@pytest.fixture
def tools(county, village, department, village_cadre):
    def tool(kind, name, since, until=None):
        DigitalTool.objects.create(
            county=county,
            village=village,
            kind=kind,
            name=name,
            issuer=department,
            used_from=since,
            used_until=until,
            recorded_by=village_cadre,
        )

    tool("app", "A", M(2024, 1, 1))  # in force throughout
    tool("app", "B", M(2024, 3, 1), M(2024, 9, 1))  # 2024-03 … 2024-08
    tool("app", "C", M(2025, 2, 1), M(2025, 4, 1))  # 2025-02 … 2025-03
    tool("app", "D", M(2025, 5, 1))  # from 2025-05
    tool("chat_group", "G", M(2024, 8, 1), M(2025, 3, 1))  # 2024-08 … 2025-02
    BurdenSettings.objects.create(county=county, reform_date=M(2025, 1, 1))
    rebuild(county)
    return county


def lines(report) -> dict[str, tuple[float, float, float]]:
    return {line.measure.code: (line.before, line.after, line.last_year) for line in report.lines}


def test_a_period_counts_each_app_and_group_once(tools, village, village_cadre):
    report = queries.village_screen(village_cadre, village, today=TODAY)
    # before: A, B; after: A, C, D; last year's first half: A, B (app-months would be 8, 10 and 10)
    assert lines(report)["apps_required"] == (2, 3, 2)
    assert lines(report)["chat_groups"] == (1, 1, 0)


def test_a_month_counts_what_is_in_force_that_month(tools, village, village_cadre):
    report = queries.village_screen(village_cadre, village, today=TODAY)
    by_month = dict(zip(report.months, report.trend["apps_required"], strict=True))
    assert [by_month[M(2024, n, 1)] for n in (1, 2, 3, 8, 9, 12)] == [1, 1, 2, 2, 1, 1]
    assert [by_month[M(2025, n, 1)] for n in range(1, 7)] == [1, 2, 2, 1, 2, 2]


def test_the_rankings_and_the_county_count_each_app_once(tools, village, county, department, catalog_office):
    report = queries.area_report(catalog_office, county, today=TODAY)
    [ranked] = report.villages
    assert ranked.by_measure["apps_required"] == 3 and ranked.by_measure["chat_groups"] == 1
    assert ranked.load == 4  # nothing else reached the village
    [issuer] = report.issuers
    assert issuer.pk == department.pk and issuer.by_measure["apps_required"] == 3
    assert lines(report)["apps_required"] == (2, 3, 2)  # the township and county sums say the same


def test_the_village_headline_is_this_months_count(tools, village, village_cadre):
    assert queries.headline(village_cadre, today=TODAY).this_month == 2 + 0  # D and A in force; G dropped


def test_the_page_documents_both_definitions(tools, login, catalog_office, county):
    page = login(catalog_office).get(reverse("burden:area", args=[county.code])).content.decode()
    assert "月度数：当月仍在要求使用的App数" in page and "每个只计一次" in page
