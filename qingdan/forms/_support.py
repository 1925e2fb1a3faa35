"""What the forms actions share: access checks, row locks, text checks, who to tell, links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division, User

M = TypeVar("M", bound=Model)

MAX_TEXT = 20_000  # characters of a purpose or a reason


def require(user, permission: Permission, obj: Model) -> None:
    """The role must allow it, the object must lie in the user's scope, and the user must see it
    (a clerk sees only their own department's forms, though the whole county is their scope)."""
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


def county_of(user) -> Division:
    """The county a person works in (a department's, an office's, a township's or a village's)."""
    unit = user.unit
    return unit.county or unit.division.county or unit.division


def seconds_per_field() -> int:
    """The estimated time to type one value by hand (settings.QINGDAN_SECONDS_PER_FIELD)."""
    return int(getattr(settings, "QINGDAN_SECONDS_PER_FIELD", 20))


def link(name: str, *args) -> str:
    """The page of an object, or "" while the forms pages are not mounted."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _people(**lookup) -> QuerySet[User]:
    return User.objects.filter(is_active=True, unit__is_active=True, **lookup).only("pk")


def reviewers_of(county: Division) -> QuerySet[User]:
    return _people(role=Role.REVIEWER, unit__county=county)


def clerks_of(unit) -> QuerySet[User]:
    return _people(role=Role.DEPT_CLERK, unit=unit)


def cadres_of(villages: Iterable[Division]) -> QuerySet[User]:
    return _people(role=Role.VILLAGE_CADRE, unit__division__in=list(villages))


def dictionary_keepers_of(county: Division) -> QuerySet[User]:
    return _people(role=Role.CATALOG_OFFICE, unit__county=county)
