"""Password sign-in with lockout: the only way to authenticate a password, for pages and API alike.

A locked account is refused before its password is even checked, so the right password does not
help during the lock. Each wrong password counts towards the lock; a right one clears the count.
"""

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import actions


class LockoutBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            # Hash once anyway, so an unknown name takes as long as a wrong password.
            user_model().set_password(password)
            return None
        if user.is_locked():
            # Stop every backend; Django then sends user_login_failed, which is audited.
            raise PermissionDenied
        if not user.check_password(password):
            actions.register_failed_login(user=user)
            return None
        if not self.user_can_authenticate(user):
            return None
        actions.register_successful_login(user=user)
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(request, username, password, **kwargs)
