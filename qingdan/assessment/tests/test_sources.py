"""The burden ledger's figures from assessment: indicators per village a year, visits per village."""

import datetime

import pytest

from qingdan.assessment import actions
from qingdan.assessment.sources import MEASURES, counts

pytestmark = pytest.mark.django_db


def test_indicators_and_visits_are_counted_per_village(county, world, village, other_village):
    found = {(c.village_id, c.measure, c.month): c.value for c in counts(county)}
    jan = datetime.date(2025, 1, 1)
    assert found[(village.pk, "assessment_indicators", jan)] == 4
    assert found[(other_village.pk, "assessment_indicators", jan)] == 4
    assert found[(village.pk, "assessment_visits", datetime.date(2025, 12, 1))] == 1
    assert (other_village.pk, "assessment_visits", datetime.date(2025, 12, 1)) not in found
    assert {m.code for m in MEASURES} == {
        "assessment_indicators",
        "assessment_visits",
        "assessment_preparation",
    }


def test_only_the_villages_asked_for(county, world, village, other_village):
    assert {c.village_id for c in counts(county, villages=[other_village.pk])} == {other_village.pk}


def test_the_hours_a_village_spent_preparing_are_counted(
    county, county_reviewer, last_year, typed_villages, department, other_department
):
    village, _other = typed_villages
    team = actions.form_team(
        user=county_reviewer,
        county=county,
        year=2025,
        name="联合考核组",
        units=[department, other_department],
    )
    actions.record_visit(
        user=county_reviewer,
        team=team,
        village=village,
        visited_on=datetime.date(2025, 11, 3),
        preparation_hours="2.5",
    )
    found = {(c.village_id, c.measure): c.value for c in counts(county)}
    assert found[(village.pk, "assessment_preparation")] == 2.5
