"""Login, logout and failed-login events go to the audit trail (see qingdan.accounts).

Each event carries the user's division where it is known, so supervisors see the sign-ins of their
own scope, and the client's IP address.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from qingdan.accounts.middleware import LOGOUT_ACTION_ATTR

from .actions import record
from .context import client_ip, ip_of


@contextmanager
def _ip_from(request):
    """Use the request's address when no middleware has set one (e.g. authenticate() called directly)."""
    if client_ip.get() is not None or request is None:
        yield
        return
    token = client_ip.set(ip_of(request))
    try:
        yield
    finally:
        client_ip.reset(token)


@receiver(user_logged_in, dispatch_uid="audit_login")
def audit_login(sender, request, user, **kwargs):
    with _ip_from(request):
        record(actor=user, action="accounts.login", obj=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None:
        return
    action = getattr(request, LOGOUT_ACTION_ATTR, "accounts.logout")
    with _ip_from(request):
        record(actor=user, action=action, obj=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    user = (
        get_user_model()._default_manager.filter(username=username).select_related("unit__division").first()
        if username
        else None
    )
    note = "account locked" if user is not None and user.is_locked() else ""
    with _ip_from(request):
        record(actor=None, actor_name=username, action="accounts.login_failed", obj=user, note=note)
