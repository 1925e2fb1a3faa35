"""Every change to sign-in state: failed and successful logins, API tokens, passwords.

Failed and successful logins are audited by the login signals (qingdan.audit.signals); the lock itself
is audited here, as "accounts.locked", and ends the account's sessions at once (end_sessions).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import diff, record
from qingdan.orgs.models import User

from .models import ApiToken, hash_token, new_raw_token


def register_failed_login(*, user: User) -> User:
    """Count one failed login; the Nth failure in a row locks the account for a while.

    The row is locked first, so concurrent failures are all counted and only one of them locks.
    Attempts on an account that is already locked are not counted (the lock does not grow).
    """
    now = timezone.now()
    with transaction.atomic():
        current = (
            User.objects.select_for_update(of=("self",)).select_related("unit__division").get(pk=user.pk)
        )
        if current.is_locked(now):
            return current
        User.objects.filter(pk=current.pk).update(failed_logins=F("failed_logins") + 1)
        current.refresh_from_db(fields=["failed_logins"])
        if current.failed_logins >= settings.QINGDAN_LOCKOUT_FAILURES:
            locked_until = now + timedelta(minutes=settings.QINGDAN_LOCKOUT_MINUTES)
            User.objects.filter(pk=current.pk).update(failed_logins=0, locked_until=locked_until)
            ended = end_sessions(current)
            record(
                actor=None,
                actor_name=current.get_username(),
                action="accounts.locked",
                obj=current,
                changes=diff({"locked_until": current.locked_until}, {"locked_until": locked_until}),
                note=f"{settings.QINGDAN_LOCKOUT_FAILURES} failed logins in a row; {ended} sessions ended",
            )
            current.failed_logins, current.locked_until = 0, locked_until
        return current


def end_sessions(user: User) -> int:
    """Delete every live session signed in as `user` (when its account is locked); how many.

    The sessions are found by reading the live ones (not yet expired; none lives over
    QINGDAN_SESSION_MAX_HOURS), not through a list of keys kept at sign-in: a session's key changes
    (Django cycles it when the password changes), its user does not. A lock happens at most once per
    account per lockout period, and decoding a session takes microseconds, so this stays cheap.
    """
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    store = SessionStore()
    mine = [
        key
        for key, data in Session.objects.filter(expire_date__gt=timezone.now()).values_list(
            "session_key", "session_data"
        )
        if str(store.decode(data).get(SESSION_KEY)) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=mine).delete()
    return len(mine)


def register_successful_login(*, user: User) -> None:
    """A correct password ends the run of failures and any expired lock (audited as accounts.login)."""
    if user.failed_logins == 0 and user.locked_until is None:
        return
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    user.failed_logins, user.locked_until = 0, None


def create_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for the actor. Returns the token and its raw value, which is never stored."""
    access.require(actor, Permission.MANAGE_TOKENS)
    raw = new_raw_token()
    with transaction.atomic():
        token = ApiToken.objects.create(user=actor, name=name, key_hash=hash_token(raw), hint=raw[:8])
        record(
            actor=actor,
            action="accounts.token_create",
            obj=token,
            division=actor.division,
            changes=diff({}, {"name": name, "hint": token.hint}),
        )
    return token, raw


def revoke_token(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens. Revoking a revoked token changes nothing."""
    access.require(actor, Permission.MANAGE_TOKENS, token)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            actor=actor,
            action="accounts.token_revoke",
            obj=token,
            division=actor.division,
            changes=diff({"revoked_at": None}, {"revoked_at": token.revoked_at.isoformat()}),
        )
    return token


def change_password(*, actor: User, new_password: str) -> None:
    """Set the actor's own password (the form has checked the old one and the password rules)."""
    with transaction.atomic():
        actor.set_password(new_password)
        actor.save(update_fields=["password"])
        record(actor=actor, action="accounts.password_change", obj=actor)
