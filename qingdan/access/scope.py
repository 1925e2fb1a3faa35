"""Scopes. A person's scope is their unit's division and every division below it; codes are hierarchical,
so "a division and everything below it" is one range of codes.
"""

from __future__ import annotations

from django.db.models import Q

from qingdan.orgs.choices import CODE_PREFIX_LENGTH, Level
from qingdan.orgs.models import Division, subtree_bounds

NOTHING = Q(pk__in=[])


class SystemActor:
    """The operator at the server's command line, who already holds the database: acts everywhere.

    Only management commands use it; nothing reachable from the web can produce one.
    """

    is_system = True
    is_authenticated = True
    is_active = True
    pk = None
    role = "system"

    def get_username(self) -> str:
        return "system"

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def scope_root(user) -> Division | None:
    """The division at the top of the user's scope, or None when they have no scope at all."""
    if user is SYSTEM:
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not user.role or user.unit_id is None or not user.unit.is_active:
        return None
    return user.unit.division


def within(path: str, root: Division) -> Q:
    low, high = subtree_bounds(root.code, root.level)
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}code__gte": low, f"{prefix}code__lte": high})


def counties_within(path: str, root: Division) -> Q:
    """Rows whose county (the foreign key at `path`) lies in the root's subtree, asked on the key itself so
    that an index starting with the county serves it (within() on the county's code needs a join that a
    province-sized table cannot use an index for). The root is a county or above."""
    if root.level == Level.COUNTY:
        return Q(**{f"{path}_id": root.pk})
    counties = Division.objects.filter(within("", root), level=Level.COUNTY).values("pk")
    return Q(**{f"{path}_id__in": counties})


def is_grassroots(root: Division) -> bool:
    return root.level in (Level.TOWNSHIP, Level.VILLAGE)


def divisions_above(root: Division) -> list[str]:
    """The codes of the divisions above the root: its township, county, city and province."""
    own = CODE_PREFIX_LENGTH[Level(root.level)]
    return [root.code[:n].ljust(12, "0") for n in CODE_PREFIX_LENGTH.values() if n < own]
