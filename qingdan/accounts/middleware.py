"""Session limits and response hardening.

IdleTimeoutMiddleware: a session ends after QINGDAN_IDLE_MINUTES without a request, and in any case
QINGDAN_SESSION_MAX_HOURS after sign-in; a session whose account has been locked ends at its next
request. The idle clock is written at most every QINGDAN_IDLE_WRITE_SECONDS, so a signed-in page view
is not a database write (on SQLite every write takes the one write lock).

PrivateResponseMiddleware: every answer to a signed-in person (pages and API) may carry personal data,
so none is kept by a browser or proxy cache (Cache-Control: no-store); and a Permissions-Policy header.

IdNumberInQueryMiddleware: a full ID number in an address is refused (400), since addresses end up in
logs and browser histories.
"""

import re
import time
import unicodedata

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from stdnum.cn import ric

LAST_SEEN = "qingdan_last_seen"
SIGNED_IN_AT = "qingdan_signed_in_at"
# Read by the logout receiver in qingdan.audit.signals, to tell an idle logout from a chosen one.
LOGOUT_ACTION_ATTR = "qingdan_logout_action"
IDLE_LOGOUT_ACTION = "accounts.idle_logout"
EXPIRED_LOGOUT_ACTION = "accounts.session_expired"
LOCKED_LOGOUT_ACTION = "accounts.locked_logout"


def start_session_clock(sender, request, user, **kwargs):
    """user_logged_in receiver: the sign-in time and the first idle mark (connected in apps.py)."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


def _end(request, action: str) -> None:
    setattr(request, LOGOUT_ACTION_ATTR, action)
    logout(request)


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            session = request.session
            last_seen = session.get(LAST_SEEN, now)
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            if user.is_locked():
                _end(request, LOCKED_LOGOUT_ACTION)
            elif now - signed_in_at > settings.QINGDAN_SESSION_MAX_HOURS * 3600:
                _end(request, EXPIRED_LOGOUT_ACTION)
            elif now - last_seen > settings.QINGDAN_IDLE_MINUTES * 60:
                _end(request, IDLE_LOGOUT_ACTION)
            elif now - last_seen >= settings.QINGDAN_IDLE_WRITE_SECONDS or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            add_never_cache_headers(response)  # no-store, no-cache, must-revalidate, private
        response.setdefault("Permissions-Policy", settings.QINGDAN_PERMISSIONS_POLICY)
        return response


# 17 digits and a check character, not part of a longer run of letters or digits.
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def holds_id_number(text: str) -> bool:
    """Whether the text holds a valid 18-character resident ID number (GB 11643: birth date, check digit).

    Full-width digits count too (NFKC).
    """
    text = unicodedata.normalize("NFKC", text)
    return any(ric.is_valid(match.group()) for match in _CANDIDATE.finditer(text))


class IdNumberInQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("QUERY_STRING") and any(
            holds_id_number(key) or any(holds_id_number(value) for value in values)
            for key, values in request.GET.lists()
        ):
            message = _(
                "An ID number may not be sent in a web address (addresses are kept in logs). "
                "Use the search form, which sends it in the request body."
            )
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
