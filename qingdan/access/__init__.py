"""The one access gate: who may see what, and who may do what.

    scope.py        a person's scope (their unit's division and below) as a range of division codes
    rules.py        one visibility rule per model
    permissions.py  the role → permission table
    objects.py      object rules: what a permission asks of one object (composable, e.g. in_scope & seen)
    gate.py         visible(), get_visible_or_404(), can(), require()

Every view, API endpoint, command and action asks here; nothing else filters by scope, and nothing else
raises PermissionDenied.

    visible(queryset, user)           the rows the user may see (lists never show anything else)
    get_visible_or_404(qs, user, **k) one row, or Http404 for "missing" and "not yours" alike
    can(user, permission, obj)        may the user do this to this object?
    require(user, permission, obj)    the same, raising PermissionDenied (403) when not
    require_seen(user, obj)           403 unless the user sees obj (reading one thing to act elsewhere)
    own_division(user, permission)    the top of the user's scope if they may do this there, else None
    require_own_division(user, perm)  the same, or 403
    user_county(user)                 the county the user works in (None above county level)
    require_county(user)              the same, or 403
    scope_root(user)                  the division at the top of the user's scope
    mirror_units(user)                units whose mirror view (items naming them) the user may read
    county_departments(user)          the departments of the user's county, which anyone there may name
    SYSTEM                            the command-line operator, who may do anything (commands only)
"""

from .gate import (
    can,
    county_departments,
    get_visible_or_404,
    mirror_units,
    own_division,
    require,
    require_county,
    require_own_division,
    require_seen,
    user_county,
    visible,
    visible_divisions,
)
from .permissions import Permission
from .scope import SYSTEM, scope_root

__all__ = [
    "SYSTEM",
    "Permission",
    "can",
    "county_departments",
    "get_visible_or_404",
    "mirror_units",
    "own_division",
    "require",
    "require_county",
    "require_own_division",
    "require_seen",
    "scope_root",
    "user_county",
    "visible",
    "visible_divisions",
]
