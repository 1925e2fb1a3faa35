"""Every role's home page shows its burden headline beside what it showed before."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from qingdan.burden.models import MonthlyFigure
from qingdan.burden.queries import add_months, headline
from qingdan.burden.sources import first_of_month

from .conftest import TODAY


def test_a_village_sees_its_load_this_month_against_last_year(
    small_county, village_cadre, village, department
):
    month = first_of_month(datetime.date.today())
    for when, value in ((month, 3), (add_months(month, -12), 4)):
        MonthlyFigure.objects.create(
            county=small_county,
            division=village,
            code=village.code,
            issuer=department,
            month=when,
            measure="tasks_dispatched",
            value=value,
        )
    found = headline(village_cadre, today=datetime.date.today())
    assert (found.kind, found.this_month, found.same_month_last_year, found.change) == (
        "village",
        3,
        4,
        -25.0,
    )


def test_a_township_sees_its_villages_ranked(small_county, township_dispatcher):
    found = headline(township_dispatcher, today=TODAY)
    assert found.kind == "township" and [v.name for v in found.ranked] == ["甲村", "甲社区"]


def test_a_department_sees_what_it_asked_and_what_was_refused(small_county, dept_clerk, other_department):
    found = headline(dept_clerk, today=TODAY)
    assert (found.kind, found.this_month, found.prevented) == ("department", 4, 0)


def test_the_county_sees_the_reform_figures(small_county, catalog_office):
    found = headline(catalog_office, today=TODAY)
    assert found.kind == "area" and {line.measure.code for line in found.lines} >= {"tasks_dispatched"}


@pytest.mark.parametrize(
    "persona", ["village_cadre", "township_dispatcher", "dept_clerk", "catalog_office", "supervisor"]
)
def test_every_home_page_shows_the_headline(small_county, login, request, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("web:home"))
    assert response.status_code == 200 and 'id="burden-headline"' in response.content.decode()
