"""The gate itself: visible rows, one object or 404, and may-this-person-do-this."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Division, Unit

from .permissions import ROLE_PERMISSIONS, Permission
from .rules import RULES
from .scope import SYSTEM, county_of, scope_root

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
    return found


def _division_of(obj) -> Division | None:
    if obj is None or isinstance(obj, Division):
        return obj
    return getattr(obj, "division", None)


def _in_scope(user, obj, root: Division) -> bool:
    division = _division_of(obj)
    return division is None or root.contains(division)


# Permissions that ask more of an existing object than lying inside the scope (the default rule).
OBJECT_RULES: dict[Permission, Callable[[Any, Any, Division], bool]] = {
    # A checklist is changed by its own unit only.
    Permission.MANAGE_CHECKLIST: lambda user, obj, root: (
        _in_scope(user, obj, root) and obj.owner_unit_id == user.unit_id
    ),
    # A department records the meetings and documents of the bodies it leads.
    Permission.RECORD_BODY_WORK: lambda user, obj, root: (
        _in_scope(user, obj, root) and (user.role != Role.DEPT_CLERK or obj.lead_unit_id == user.unit_id)
    ),
    # Progress on a checklist row is reported by the person it names, wherever their unit sits.
    Permission.REPORT_PROGRESS: lambda user, obj, root: obj.responsible_id == user.pk,
}


def can(user, permission: Permission, obj=None) -> bool:
    """May the user do this? Their role must allow it, and the object must lie inside their scope (or
    meet the permission's own rule in OBJECT_RULES)."""
    if user is SYSTEM:
        return True
    root = scope_root(user)
    if root is None or user.role not in ROLE_PERMISSIONS[permission]:
        return False
    if obj is None:
        return True
    # Acting on a division (creating something in it) needs only the scope.
    rule = _in_scope if isinstance(obj, Division) else OBJECT_RULES.get(permission, _in_scope)
    return rule(user, obj, root)


def require(user, permission: Permission, obj=None) -> None:
    if not can(user, permission, obj):
        raise PermissionDenied


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
    return departments.filter(county=county_of(root))
