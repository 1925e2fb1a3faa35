"""The gate itself: visible rows, one object or 404, and may-this-person-do-this."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from qingdan.orgs.choices import Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit

from .objects import DIVISION_RULES, OBJECT_RULES, SEEN_BY, in_scope, seen
from .permissions import ROLE_PERMISSIONS, Permission
from .rules import RULES
from .scope import SYSTEM, scope_root

M = TypeVar("M", bound=Model)


def visible(queryset: QuerySet, user) -> QuerySet:
    """The rows of `queryset` the user may see. Unknown models are refused, not passed through."""
    if user is SYSTEM:
        return queryset
    root = scope_root(user)
    if root is None:
        return queryset.none()
    rule = RULES[queryset.model._meta.label_lower]
    return queryset.filter(rule(user, root))


def visible_divisions(user) -> QuerySet[Division]:
    return visible(Division.objects.all(), user)


def get_visible_or_404(queryset: QuerySet[M] | type[M], user, **lookup) -> M:
    """One row the user may see; the same 404 whether it is missing or outside their scope."""
    qs: QuerySet[M] = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    found = visible(qs, user).filter(**lookup).first()
    if found is None:
        raise Http404
    if user is not SYSTEM:
        setattr(found, SEEN_BY, user.pk)  # the object rule `seen` need not ask again
    return found


def can(user, permission: Permission, obj=None) -> bool:
    """May the user do this? Their role must allow it, and the object must meet the permission's object
    rule (objects.OBJECT_RULES, or DIVISION_RULES when acting on a division; by default: inside the scope)."""
    if user is SYSTEM:
        return True
    root = scope_root(user)
    if root is None or user.role not in ROLE_PERMISSIONS[permission]:
        return False
    if obj is None:
        return True
    rules = DIVISION_RULES if isinstance(obj, Division) else OBJECT_RULES
    return rules.get(permission, in_scope)(user, obj, root)


def require(user, permission: Permission, obj=None) -> None:
    if not can(user, permission, obj):
        raise PermissionDenied


def require_seen(user, obj) -> None:
    """PermissionDenied unless the person sees `obj`: for a step that reads one object to act elsewhere
    (copying a checklist someone else keeps into one's own unit)."""
    if user is SYSTEM:
        return
    root = scope_root(user)
    if root is None or not seen(user, obj, root):
        raise PermissionDenied


def own_division(user, permission: Permission) -> Division | None:
    """The division at the top of the person's scope when they may do `permission` there (start something
    of their own unit, e.g. a checklist); else None, and always None for SYSTEM, which has no unit."""
    root = scope_root(user)
    return root if root is not None and can(user, permission, root) else None


def require_own_division(user, permission: Permission) -> Division:
    """own_division, or PermissionDenied."""
    division = own_division(user, permission)
    if division is None:
        raise PermissionDenied
    return division


def user_county(user) -> Division | None:
    """The county the person works in, or None above county level (a city or provincial supervisor) and
    for anyone without a scope."""
    root = scope_root(user)
    if root is None:
        return None
    county = root.county_division()
    return county if county.level == Level.COUNTY else None


def require_county(user) -> Division:
    """user_county, or PermissionDenied: for pages and endpoints that work on the person's county."""
    county = user_county(user)
    if county is None:
        raise PermissionDenied
    return county


def mirror_units(user) -> QuerySet[Unit]:
    """The units whose mirror view (the catalog items naming them as 责任单位) the user may read:
    a department clerk their own unit only, everyone else every unit in scope."""
    units = visible(Unit.objects.all(), user)
    if user is not SYSTEM and getattr(user, "role", None) == Role.DEPT_CLERK:
        units = units.filter(pk=user.unit_id)
    return units


def county_departments(user) -> QuerySet[Unit]:
    """The county departments a person may name, e.g. in a complaint about a demand that bypassed the
    platform: every active department of their county, whichever part of it they see."""
    departments = Unit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True).order_by("name")
    if user is SYSTEM:
        return departments
    root = scope_root(user)
    if root is None:
        return departments.none()
    return departments.filter(county=root.county_division())
