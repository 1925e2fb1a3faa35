from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qingdan.accounts import actions
from qingdan.accounts.models import ApiToken
from qingdan.audit.models import AuditEvent


def test_failures_are_counted_in_the_database_not_on_a_stale_copy(village_cadre):
    stale = type(village_cadre).objects.get(pk=village_cadre.pk)
    for _ in range(5):
        actions.register_failed_login(user=stale)  # the same outdated object every time
    village_cadre.refresh_from_db()
    assert village_cadre.is_locked()
    assert village_cadre.failed_logins == 0
    lock = AuditEvent.objects.get(action="accounts.locked")
    assert lock.actor is None
    assert lock.actor_name == "jiacun"
    assert lock.division == village_cadre.division


def test_a_failure_after_an_expired_lock_starts_a_new_count(village_cadre):
    type(village_cadre).objects.filter(pk=village_cadre.pk).update(
        locked_until=timezone.now() - timedelta(minutes=1)
    )
    actions.register_failed_login(user=village_cadre)
    village_cadre.refresh_from_db()
    assert not village_cadre.is_locked()
    assert village_cadre.failed_logins == 1


def test_only_the_owner_may_revoke_a_token(township_dispatcher, village_cadre):
    token, _raw = actions.create_token(actor=township_dispatcher, name="对接")
    with pytest.raises(PermissionDenied):
        actions.revoke_token(actor=village_cadre, token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_read_only_supervisor_may_not_create_tokens(supervisor):
    with pytest.raises(PermissionDenied):
        actions.create_token(actor=supervisor, name="x")
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="accounts.token_create").exists()
