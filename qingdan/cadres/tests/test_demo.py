"""The demo county's batch: believable figures, the refused nominees refused, and loading twice is a no-op."""

from __future__ import annotations

import pytest

from qingdan.cadres.choices import CadreStatus, Grade, Rank
from qingdan.cadres.models import Assessment, Cadre, Commendation, Posting, Project
from qingdan.cadres.queries import figures_by_street, in_force, incomplete_postings
from qingdan.demo.cadres import NOMINATED, REFUSED, load_demo_cadres
from qingdan.demo.divisions import load_divisions
from qingdan.demo.people import load_people
from qingdan.demo.units import load_units


@pytest.fixture
def demo_county(db):
    divisions = load_divisions()
    units = load_units(divisions)
    load_people(divisions, units)
    return divisions.county


def test_the_demo_county_seconds_a_believable_batch(demo_county, django_assert_max_num_queries):
    selected = load_demo_cadres(demo_county)
    this_year = NOMINATED - len(REFUSED)
    assert Cadre.objects.filter(status=CadreStatus.SELECTED).count() == selected
    # The five outside the rules were refused: nobody over 45 or at 正处级 and above was kept.
    assert not Cadre.objects.filter(rank__in=[Rank.DIVISION, Rank.ABOVE]).exists()
    assert not Cadre.objects.filter(full_time=False).exists()
    now = in_force(Posting.objects.all())
    assert now.count() == this_year
    assert incomplete_postings(now).count() == 2
    assert Posting.objects.filter(ended_on__isnull=False).exclude(handover_note="").count() == 8
    assert Assessment.objects.filter(grade__in=Grade.values).count() == 8
    assert Commendation.objects.count() == 1
    assert Project.objects.filter(status="done").exists()
    with django_assert_max_num_queries(6):
        rows = figures_by_street(demo_county)
    total = rows[-1]
    assert total["cadres_posted"] == this_year and total["communities_covered"] == this_year
    assert 0 < total["needs_met"] < total["needs_listed"]
    assert total["problems_solved"] > 0 and total["services_held"] > 0
    ages = [c.nominated_at.year - c.birth_date.year for c in Cadre.objects.all()]
    assert 33 <= sum(ages) / len(ages) <= 39


def test_loading_the_demo_again_changes_nothing(demo_county):
    load_demo_cadres(demo_county)
    before = (Cadre.objects.count(), Posting.objects.count(), Project.objects.count())
    assert load_demo_cadres(demo_county) == 0
    assert (Cadre.objects.count(), Posting.objects.count(), Project.objects.count()) == before
