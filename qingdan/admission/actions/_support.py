"""What the admission actions share: access checks, row locks, input checks, who to tell, links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division, User

M = TypeVar("M", bound=Model)

MAX_TEXT = 20_000  # characters of an order's text, a statement, a reason or a complaint
MAX_NOTE = 500  # characters of a task report's note


def require(user, permission: Permission, obj: Model) -> None:
    """The role must allow it, the object must lie in the user's scope, and the user must see it
    (a clerk sees only their own department's orders, though the whole county is their scope)."""
    access.require(user, permission, obj)
    if not access.visible(type(obj)._default_manager.filter(pk=obj.pk), user).exists():
        raise PermissionDenied


def locked(obj: M) -> M:
    """The row again, locked until the transaction ends (PostgreSQL; SQLite serialises writers)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def clean_text(value: str | None, *, label: str, required: bool = True, limit: int = MAX_TEXT) -> str:
    """Stripped text, refused when empty (if required) or longer than `limit`, naming the field."""
    text = (value or "").strip()
    if required and not text:
        raise ActionRefused(_("%(field)s is empty.") % {"field": label})
    if len(text) > limit:
        raise ActionRefused(
            _("%(field)s is %(length)d characters long; at most %(limit)d are accepted.")
            % {"field": label, "length": len(text), "limit": limit}
        )
    return text


def county_of_unit(user) -> Division:
    unit = user.unit
    return unit.county or unit.division.county or unit.division


def link(name: str, *args) -> str:
    """The page of an object, or "" while the admission pages are not mounted."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _people(**lookup) -> Iterable[User]:
    return User.objects.filter(is_active=True, unit__is_active=True, **lookup).only("pk")


def reviewers_of(county: Division) -> Iterable[User]:
    return _people(role=Role.REVIEWER, unit__county=county)


def dispatchers_of(townships: Iterable[Division]) -> Iterable[User]:
    return _people(role=Role.TOWNSHIP_DISPATCHER, unit__division__in=list(townships))


def cadres_of(villages: Iterable[Division]) -> Iterable[User]:
    return _people(role=Role.VILLAGE_CADRE, unit__division__in=list(villages))


def clerks_of(unit) -> Iterable[User]:
    return _people(role=Role.DEPT_CLERK, unit=unit)
