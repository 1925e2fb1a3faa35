"""The demo's coordination bodies: a district at its cap, and a town whose load fell after the clean-up."""

import pytest
from django.utils import timezone

from qingdan.bodies.models import CoordinationBody
from qingdan.bodies.queries import county_cap_status, review, year_report
from qingdan.demo.bodies import TOWN_DOCUMENTS, TOWN_MEETINGS, load_demo_bodies

pytestmark = pytest.mark.django_db


def test_the_demo_leaves_the_county_at_its_cap_and_the_town_with_fewer_meetings(
    catalog_office, county, township, department, other_department
):
    made = load_demo_bodies(county, township_name=township.name)
    assert made == 190
    cap = county_cap_status(catalog_office, county)
    assert (cap.active, cap.cap) == (25, 25)
    assert CoordinationBody.objects.filter(division=township, status="active").count() == 0
    town = next(line for line in year_report(catalog_office).lines if line.division == township)
    assert (town.meetings, town.meetings_before) == (0, TOWN_MEETINGS)
    assert (town.documents, town.documents_before) == (0, TOWN_DOCUMENTS)
    assert (town.meetings_change, town.documents_change) == (-18, -50)
    found = review(catalog_office, today=timezone.localdate())
    assert found.stale and found.lead_gone  # quiet bodies, and units the platform does not know


def test_loading_the_demo_again_changes_nothing(catalog_office, county, township, department):
    load_demo_bodies(county, township_name=township.name)
    before = CoordinationBody.objects.count()
    assert load_demo_bodies(county, township_name=township.name) == 0
    assert CoordinationBody.objects.count() == before
