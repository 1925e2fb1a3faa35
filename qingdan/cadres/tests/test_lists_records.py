"""The three lists and projects; work records, monthly attendance, assessment and commendation."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.cadres import actions, queries
from qingdan.cadres.choices import Assessor, Grade, NeedStatus, ProjectStatus, RecordKind

from .conftest import TODAY


@pytest.fixture
def resource(dept_clerk, programme):
    return actions.offer_resource(user=dept_clerk, title="法律咨询志愿服务", description="每月两次")


@pytest.fixture
def need(community_cadre, community, programme):
    return actions.list_need(user=community_cadre, community=community, title="老旧小区加装电梯")


def _project(user, community, needs, resources):
    return actions.start_project(
        user=user,
        community=community,
        title="加装电梯协调",
        needs=needs,
        resources=resources,
        owner="李明",
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=90),
    )


def test_a_project_links_a_unit_resource_to_a_community_need(community_cadre, community, need, resource):
    project = _project(community_cadre, community, [need], [resource])
    assert list(project.needs.all()) == [need] and list(project.resources.all()) == [resource]


def test_a_project_without_a_need_is_refused(community_cadre, community, resource, nothing_written):
    with nothing_written() as refused:
        _project(community_cadre, community, [], [resource])
    assert "需求" in refused.value.message


def test_a_sending_unit_starts_a_project_only_with_its_own_resource(
    other_sender, community, need, resource, nothing_written
):
    with nothing_written():
        _project(other_sender, community, [need], [resource])


def test_a_community_cannot_list_needs_for_another(far_cadre, community, programme):
    with pytest.raises(PermissionDenied):
        actions.list_need(user=far_cadre, community=community, title="停车位")


def test_a_project_done_meets_its_needs_and_counts_in_the_figures(
    community_cadre, dept_clerk, community, need, resource, county
):
    project = _project(community_cadre, community, [need], [resource])
    actions.update_project(
        user=dept_clerk,
        project=project,
        status=ProjectStatus.DONE,
        outcome="两栋加装完成",
        problems_solved=2,
        services_held=3,
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.MET
    *streets, total = queries.figures_by_street(county)
    [row] = [r for r in streets if r["problems_solved"]]
    assert total["problems_solved"] == 2
    assert (row["needs_met"], row["projects_done"], row["problems_solved"], row["services_held"]) == (
        1,
        1,
        2,
        3,
    )


def test_a_project_done_needs_an_outcome(community_cadre, community, need, resource, nothing_written):
    project = _project(community_cadre, community, [need], [resource])
    with nothing_written():
        actions.update_project(user=community_cadre, project=project, status=ProjectStatus.DONE, outcome="")


def test_a_work_record_needs_no_attachment(posting, community_cadre):
    work = actions.record_work(
        user=community_cadre, posting=posting, day=TODAY, kind=RecordKind.VISIT, text_="走访幸福小区12户"
    )
    assert not work.attachment


def test_the_community_confirms_a_month_of_attendance(posting, community_cadre, nothing_written):
    row = actions.confirm_attendance(
        user=community_cadre, posting=posting, month=TODAY, days_present=20, days_leave=2
    )
    assert (row.days_present, row.days_leave) == (20, 2)
    with nothing_written() as refused:
        actions.confirm_attendance(
            user=community_cadre, posting=posting, month=TODAY, days_present=30, days_leave=5
        )
    assert "天" in refused.value.message


def test_another_community_cannot_confirm_attendance(posting, far_cadre):
    with pytest.raises(PermissionDenied):
        actions.confirm_attendance(user=far_cadre, posting=posting, month=TODAY, days_present=20)


def test_three_scores_make_a_weighted_grade_and_the_excellent_are_commended(
    posting, community_cadre, township_dispatcher, dept_clerk, organiser, county, nothing_written
):
    year = TODAY.year
    actions.score(user=community_cadre, posting=posting, year=year, assessor=Assessor.COMMUNITY, value=95)
    actions.score(user=township_dispatcher, posting=posting, year=year, assessor=Assessor.STREET, value=90)
    row = actions.score(user=dept_clerk, posting=posting, year=year, assessor=Assessor.UNIT, value=85)
    assert row.total == Decimal("90.5") and row.grade == Grade.EXCELLENT
    listing = actions.commend(
        user=organiser,
        county=county,
        title="第一批通报表扬",
        year=year,
        issued_on=TODAY,
        cadres=[posting.cadre],
    )
    assert list(listing.cadres.all()) == [posting.cadre]
    with nothing_written():
        actions.commend(
            user=organiser, county=county, title="第二批", year=year, issued_on=TODAY, cadres=[posting.cadre]
        )


def test_a_street_cannot_score_as_the_community(posting, township_dispatcher):
    with pytest.raises(PermissionDenied):
        actions.score(
            user=township_dispatcher, posting=posting, year=TODAY.year, assessor=Assessor.COMMUNITY, value=80
        )
