"""Postings by need: one community at a time, grids, rotation with a handover."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.cadres import actions, queries
from qingdan.cadres.choices import PostRole
from qingdan.cadres.models import Posting

from .conftest import TODAY, id_for, nominee

DAY = datetime.timedelta(days=1)


def _second_cadre(batch_owner, organiser, name="赵敏", serial=2):
    batch = actions.open_batch(user=batch_owner, year=TODAY.year)
    cadre = actions.nominate(
        user=batch_owner, batch=batch, **nominee(name=name, id_number=id_for(33, serial))
    )
    actions.submit_batch(user=batch_owner, batch=batch)
    actions.approve_batch(user=organiser, batch=batch)
    cadre.refresh_from_db()
    return cadre


def test_a_selected_cadre_is_posted_with_a_role_dates_and_a_grid(posting, grid):
    assert posting.role == PostRole.DEPUTY_SECRETARY
    assert list(posting.grids.all()) == [grid]
    assert posting not in queries.incomplete_postings(Posting.objects.all())


def test_overlapping_postings_are_refused_and_nothing_changes(
    posting, far_community, organiser, nothing_written
):
    with nothing_written() as refused:
        actions.post_cadre(
            user=organiser,
            cadre=posting.cadre,
            community=far_community,
            role=PostRole.ASSISTANT_DIRECTOR,
            starts_on=posting.ends_on - DAY * 10,
            ends_on=posting.ends_on + DAY * 100,
        )
    assert "甲社区" in refused.value.message and "一个社区" in refused.value.message


def test_a_posting_after_the_last_one_ends_is_allowed(posting, far_community, organiser):
    later = actions.post_cadre(
        user=organiser,
        cadre=posting.cadre,
        community=far_community,
        role=PostRole.ASSISTANT_DIRECTOR,
        starts_on=posting.ends_on + DAY,
        ends_on=posting.ends_on + DAY * 200,
    )
    assert later.community == far_community


def test_a_posting_without_a_grid_is_made_but_flagged_incomplete(selected, far_community, organiser, grid):
    posting = actions.post_cadre(
        user=organiser,
        cadre=selected,
        community=far_community,
        role=PostRole.ASSISTANT_DIRECTOR,
        starts_on=TODAY,
        ends_on=TODAY + DAY * 300,
    )
    assert list(queries.incomplete_postings(Posting.objects.all())) == [posting]


def test_a_grid_of_another_community_is_refused(selected, far_community, organiser, grid, nothing_written):
    with nothing_written():
        actions.post_cadre(
            user=organiser,
            cadre=selected,
            community=far_community,
            role=PostRole.ASSISTANT_DIRECTOR,
            starts_on=TODAY,
            ends_on=TODAY + DAY * 300,
            grids=[grid],
        )


def test_a_nominee_not_yet_selected_cannot_be_posted(cadre, community, organiser, nothing_written):
    with nothing_written():
        actions.post_cadre(
            user=organiser,
            cadre=cadre,
            community=community,
            role=PostRole.DEPUTY_SECRETARY,
            starts_on=TODAY,
            ends_on=TODAY + DAY * 300,
        )


def test_a_village_is_not_a_community(selected, village, organiser, nothing_written):
    with nothing_written() as refused:
        actions.post_cadre(
            user=organiser,
            cadre=selected,
            community=village,
            role=PostRole.DEPUTY_SECRETARY,
            starts_on=TODAY,
            ends_on=TODAY + DAY * 300,
        )
    assert "甲村" in refused.value.message


def test_only_the_organiser_posts(selected, community, dept_clerk):
    with pytest.raises(PermissionDenied):
        actions.post_cadre(
            user=dept_clerk,
            cadre=selected,
            community=community,
            role=PostRole.DEPUTY_SECRETARY,
            starts_on=TODAY,
            ends_on=TODAY + DAY * 300,
        )


def test_rotation_hands_the_note_to_the_next_cadre_of_the_same_community(posting, other_sender, organiser):
    follower = _second_cadre(other_sender, organiser)
    nxt = actions.rotate(
        user=organiser,
        posting=posting,
        ended_on=TODAY,
        handover_note="加装电梯项目已完成两栋，余下三栋在协商。",
        next_cadre=follower,
    )
    posting.refresh_from_db()
    assert posting.ended_on == TODAY
    assert nxt.community == posting.community and nxt.previous == posting
    assert nxt.starts_on == TODAY + DAY
    assert list(nxt.grids.all()) == list(posting.grids.all())
    assert [p.cadre.name for p in queries.community_history(posting.community)] == ["赵敏", "李明"]


def test_rotation_needs_a_handover_note(posting, organiser, nothing_written):
    with nothing_written():
        actions.rotate(user=organiser, posting=posting, ended_on=TODAY, handover_note=" ")


def test_tags_say_why_a_community_needs_a_cadre(community, organiser, programme):
    tag = actions.tag_community(
        user=organiser, community=community, is_large=True, is_weak=False, is_new=True
    )
    assert (tag.is_large, tag.is_weak, tag.is_new) == (True, False, True)
