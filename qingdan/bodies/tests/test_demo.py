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


def test_in_the_demo_county_every_kept_body_is_led_by_a_live_unit():
    """The demo's kept bodies are led by the county's own units (under the names the county gives them),
    so the clean-up review lists none of them as "lead unit gone"; revoked bodies keep the names their
    ledger gave, units that no longer exist among them."""
    from qingdan.demo.divisions import load_divisions
    from qingdan.demo.units import load_units
    from qingdan.orgs.choices import Role
    from qingdan.orgs.models import User

    divisions = load_divisions()
    load_units(divisions)
    county = divisions.county
    load_demo_bodies(county, township_name="")
    kept = CoordinationBody.objects.filter(county=county, status="active").select_related("lead_unit")
    assert kept.count() == 25
    assert [b.name for b in kept if b.lead_unit is None or not b.lead_unit.is_active] == []
    office = User.objects.create_user(
        username="demo_catalog", role=Role.CATALOG_OFFICE, unit=kept[0].lead_unit
    )
    found = review(office, today=timezone.localdate())
    assert found.stale  # the office sees the bodies: the quiet ones are still found
    assert found.lead_gone == []
    assert CoordinationBody.objects.filter(county=county, status="revoked", lead_unit=None).exists()
