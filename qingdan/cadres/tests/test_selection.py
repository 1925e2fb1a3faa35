"""Nomination against the county's rules, and the organiser's decision on a batch."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.audit.models import AuditEvent
from qingdan.cadres import actions
from qingdan.cadres.choices import BatchStatus, CadreStatus, Rank
from qingdan.cadres.models import Cadre

from .conftest import PHONE, TODAY, id_for, nominee


def test_a_nominee_within_the_rules_is_kept_with_personal_data_encrypted_and_masked(cadre):
    assert cadre.status == CadreStatus.NOMINATED
    assert cadre.id_masked.startswith("110105") and "*" in cadre.id_masked
    assert cadre.phone_masked == "139****5678"
    assert id_for(36) not in cadre.id_cipher and PHONE not in cadre.phone_cipher
    event = AuditEvent.objects.get(action="cadres.nominate")
    assert id_for(36) not in str(event.changes)


def test_a_nominee_over_the_age_limit_is_refused_naming_the_rule(batch, dept_clerk, nothing_written):
    with nothing_written() as refused:
        actions.nominate(user=dept_clerk, batch=batch, **nominee(name="王强", id_number=id_for(47)))
    assert "王强" in refused.value.message
    assert "45" in refused.value.message and "47" in refused.value.message


def test_the_age_limit_itself_is_within_the_rule(batch, dept_clerk):
    cadre = actions.nominate(user=dept_clerk, batch=batch, **nominee(id_number=id_for(45)))
    assert cadre.pk


def test_a_nominee_above_the_rank_limit_is_refused(batch, dept_clerk, nothing_written):
    with nothing_written() as refused:
        actions.nominate(user=dept_clerk, batch=batch, **nominee(rank=Rank.DIVISION))
    assert "副处级" in refused.value.message


def test_a_nominee_not_released_full_time_is_refused(batch, dept_clerk, nothing_written):
    with nothing_written() as refused:
        actions.nominate(user=dept_clerk, batch=batch, **nominee(full_time=False))
    assert "全脱产" in refused.value.message


def test_a_bad_id_number_is_refused_without_repeating_it(batch, dept_clerk, nothing_written):
    bad = id_for(36)[:17] + ("0" if id_for(36)[17] != "0" else "1")
    with nothing_written() as refused:
        actions.nominate(user=dept_clerk, batch=batch, **nominee(id_number=bad))
    assert bad not in refused.value.message


def test_the_same_person_cannot_be_nominated_twice_in_a_year(cadre, batch, dept_clerk, nothing_written):
    with nothing_written():
        actions.nominate(user=dept_clerk, batch=batch, **nominee())


def test_the_rules_follow_the_county_settings(programme, batch, dept_clerk, organiser):
    actions.update_programme(user=organiser, county=programme.county, age_limit=35)
    with pytest.raises(actions.selection.ActionRefused):
        actions.nominate(user=dept_clerk, batch=batch, **nominee())


def test_weights_that_do_not_add_up_to_100_are_refused(programme, organiser, nothing_written):
    with nothing_written() as refused:
        actions.update_programme(user=organiser, county=programme.county, weight_unit=50)
    assert "100" in refused.value.message


def test_only_the_organiser_changes_the_rules(programme, dept_clerk):
    with pytest.raises(PermissionDenied):
        actions.update_programme(user=dept_clerk, county=programme.county, age_limit=50)


def test_another_unit_cannot_nominate_into_a_batch(batch, other_sender):
    with pytest.raises(PermissionDenied):
        actions.nominate(user=other_sender, batch=batch, **nominee())


def test_the_organiser_approves_a_submitted_batch_and_its_nominees_are_selected(
    cadre, batch, dept_clerk, organiser
):
    actions.submit_batch(user=dept_clerk, batch=batch)
    actions.approve_batch(user=organiser, batch=batch)
    batch.refresh_from_db()
    cadre.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED
    assert cadre.status == CadreStatus.SELECTED
    assert [e.step for e in batch.entries.all()] == ["submit", "approve"]


def test_a_sending_unit_cannot_approve_its_own_batch(cadre, batch, dept_clerk):
    actions.submit_batch(user=dept_clerk, batch=batch)
    with pytest.raises(PermissionDenied):
        actions.approve_batch(user=dept_clerk, batch=batch)


def test_a_refused_batch_leaves_its_nominees_not_selected(cadre, batch, dept_clerk, organiser):
    actions.submit_batch(user=dept_clerk, batch=batch)
    actions.refuse_batch(user=organiser, batch=batch, reason="人选结构不合理")
    assert Cadre.objects.get(pk=cadre.pk).status == CadreStatus.NOT_SELECTED


def test_an_empty_batch_cannot_be_submitted(batch, dept_clerk, nothing_written):
    with nothing_written():
        actions.submit_batch(user=dept_clerk, batch=batch)


def test_revealing_an_id_number_needs_a_reason_and_is_audited(cadre, dept_clerk, nothing_written):
    with nothing_written():
        actions.reveal_cadre(user=dept_clerk, cadre=cadre, field="id_number", reason="")
    clear = actions.reveal_cadre(user=dept_clerk, cadre=cadre, field="id_number", reason="办理保险手续")
    assert clear == id_for(36)
    event = AuditEvent.objects.get(action="cadres.reveal_personal")
    assert event.note == "办理保险手续" and clear not in str(event.changes)


def test_a_community_cannot_reveal_a_cadres_id_number(posting, community_cadre):
    with pytest.raises(PermissionDenied):
        actions.reveal_cadre(
            user=community_cadre, cadre=posting.cadre, field="id_number", reason="核对身份信息"
        )


def test_today_is_the_day_the_age_is_counted_on(batch, dept_clerk):
    cadre = actions.nominate(user=dept_clerk, batch=batch, **nominee(), today=TODAY)
    assert cadre.nominated_at == TODAY


def test_the_audit_trail_names_the_actions_in_chinese():
    from qingdan.audit.labels import action_label

    assert action_label("cadres.nominate") == "推荐选派人选"
