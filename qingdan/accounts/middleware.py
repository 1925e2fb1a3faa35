"""Idle sessions end after QINGDAN_IDLE_MINUTES without a request."""

import time

from django.conf import settings
from django.contrib.auth import logout

LAST_SEEN = "qingdan_last_seen"
# Read by the logout receiver in qingdan.audit.signals, to tell an idle logout from a chosen one.
LOGOUT_ACTION_ATTR = "qingdan_logout_action"
IDLE_LOGOUT_ACTION = "accounts.idle_logout"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.QINGDAN_IDLE_MINUTES * 60:
                setattr(request, LOGOUT_ACTION_ATTR, IDLE_LOGOUT_ACTION)
                logout(request)
            else:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
