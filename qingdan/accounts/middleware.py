"""Idle sessions end after QINGDAN_IDLE_MINUTES without a request."""

import time

from django.conf import settings
from django.contrib.auth import logout

LAST_SEEN = "qingdan_last_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.QINGDAN_IDLE_MINUTES * 60:
                logout(request)
            else:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
