"""Seconded cadres over /api/v1/cadres/: the same scope (404), roles (403) and refusals (409) as the
pages, personal data masked."""

from __future__ import annotations

import pytest

from qingdan.cadres.models import Cadre, Need, Posting, Project, WorkRecord

from .conftest import PHONE, TODAY, id_for, nominee


def post(client, url, data=None):
    return client.post(f"/api/v1/cadres{url}", data or {}, content_type="application/json")


def get(client, url, **params):
    return client.get(f"/api/v1/cadres{url}", params)


@pytest.fixture
def need(community_cadre, community, programme):
    from qingdan.cadres import actions

    return actions.list_need(user=community_cadre, community=community, title="加装电梯")


@pytest.fixture
def resource(dept_clerk, programme):
    from qingdan.cadres import actions

    return actions.offer_resource(user=dept_clerk, title="法律咨询")


def test_a_sending_unit_opens_a_batch_and_nominates_over_the_api(client, dept_clerk, programme):
    client.force_login(dept_clerk)
    batch = post(client, "/batches", {"year": TODAY.year}).json()
    answer = post(client, f"/batches/{batch['id']}/nominees", nominee())
    assert answer.status_code == 201
    assert answer.json()["id_masked"] != id_for(36) and PHONE not in answer.content.decode()


def test_a_nominee_over_the_age_limit_answers_409_in_chinese_and_nothing_is_kept(client, dept_clerk, batch):
    client.force_login(dept_clerk)
    answer = post(client, f"/batches/{batch.pk}/nominees", nominee(id_number=id_for(46)))
    assert answer.status_code == 409
    assert "45岁以下" in answer.json()["detail"]
    assert not Cadre.objects.exists()


def test_batches_and_cadres_are_scoped(client, cadre, batch, other_sender, far_cadre, supervisor):
    for person in (other_sender, far_cadre):
        client.force_login(person)
        assert get(client, f"/batches/{batch.pk}").status_code == 404
        assert get(client, f"/people/{cadre.pk}").status_code == 404
        assert get(client, "/people").json()["count"] == 0
    client.force_login(supervisor)
    assert get(client, f"/people/{cadre.pk}").status_code == 200
    assert post(client, f"/batches/{batch.pk}/nominees", nominee(name="王五")).status_code == 403
    assert post(client, f"/batches/{batch.pk}/submit").status_code == 403
    assert post(client, "/batches", {"year": TODAY.year}).status_code == 403


def test_the_organiser_approves_and_posts_over_the_api(
    client, cadre, batch, dept_clerk, organiser, community, grid
):
    client.force_login(dept_clerk)
    assert post(client, f"/batches/{batch.pk}/submit").json()["status"] == "submitted"
    assert post(client, f"/batches/{batch.pk}/approve").status_code == 403
    client.force_login(organiser)
    assert post(client, f"/batches/{batch.pk}/approve").json()["status"] == "approved"
    posting = {
        "cadre": cadre.pk,
        "community": community.pk,
        "role": "deputy_secretary",
        "starts_on": TODAY.isoformat(),
        "ends_on": TODAY.replace(year=TODAY.year + 1).isoformat(),
    }
    answer = post(client, "/postings", posting)
    assert answer.status_code == 201 and answer.json()["incomplete"] is True
    again = post(client, "/postings", posting)
    assert again.status_code == 409 and "一个社区" in again.json()["detail"]
    assert Posting.objects.count() == 1


def test_posting_endpoints_are_scoped_and_read_only_for_the_supervisor(
    client, posting, community_cadre, far_cadre, supervisor
):
    client.force_login(community_cadre)
    assert get(client, f"/postings/{posting.pk}").status_code == 200
    record = {"day": TODAY.isoformat(), "kind": "visit", "text": "走访8户"}
    assert post(client, f"/postings/{posting.pk}/records", record).status_code == 201
    client.force_login(far_cadre)
    assert get(client, f"/postings/{posting.pk}").status_code == 404
    assert post(client, f"/postings/{posting.pk}/records", record).status_code == 404
    client.force_login(supervisor)
    assert get(client, f"/postings/{posting.pk}/records").status_code == 200
    assert post(client, f"/postings/{posting.pk}/records", record).status_code == 403
    month = {"month": TODAY.replace(day=1).isoformat(), "days_present": 20}
    assert post(client, f"/postings/{posting.pk}/attendance", month).status_code == 403
    score = {"year": TODAY.year, "assessor": "community", "value": 90}
    assert post(client, f"/postings/{posting.pk}/scores", score).status_code == 403
    rotate = {"ended_on": TODAY.isoformat(), "handover_note": "交接"}
    assert post(client, f"/postings/{posting.pk}/rotate", rotate).status_code == 403
    assert WorkRecord.objects.count() == 1


def test_a_project_without_a_need_answers_409_and_nothing_is_kept(
    client, community_cadre, community, resource
):
    client.force_login(community_cadre)
    project = {
        "community": community.pk,
        "title": "停车位改造",
        "needs": [],
        "resources": [resource.pk],
        "owner": "李明",
        "starts_on": TODAY.isoformat(),
        "ends_on": TODAY.isoformat(),
    }
    answer = post(client, "/projects", project)
    assert answer.status_code == 409 and "需求" in answer.json()["detail"]
    assert not Project.objects.exists()


def test_the_board_over_the_api(client, community_cadre, far_cadre, supervisor, community, need, resource):
    client.force_login(community_cadre)
    project = {
        "community": community.pk,
        "title": "加装电梯协调",
        "needs": [need.pk],
        "resources": [resource.pk],
        "owner": "李明",
        "starts_on": TODAY.isoformat(),
        "ends_on": TODAY.isoformat(),
    }
    created = post(client, "/projects", project).json()
    done = {"status": "done", "outcome": "完成", "problems_solved": 1, "services_held": 2}
    assert post(client, f"/projects/{created['id']}/progress", done).json()["status"] == "done"
    assert Need.objects.get().status == "met"
    client.force_login(far_cadre)
    assert get(client, "/projects").json()["count"] == 0
    assert post(client, f"/projects/{created['id']}/progress", done).status_code == 404
    client.force_login(supervisor)
    assert get(client, "/projects").json()["count"] == 1
    assert post(client, "/resources", {"title": "场地"}).status_code == 403
    assert post(client, "/needs", {"community": community.pk, "title": "停车"}).status_code == 403
    assert post(client, f"/projects/{created['id']}/progress", done).status_code == 403
    figures = get(client, "/figures").json()
    assert figures[-1]["needs_met"] == 1 and figures[-1]["problems_solved"] == 1


def test_the_reveal_endpoint_is_audited_and_refused_to_a_community(
    client, posting, dept_clerk, community_cadre
):
    client.force_login(community_cadre)
    assert (
        post(
            client, f"/people/{posting.cadre_id}/reveal", {"field": "phone", "reason": "联系本人"}
        ).status_code
        == 403
    )
    client.force_login(dept_clerk)
    answer = post(client, f"/people/{posting.cadre_id}/reveal", {"field": "phone", "reason": "联系本人"})
    assert answer.json()["value"] == PHONE


def test_the_programme_is_read_by_the_county(client, programme, far_cadre):
    client.force_login(far_cadre)
    assert get(client, "/programme").json()["age_limit"] == 45


def test_the_organiser_changes_the_rules_and_commends_over_the_api(
    client, posting, organiser, dept_clerk, supervisor, community_cadre, township_dispatcher
):
    from qingdan.cadres import actions

    rules = {
        "age_limit": 40,
        "rank_limit": "section",
        "full_time_required": True,
        "weight_community": 50,
        "weight_street": 25,
        "weight_unit": 25,
    }
    for person in (dept_clerk, supervisor):
        client.force_login(person)
        assert post(client, "/programme", rules).status_code == 403
    client.force_login(organiser)
    assert post(client, "/programme", {**rules, "weight_unit": 30}).status_code == 409
    assert post(client, "/programme", rules).json()["age_limit"] == 40
    year = TODAY.year
    actions.score(user=community_cadre, posting=posting, year=year, assessor="community", value=95)
    actions.score(user=township_dispatcher, posting=posting, year=year, assessor="street", value=95)
    actions.score(user=dept_clerk, posting=posting, year=year, assessor="unit", value=95)
    listing = {"title": "第一批", "year": year, "issued_on": TODAY.isoformat(), "cadres": [posting.cadre_id]}
    client.force_login(supervisor)
    assert post(client, "/commendations", listing).status_code == 403
    client.force_login(organiser)
    assert post(client, "/commendations", listing).status_code == 201
    assert post(client, "/commendations", listing).status_code == 409
    client.force_login(community_cadre)
    assert get(client, "/commendations").json()[0]["cadres"] == [posting.cadre_id]


def test_lists_show_an_outsider_nothing_of_another_community(
    client, posting, far_cadre, other_sender, community_cadre
):
    for person in (far_cadre, other_sender):
        client.force_login(person)
        assert get(client, "/postings").json()["count"] == 0
        assert get(client, "/people").json()["count"] == 0
        assert get(client, f"/postings/{posting.pk}/attendance").status_code == 404
        assert get(client, f"/postings/{posting.pk}/assessments").status_code == 404
    client.force_login(community_cadre)
    assert get(client, "/postings", incomplete=False).json()["count"] == 1
    assert get(client, "/postings", incomplete=True).json()["count"] == 0
    assert get(client, "/batches").json()["count"] == 0  # a community never sees the sending units' batches


def test_grids_are_added_by_the_community_not_by_the_supervisor_or_another(
    client, community, community_cadre, far_cadre, supervisor, programme
):
    grid = {"name": "桂花苑", "kind": "compound", "households": 320}
    client.force_login(supervisor)
    assert post(client, f"/communities/{community.pk}/grids", grid).status_code == 403
    client.force_login(far_cadre)
    assert post(client, f"/communities/{community.pk}/grids", grid).status_code == 404
    client.force_login(community_cadre)
    assert post(client, f"/communities/{community.pk}/grids", grid).status_code == 201
    assert post(client, f"/communities/{community.pk}/grids", grid).status_code == 409
