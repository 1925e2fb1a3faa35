"""The heat view: the villages (grouped by township) × months of one chosen figure, its table beside the
chart, read as the county, a township (its villages only), an outsider (404), a department (404) and the
read-only supervisor (reads it)."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

# The hand-counted county's figures lie in 2025; the last month shown is chosen in the address.
UNTIL = "2025-06"


def url(area, figure: str | None = None, until: str = UNTIL) -> str:
    query = f"?until={until}" + (f"&figure={figure}" if figure else "")
    return reverse("burden:area_heat", args=[area.code]) + query


def island(response) -> dict:
    found = re.search(
        r'<script id="burden-charts" type="application/json">(.*?)</script>', response.content.decode()
    )
    assert found, "the page has its data island"
    return json.loads(found.group(1))["heat"]


def table(response) -> dict[str, list[str]]:
    """Each row of the table by its first cell: the villages' month cells, and the townships' heads."""
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", response.content.decode(), flags=re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_county_sees_every_village_grouped_by_township_with_the_hand_counted_figure(
    small_county, login, catalog_office, django_assert_max_num_queries
):
    client = login(catalog_office)
    with django_assert_max_num_queries(10):
        response = client.get(url(small_county, "tasks_dispatched"))
    assert response.status_code == 200
    rows = table(response)
    # 12 months up to 2025-06: 2024-07 … 2025-06; March 2025 is the 9th column.
    assert list(rows)[:5] == ["甲镇", "甲村", "甲社区", "乙乡", "乙村"]
    assert rows["甲村"][8] == "2" and rows["甲村"][-1] == "2"  # orders A and B sent in March
    assert rows["甲社区"][8] == "1" and rows["乙村"][-1] == "0"
    chart = island(response)
    assert chart["categories"][0] == "2024-07" and chart["categories"][-1] == "2025-06"
    assert chart["rows"] == ["甲镇", "甲村", "甲社区", "乙乡", "乙村"] and chart["headers"] == [0, 3]
    assert sorted(chart["data"]) == [[8, 1, 2], [8, 2, 1]] and chart["max"] == 2
    page = response.content.decode()
    assert "派到村的事项" in page or "派发到村" in page or chart["name"] in page
    assert "<script>" not in page


def test_orders_stopped_are_one_choice_of_figure(small_county, login, catalog_office):
    response = login(catalog_office).get(url(small_county, "prevented"))
    rows = table(response)
    # Order C refused on 2025-04-05 for 甲村 and 乙村; order D returned on 2025-02-01 for 甲社区.
    assert rows["甲村"][9] == "1" and rows["乙村"][9] == "1" and rows["甲社区"][7] == "1"
    assert sum(len(row) for row in island(response)["data"]) == 3 * 3


def test_an_unknown_figure_shows_the_load_and_a_bad_month_this_month(small_county, login, catalog_office):
    response = login(catalog_office).get(url(small_county, "nonsense", until="soon"))
    assert response.status_code == 200
    chart = island(response)
    assert chart["name"] == "负担"
    assert len(chart["categories"]) == 12


def test_a_township_sees_its_own_villages_only(small_county, login, township_dispatcher, township):
    client = login(township_dispatcher)
    response = client.get(url(township, "tasks_dispatched"))
    assert response.status_code == 200
    assert list(table(response))[:3] == ["甲镇", "甲村", "甲社区"] and "乙村" not in response.content.decode()
    assert client.get(url(small_county)).status_code == 404  # not the county's


@pytest.mark.parametrize("who", ["outsider", "village_cadre", "dept_clerk"])
def test_others_get_404(small_county, login, township, request, who):
    assert login(request.getfixturevalue(who)).get(url(township)).status_code == 404


def test_the_read_only_supervisor_reads_it(small_county, login, supervisor):
    response = login(supervisor).get(url(small_county, "tasks_dispatched"))
    assert response.status_code == 200 and island(response)["data"]
    # The page writes nothing: none of its forms posts to the burden pages.
    assert not re.search(r'<form[^>]*action="/burden', response.content.decode())


def test_the_dashboard_links_to_it(small_county, login, catalog_office):
    page = login(catalog_office).get(reverse("burden:area", args=[small_county.code])).content.decode()
    assert reverse("burden:area_heat", args=[small_county.code]) in page
