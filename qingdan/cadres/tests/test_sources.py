"""The programme's figures for the burden ledger (qingdan.burden.sources contract)."""

from __future__ import annotations

import datetime

from qingdan.burden.sources import first_of_month
from qingdan.cadres import actions
from qingdan.cadres.choices import ProjectStatus
from qingdan.cadres.sources import MEASURES, counts

from .conftest import TODAY


def test_a_posting_counts_a_cadre_in_post_each_month_under_the_sending_unit(posting, county, dept_clerk):
    found = [c for c in counts(county) if c.measure == "cadres_in_post"]
    months = {c.month for c in found}
    assert first_of_month(TODAY) in months and first_of_month(posting.starts_on) in months
    assert {(c.village_id, c.issuer_unit_id, c.value) for c in found} == {
        (posting.community_id, dept_clerk.unit_id, 1)
    }


def test_a_project_done_counts_its_problems_and_services(
    posting, county, community, community_cadre, dept_clerk
):
    need = actions.list_need(user=community_cadre, community=community, title="停车位")
    resource = actions.offer_resource(user=dept_clerk, title="执法支持")
    project = actions.start_project(
        user=community_cadre,
        community=community,
        title="停车位改造",
        needs=[need],
        resources=[resource],
        owner="李明",
        starts_on=TODAY - datetime.timedelta(days=10),
        ends_on=TODAY,
    )
    actions.update_project(
        user=community_cadre,
        project=project,
        status=ProjectStatus.DONE,
        outcome="新增车位",
        problems_solved=3,
        services_held=2,
    )
    found = {c.measure: c.value for c in counts(county, villages=[community.pk]) if c.issuer_unit_id is None}
    assert found == {"cadre_projects_done": 1, "cadre_problems_solved": 3, "cadre_services_held": 2}
    assert {m.code for m in MEASURES} >= set(found)
    assert counts(county, villages=[]) == []
