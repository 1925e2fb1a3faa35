"""API authentication: a bearer token for other systems, or the browser session (with CSRF on writes).

The token is tried first, so a system that sends `Authorization: Bearer <token>` never needs a CSRF
token. A browser request carries no such header and falls through to its session, where every unsafe
method must pass Django's CSRF check, exactly as the pages do.

Both set `request.user` and `request.auth` to the signed-in person.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .models import ApiToken, hash_token


class BearerToken(HttpBearer):
    """A token made for a user (only its hash is stored); refused once revoked or while the user is
    inactive or locked out."""

    def authenticate(self, request, token: str):
        token = token.strip()
        if not token:
            return None
        api_token = (
            ApiToken.objects.select_related("user__unit__division")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True)
            .first()
        )
        if api_token is None:
            return None
        user = api_token.user
        if not user.is_active or user.is_locked():
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = user
        return user


class BrowserSession(APIKeyCookie):
    """The signed-in browser session. The CSRF check runs only for a signed-in session, so that a
    request with neither a session nor a token answers 401, not 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, _("The CSRF check failed. Reload the page and try again."))
        return user


def SessionOrToken():
    return [BearerToken(), BrowserSession()]
