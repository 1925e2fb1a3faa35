"""What every app's actions share: the allowed-and-visible check, row locks, text checks and links.

require(user, permission, obj)   the role allows it and the user sees the object (else 403)
locked(obj)                      the row again, locked until the transaction ends
clean_text(value, label=…)       stripped text, refused (ActionRefused) when empty or too long
link(name, *args)                an object's page, or "" while its app's pages are not mounted
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.errors import ActionRefused

M = TypeVar("M", bound=Model)

MAX_TEXT = limits.TEXT_CHARS  # characters of a text, a statement, a purpose or a complaint


def require(user, permission: Permission, obj: Model) -> None:
    """The role must allow it, the object must lie in the user's scope, and the user must see it
    (a clerk sees only their own department's orders and forms, though the whole county is their scope)."""
    access.require(user, permission, obj)
    access.require_seen(user, obj)


def locked(obj: M) -> M:
    """The row again, locked until the transaction ends (PostgreSQL; SQLite serialises writers)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def clean_text(
    value: str | None, *, label: str, required: bool = True, limit: int = MAX_TEXT, empty: str = ""
) -> str:
    """Stripped text, refused when empty (if required) or longer than `limit`, naming the field.

    `empty` is the caller's own refusal of a missing value, with %(field)s (bodies: "Fill in %(field)s.");
    without it, "%(field)s is empty."."""
    text = (value or "").strip()
    if required and not text:
        raise ActionRefused((empty or _("%(field)s is empty.")) % {"field": label})
    if len(text) > limit:
        raise ActionRefused(
            _("%(field)s is %(length)d characters long; at most %(limit)d are accepted.")
            % {"field": label, "length": len(text), "limit": limit}
        )
    return text


def clean_reason(value: str | None, *, label: str, required: bool = True) -> str:
    """A reason or a note beside a decision: clean_text bounded by limits.REASON_CHARS."""
    return clean_text(value, label=label, required=required, limit=limits.REASON_CHARS)


def link(name: str, *args) -> str:
    """The page of an object, or "" while the app's pages are not mounted."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
